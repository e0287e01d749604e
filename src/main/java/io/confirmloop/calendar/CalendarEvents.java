package io.confirmloop.calendar;

/** Facts the calendar feature publishes (synchronously, in the caller's transaction). Changed events go through {@link EventChanges}. */
public final class CalendarEvents {

    private CalendarEvents() {
    }

    /** The calendar was switched off (nothing is sent, no task is created) or on again (plans are made afresh). */
    public record CalendarSwitched(String calendarId, boolean active) {
    }

    /** The calendar is about to be deleted with all its appointments. */
    public record CalendarDeleting(String calendarId) {
    }
}
