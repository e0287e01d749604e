package io.confirmloop.calendar;

/**
 * Takes in one changed event of a calendar (implemented by the appointment side). It reads the
 * event as it is stored now, so it is the same whether it runs once or twice, early or late: a
 * move and then a removal of one event always end as a removal.
 */
public interface EventChangeHandler {

    /** Called in a transaction of its own; throws to have the change tried again. */
    void apply(String calendarId, String eventId);
}
