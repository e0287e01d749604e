package io.confirmloop.calendar;

import java.io.Serializable;

import io.confirmloop.system.AppClock;
import io.confirmloop.system.WorkQueue;
import io.confirmloop.system.WorkQueues;
import org.springframework.stereotype.Component;

/**
 * The durable queue of changed events: one item per change, added in the transaction that stored
 * the change, taken in by {@link EventChangeHandler} in a transaction of its own on any node.
 * A change whose attempts all fail is recorded on the event ({@code apply_error}), which the
 * calendar's sync status, health and metrics show, and is tried again by the next sync.
 */
@Component
class EventChanges {

    static final String QUEUE = "calendar-event-changes";

    /** A queue item: which event changed. */
    record EventChanged(String calendarId, String eventId) implements Serializable {
    }

    private final WorkQueue<EventChanged> queue;

    EventChanges(WorkQueues queues, EventChangeHandler handler, CalendarEventStore store, AppClock clock) {
        this.queue = queues.create(QUEUE, WorkQueue.Delivery.IN_TRANSACTION,
                item -> handler.apply(item.calendarId(), item.eventId()),
                (item, error, attempts) -> store.recordApplyFailure(item.calendarId(), item.eventId(), describe(error), clock.now()));
    }

    /** The event changed (or was removed): the appointment side looks at it once this transaction commits. */
    public void changed(String calendarId, String eventId) {
        queue.enqueue(new EventChanged(calendarId, eventId));
    }

    public int pending() {
        return queue.pending();
    }

    static String describe(Throwable error) {
        if (error == null) {
            return "unknown error";
        }
        String message = error.getMessage();
        return error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
