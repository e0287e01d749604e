package io.confirmloop.calendar;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;

import io.confirmloop.system.AppClock;
import io.confirmloop.system.SweepBackoff;
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
    private final CalendarEventStore store;
    private final EventChanges changes;
    private final RenewableLockRegistry locks;
    private final TransactionTemplate tx;
    private final AppClock clock;
    private final SyncSettings settings;
    private final ProviderReader reader;
    private final CalendarSignIns signIns;

    CalendarSync(CalendarRepository calendars, CalendarProviders providers, CalendarEventStore store,
            EventChanges changes, RenewableLockRegistry locks, TransactionTemplate tx, AppClock clock, SyncSettings settings, ProviderReader reader,
            CalendarSignIns signIns) {
        this.reader = reader;
        this.signIns = signIns;
        this.calendars = calendars;
        this.providers = providers;
        this.store = store;
        this.changes = changes;
        this.locks = locks;
        this.tx = tx;
        this.clock = clock;
        this.settings = settings;
    }

    @Scheduled(fixedDelayString = "${confirmloop.sync.interval}", initialDelayString = "${confirmloop.sync.initial-delay:PT20S}")
    void syncAll() {
        for (Calendar calendar : calendars.findDueForSync(clock.now())) {
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
            if (calendar.isPresent() && calendars.connectionState(calendarId) != CalendarRepository.ConnectionState.CONNECTED) {
                String why = "The calendar is not connected: its owner has to sign in to it again";
                return new Result(calendarId, Result.Status.FAILED, clock.now(), 0, 0, 0, 0, false, why);
            }
            return calendar.map(c -> syncLocked(c, () -> locks.renewLock(key)))
                    .orElseGet(() -> new Result(calendarId, Result.Status.SYNCED, clock.now(), 0, 0, 0, 0, false, null));
        } finally {
            lock.unlock();
        }
    }

    private Result syncLocked(Calendar calendar, Runnable stillMine) {
        Instant now = clock.now();
        SyncCounts counts = new SyncCounts();
        try {
            CalendarProvider provider = providers.of(calendar);
            if (!provider.keepsEventsLocally()) {
                reader.read(calendar, provider, now, counts, stillMine);
            }
            counts.queued += queueNotApplied(calendar.id(), now, false);
            calendars.markSynced(calendar.id(), now);
            return counts.result(calendar.id(), Result.Status.SYNCED, now, null);
        } catch (CalendarProviderException.Unauthorized e) {
            signIns.refused(calendar, e.getMessage(), now);
            return counts.result(calendar.id(), Result.Status.FAILED, now, e.getMessage());
        } catch (RuntimeException e) {
            String error = describe(e);
            if (e instanceof CalendarProviderException.Unavailable unavailable) {
                signIns.backOff(calendar, unavailable.retryAfter(), now);
            }
            log.warn("Sync of calendar {} failed; nothing was removed, and it is tried again at the next round: {}", calendar.id(), error);
            calendars.markSyncFailed(calendar.id(), now, error);
            return counts.result(calendar.id(), Result.Status.FAILED, now, error);
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
        return !event.applyFailedAt().isAfter(now.minus(SweepBackoff.after(Math.max(1, event.applyFailures()))));
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

}
