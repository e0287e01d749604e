package io.confirmloop.calendar;

import java.time.Instant;
import java.util.function.UnaryOperator;

import io.confirmloop.system.AppClock;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes events into a calendar through its provider, and hands each change to the appointment
 * side. The built-in calendar's write and its queue item commit together; a provider calendar is
 * called with no transaction open, then its stored copy and the queue item commit together.
 */
@Service
public class CalendarEventWriter {

    private static final int MAX_CONFLICTS = 3;

    private final CalendarProviders providers;
    private final CalendarConnections connections;
    private final CalendarEventStore store;
    private final EventChanges changes;
    private final TransactionTemplate tx;
    private final AppClock clock;
    private final CalendarSignIns signIns;

    CalendarEventWriter(CalendarProviders providers, CalendarConnections connections, CalendarEventStore store, EventChanges changes,
            TransactionTemplate tx, AppClock clock, CalendarSignIns signIns) {
        this.signIns = signIns;
        this.providers = providers;
        this.connections = connections;
        this.store = store;
        this.changes = changes;
        this.tx = tx;
        this.clock = clock;
    }

    public ProviderEvent create(Calendar calendar, NewEvent event) {
        return write(calendar, provider -> provider.create(connections.access(calendar), event));
    }

    public ProviderEvent move(Calendar calendar, String eventId, Instant start, Instant end) {
        return write(calendar, provider -> provider.move(connections.access(calendar), eventId, start, end));
    }

    public void delete(Calendar calendar, String eventId) {
        CalendarProvider provider = providers.of(calendar);
        if (provider.keepsEventsLocally()) {
            tx.executeWithoutResult(s -> {
                provider.delete(connections.access(calendar), eventId);
                changes.changed(calendar.id(), eventId);
            });
            return;
        }
        provider.delete(connections.access(calendar), eventId);
        tx.executeWithoutResult(s -> {
            if (store.markDeleted(calendar.id(), eventId, clock.now())) {
                changes.changed(calendar.id(), eventId);
            }
        });
    }

    /**
     * Rewrites the event's description with {@code change}, against the version last seen; if the
     * event changed meanwhile it is read again (and its new content taken in) and the change made
     * anew. The stored copy keeps the version written, so the write never comes back as a change.
     *
     * @throws CalendarProviderException.NotFound if the event is gone
     */
    public ProviderEvent updateDescription(Calendar calendar, String eventId, UnaryOperator<String> change) {
        if (signIns.state(calendar.id()) != CalendarRepository.ConnectionState.CONNECTED) {
            throw new CalendarProviderException.Unavailable("The calendar is paused until its owner signs in again", null, null);
        }
        try {
            return rewrite(calendar, eventId, change);
        } catch (CalendarProviderException.Unauthorized e) {
            signIns.refused(calendar, e.getMessage(), clock.now());
            throw e;
        }
    }

    private ProviderEvent rewrite(Calendar calendar, String eventId, UnaryOperator<String> change) {
        CalendarProvider provider = providers.of(calendar);
        CalendarAccess access = connections.access(calendar);
        ProviderEvent current = store.find(calendar.id(), eventId).filter(e -> !e.deleted()).map(CalendarEventStore.StoredEvent::event)
                .orElseGet(() -> readAndKeep(calendar, provider, access, eventId));
        for (int attempt = 1; ; attempt++) {
            String wanted = change.apply(current.description());
            if (wanted.equals(current.description() == null ? "" : current.description())) {
                return current;
            }
            try {
                ProviderEvent written = provider.updateDescription(access, eventId, current.version(), wanted);
                if (!provider.keepsEventsLocally()) {
                    keep(calendar, written);
                }
                return written;
            } catch (CalendarProviderException.VersionConflict e) {
                if (attempt >= MAX_CONFLICTS) {
                    throw e;
                }
                current = readAndKeep(calendar, provider, access, eventId);
            }
        }
    }

    private ProviderEvent readAndKeep(Calendar calendar, CalendarProvider provider, CalendarAccess access, String eventId) {
        ProviderEvent fresh = provider.read(access, eventId)
                .orElseThrow(() -> new CalendarProviderException.NotFound("The event " + eventId + " is gone from the calendar", null));
        if (!provider.keepsEventsLocally()) {
            keep(calendar, fresh);
        }
        return fresh;
    }

    /** Stores what a provider calendar answered; a change of what the appointment side reads is queued. */
    private void keep(Calendar calendar, ProviderEvent event) {
        tx.executeWithoutResult(s -> {
            if (store.save(calendar.id(), event, clock.now())) {
                changes.changed(calendar.id(), event.eventId());
            }
        });
    }

    /** The owner's edit of an event of the built-in calendar (title, description, location, times). */
    ProviderEvent replaceBuiltIn(Calendar calendar, String eventId, NewEvent fields) {
        return write(calendar, provider -> ((InternalCalendar) provider).replace(connections.access(calendar), eventId, fields));
    }

    private ProviderEvent write(Calendar calendar, java.util.function.Function<CalendarProvider, ProviderEvent> write) {
        CalendarProvider provider = providers.of(calendar);
        if (provider.keepsEventsLocally()) {
            return tx.execute(s -> {
                ProviderEvent written = write.apply(provider);
                changes.changed(calendar.id(), written.eventId());
                return written;
            });
        }
        ProviderEvent written = write.apply(provider);
        keep(calendar, written);
        return written;
    }
}
