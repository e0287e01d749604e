package io.confirmloop.calendar;

import java.time.Instant;

/** Running totals of one sync. */
final class SyncCounts {
    int read;
    int changed;
    int removed;
    int queued;
    boolean held;

    CalendarSync.Result result(String calendarId, CalendarSync.Result.Status status, Instant at, String error) {
        return new CalendarSync.Result(calendarId, status, at, read, changed, removed, queued, held, error);
    }
}
