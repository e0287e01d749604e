package io.confirmloop.calendar;

/** Facts the calendar feature publishes (synchronously, in the caller's transaction). Changed events go through {@link EventChanges}. */
public final class CalendarEvents {

    private CalendarEvents() {
    }

    /** The calendar is about to be deleted with all its appointments. */
    public record CalendarDeleting(String calendarId) {
    }
}
