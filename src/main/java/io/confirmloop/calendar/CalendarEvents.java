package io.confirmloop.calendar;

/** Facts the calendar feature publishes (synchronously, in the caller's transaction). */
public final class CalendarEvents {

    private CalendarEvents() {
    }

    /** Events of the calendar changed (or its settings did): sync it now. */
    public record CalendarChanged(String calendarId) {
    }

    /** The calendar is about to be deleted with all its appointments. */
    public record CalendarDeleting(String calendarId) {
    }
}
