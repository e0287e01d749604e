package io.confirmloop.calendar;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the stored copy of a provider calendar current: from its change cursor where the provider
 * has one, else (and every {@code full-interval}) by reading the window page by page. No provider
 * call runs in a transaction; each page is stored in one. An event is removed only when the change
 * feed says so, or when a complete listing lacks it and reading it alone confirms it is gone.
 */
@Component
class ProviderReader {

    private static final Logger log = LoggerFactory.getLogger(ProviderReader.class);

    private final CalendarRepository calendars;
    private final CalendarConnections connections;
    private final CalendarEventStore store;
    private final EventChanges changes;
    private final TransactionTemplate tx;
    private final SyncSettings settings;

    ProviderReader(CalendarRepository calendars, CalendarConnections connections, CalendarEventStore store, EventChanges changes,
            TransactionTemplate tx, SyncSettings settings) {
        this.calendars = calendars;
        this.connections = connections;
        this.store = store;
        this.changes = changes;
        this.tx = tx;
        this.settings = settings;
    }

    void read(Calendar calendar, CalendarProvider provider, Instant now, SyncCounts counts, Runnable stillMine) {
        CalendarAccess access = connections.access(calendar);
        CalendarRepository.SyncState state = calendars.syncState(calendar.id());
        boolean fullDue = state.cursor() == null || state.lastFullSyncAt() == null
                || state.lastFullSyncAt().isBefore(now.minus(settings.fullInterval()));
        if (!fullDue) {
            try {
                if (readChanges(calendar, provider, access, state.cursor(), now, counts, stillMine)) {
                    return;
                }
            } catch (CalendarProviderException.CursorExpired e) {
                log.info("The change cursor of calendar {} expired; reading its whole window", calendar.id());
                calendars.saveCursor(calendar.id(), null);
            }
        }
        readWindow(calendar, provider, access, state.lastAttemptFailed(), now, counts, stillMine);
    }

    /** The changes since the cursor, page by page; false if the provider has no change feed. */
    private boolean readChanges(Calendar calendar, CalendarProvider provider, CalendarAccess access, String cursor, Instant now,
            SyncCounts counts, Runnable stillMine) {
        String pageToken = null;
        String nextCursor = cursor;
        do {
            Optional<ChangePage> answer = provider.changesSince(access, cursor, pageToken);
            if (answer.isEmpty()) {
                return false;
            }
            ChangePage page = answer.get();
            counts.read += page.changed().size();
            tx.executeWithoutResult(s -> {
                storeChanged(calendar, page.changed(), now, counts);
                for (String removed : page.removed()) {
                    if (store.markDeleted(calendar.id(), removed, now)) {
                        counts.removed++;
                        changes.changed(calendar.id(), removed);
                    }
                }
            });
            pageToken = page.nextPageToken();
            nextCursor = page.cursor();
            stillMine.run();
        } while (pageToken != null);
        calendars.saveCursor(calendar.id(), nextCursor);
        return true;
    }

    /** The whole window, page by page; removals only once the listing is complete. */
    private void readWindow(Calendar calendar, CalendarProvider provider, CalendarAccess access, boolean lastAttemptFailed,
            Instant now, SyncCounts counts, Runnable stillMine) {
        Instant from = now;
        Instant to = now.plus(settings.lookahead());
        List<String> listed = new ArrayList<>();
        String pageToken = null;
        String cursor = null;
        do {
            WindowPage page = provider.readWindow(access, from, to, pageToken);
            counts.read += page.events().size();
            tx.executeWithoutResult(s -> storeChanged(calendar, page.events(), now, counts));
            page.events().forEach(e -> listed.add(e.eventId()));
            pageToken = page.nextPageToken();
            cursor = page.cursor();
            stillMine.run();
        } while (pageToken != null);

        Set<String> missing = WindowDiff.missing(store.liveIdsOverlapping(calendar.id(), from, to), listed);
        if (WindowDiff.holdRemovals(listed, missing, lastAttemptFailed)) {
            log.warn("Calendar {} answered an empty window right after a failed attempt; {} events are kept until the next sync confirms",
                    calendar.id(), missing.size());
            counts.held = true;
        } else {
            verifyMissing(calendar, provider, access, missing, now, counts);
        }
        // removals held back: no cursor, so the next sync reads the window again and confirms them
        calendars.markFullSync(calendar.id(), counts.held ? null : cursor, now);
        store.pruneEnded(calendar.id(), now.minus(Duration.ofDays(1)));
    }

    /** Stores the events whose version differs from the stored copy; call inside a transaction. */
    private void storeChanged(Calendar calendar, List<ProviderEvent> events, Instant now, SyncCounts counts) {
        Map<String, String> versions = store.versions(calendar.id(), events.stream().map(ProviderEvent::eventId).toList());
        for (ProviderEvent event : WindowDiff.changed(events, versions)) {
            counts.changed++;
            if (store.save(calendar.id(), event, now)) {
                changes.changed(calendar.id(), event.eventId());
            }
        }
    }

    /** Each event a complete listing lacked is read alone: gone → removed; moved out of the window → stored as it is now. */
    private void verifyMissing(Calendar calendar, CalendarProvider provider, CalendarAccess access, Set<String> missing, Instant now,
            SyncCounts counts) {
        List<String> ids = new ArrayList<>(missing).subList(0, Math.min(missing.size(), settings.verifyLimit()));
        for (String eventId : ids) {
            Optional<ProviderEvent> current = provider.read(access, eventId);
            tx.executeWithoutResult(s -> {
                if (current.isEmpty()) {
                    if (store.markDeleted(calendar.id(), eventId, now)) {
                        counts.removed++;
                        changes.changed(calendar.id(), eventId);
                    }
                } else if (store.save(calendar.id(), current.get(), now)) {
                    counts.changed++;
                    changes.changed(calendar.id(), eventId);
                }
            });
        }
    }
}
