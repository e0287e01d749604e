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

    /**
     * The provider refused the calendar's sign-in (revoked or expired grant, changed password): the
     * calendar is no longer read or written until the owner reconnects it. Published once per
     * refusal, in the transaction that pauses the calendar.
     */
    public record SignInRefused(String calendarId, String reason) {
    }

    /** The owner signed in to the calendar's provider again, or for the first time (onboarding). */
    public record SignedIn(String calendarId) {
    }

    /** The demo account and its built-in calendar are there (each start of the embedded default); booking gives it hours. */
    public record DemoCalendarReady(String ownerGroup, String calendarId) {
    }
}
