package io.confirmloop.calendar;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;

import io.confirmloop.system.AppClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.integration.support.locks.RenewableLockRegistry;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reconciles each active calendar on a schedule (and on "sync now"), one node per calendar at a
 * time (JDBC lock registry). A provider calendar is read page by page, or from its change cursor;
 * only events with a new version are stored, and only a change of what the appointment side reads
 * becomes a queue item. No provider call runs in a transaction. An event is removed only when a
 * complete listing lacks it and reading it alone confirms it is gone, or when the change feed says
 * so: a failed or partial answer removes nothing. Last, every event whose change was not taken in
 * (a node died, or its attempts failed) is queued again — for the built-in calendar that is all
 * there is to do.
 */
@Component
class CalendarSync {

    private static final Logger log = LoggerFactory.getLogger(CalendarSync.class);

    /** What one sync did. */
    public record Result(String calendarId, Status status, Instant at, int eventsRead, int eventsChanged, int eventsRemoved,
            int changesQueued, boolean removalsHeld, String error) {

        public enum Status { SYNCED, FAILED, BUSY }
    }

    private final CalendarRepository calendars;
    private final CalendarProviders providers;
    private final CalendarConnections connections;
    private final CalendarEventStore store;
    private final EventChanges changes;
    private final RenewableLockRegistry locks;
    private final TransactionTemplate tx;
    private final AppClock clock;
    private final SyncSettings settings;

    CalendarSync(CalendarRepository calendars, CalendarProviders providers, CalendarConnections connections, CalendarEventStore store,
            EventChanges changes, RenewableLockRegistry locks, TransactionTemplate tx, AppClock clock, SyncSettings settings) {
        this.calendars = calendars;
        this.providers = providers;
        this.connections = connections;
        this.store = store;
        this.changes = changes;
        this.locks = locks;
        this.tx = tx;
        this.clock = clock;
        this.settings = settings;
    }

    @Scheduled(fixedDelayString = "${confirmloop.sync.interval}", initialDelayString = "${confirmloop.sync.initial-delay:PT20S}")
    void syncAll() {
        for (Calendar calendar : calendars.findActive()) {
            sync(calendar.id(), Duration.ZERO);
        }
    }

    /** "Sync now": waits a few seconds if another node is syncing the calendar, else answers BUSY. */
    public Result syncNow(String calendarId) {
        return sync(calendarId, Duration.ofSeconds(5));
    }

    private Result sync(String calendarId, Duration wait) {
        String key = "calendar-sync:" + calendarId;
        Lock lock = locks.obtain(key);
        if (!tryLock(lock, wait)) {
            return new Result(calendarId, Result.Status.BUSY, clock.now(), 0, 0, 0, 0, false, null);
        }
        try {
            Optional<Calendar> calendar = calendars.find(calendarId).filter(Calendar::active);
            return calendar.map(c -> syncLocked(c, () -> locks.renewLock(key)))
                    .orElseGet(() -> new Result(calendarId, Result.Status.SYNCED, clock.now(), 0, 0, 0, 0, false, null));
        } finally {
            lock.unlock();
        }
    }

    private Result syncLocked(Calendar calendar, Runnable stillMine) {
        Instant now = clock.now();
        Counts counts = new Counts();
        try {
            CalendarProvider provider = providers.of(calendar);
            if (!provider.keepsEventsLocally()) {
                readProvider(calendar, provider, now, counts, stillMine);
            }
            counts.queued += queueNotApplied(calendar.id(), now, false);
            calendars.markSynced(calendar.id(), now);
            return counts.result(calendar.id(), Result.Status.SYNCED, now, null);
        } catch (RuntimeException e) {
            String error = describe(e);
            log.warn("Sync of calendar {} failed; nothing was removed, and it is tried again at the next round: {}", calendar.id(), error);
            calendars.markSyncFailed(calendar.id(), now, error);
            return counts.result(calendar.id(), Result.Status.FAILED, now, error);
        }
    }

    private void readProvider(Calendar calendar, CalendarProvider provider, Instant now, Counts counts, Runnable stillMine) {
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
            Counts counts, Runnable stillMine) {
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
                Map<String, String> versions = store.versions(calendar.id(), page.changed().stream().map(ProviderEvent::eventId).toList());
                for (ProviderEvent event : WindowDiff.changed(page.changed(), versions)) {
                    counts.changed++;
                    if (store.save(calendar.id(), event, now)) {
                        changes.changed(calendar.id(), event.eventId());
                    }
                }
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
            Instant now, Counts counts, Runnable stillMine) {
        Instant from = now;
        Instant to = now.plus(settings.lookahead());
        List<String> listed = new ArrayList<>();
        String pageToken = null;
        String cursor = null;
        do {
            WindowPage page = provider.readWindow(access, from, to, pageToken);
            counts.read += page.events().size();
            tx.executeWithoutResult(s -> {
                Map<String, String> versions = store.versions(calendar.id(), page.events().stream().map(ProviderEvent::eventId).toList());
                for (ProviderEvent event : WindowDiff.changed(page.events(), versions)) {
                    counts.changed++;
                    if (store.save(calendar.id(), event, now)) {
                        changes.changed(calendar.id(), event.eventId());
                    }
                }
            });
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
        calendars.markFullSync(calendar.id(), cursor, now);
        store.pruneEnded(calendar.id(), now.minus(Duration.ofDays(1)));
    }

    /** Each event a complete listing lacked is read alone: gone → removed; moved out of the window → stored as it is now. */
    private void verifyMissing(Calendar calendar, CalendarProvider provider, CalendarAccess access, Set<String> missing, Instant now,
            Counts counts) {
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

    /**
     * Queues again every event whose latest change was not taken in: a change that just came in is
     * left to its own queue item for a grace period; one whose attempts failed waits longer each time.
     *
     * @param all true to queue every one at once (after a settings change)
     */
    int queueNotApplied(String calendarId, Instant now, boolean all) {
        Set<String> queued = new HashSet<>();
        tx.executeWithoutResult(s -> {
            for (CalendarEventStore.StoredEvent event : store.notApplied(calendarId)) {
                if (all || due(event, now)) {
                    changes.changed(calendarId, event.event().eventId());
                    queued.add(event.event().eventId());
                }
            }
        });
        return queued.size();
    }

    private boolean due(CalendarEventStore.StoredEvent event, Instant now) {
        if (event.applyFailedAt() == null) {
            return !event.changedAt().isAfter(now.minus(settings.changeGrace()));
        }
        long minutes = Math.min(60, 1L << Math.min(6, Math.max(0, event.applyFailures() - 1)));
        return !event.applyFailedAt().isAfter(now.minus(Duration.ofMinutes(minutes)));
    }

    private static boolean tryLock(Lock lock, Duration wait) {
        try {
            return wait.isZero() ? lock.tryLock() : lock.tryLock(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String describe(RuntimeException e) {
        return e instanceof CalendarProviderException || e.getMessage() == null ? String.valueOf(e.getMessage())
                : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** Running totals of one sync. */
    private static final class Counts {
        int read;
        int changed;
        int removed;
        int queued;
        boolean held;

        Result result(String calendarId, Result.Status status, Instant at, String error) {
            return new Result(calendarId, status, at, read, changed, removed, queued, held, error);
        }
    }
}
