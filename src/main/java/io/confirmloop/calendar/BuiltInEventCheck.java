package io.confirmloop.calendar;

/**
 * A rule or a follow-up another feature puts on the owner's edits of built-in events. It runs in the edit's
 * transaction, before the event is written, and refuses the edit with an
 * {@link io.confirmloop.system.ApiException} (nothing is written then).
 */
public interface BuiltInEventCheck {

    /** Called before the event {@code eventId} of {@code calendar} becomes {@code fields}. */
    void beforeReplace(Calendar calendar, CalendarEventStore.StoredEvent current, NewEvent fields);

    /** Called before the event is removed. */
    default void beforeDelete(Calendar calendar, CalendarEventStore.StoredEvent current) {
    }
}
