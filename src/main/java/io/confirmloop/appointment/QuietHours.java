package io.confirmloop.appointment;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * No texts between {@code start} and {@code end} (e.g. 21:00–08:00) in the calendar's zone. A
 * text due then moves to the nearest allowed moment that is not in the past and still before the
 * appointment: the last minute before quiet hours began, or the moment they end.
 */
final class QuietHours {

    private final LocalTime start;
    private final LocalTime end;

    QuietHours(LocalTime start, LocalTime end) {
        this.start = start;
        this.end = end;
    }

    boolean isQuiet(Instant at, ZoneId zone) {
        LocalTime t = at.atZone(zone).toLocalTime();
        return start.isAfter(end) ? !t.isBefore(start) || t.isBefore(end) : !t.isBefore(start) && t.isBefore(end);
    }

    /** The moment to send a text due at {@code due}; empty if no allowed moment fits. */
    Optional<Instant> adjust(Instant due, Instant appointmentStart, Instant now, ZoneId zone) {
        if (!isQuiet(due, zone)) {
            return Optional.of(due);
        }
        ZonedDateTime local = due.atZone(zone);
        // The quiet period containing `due` began at `start` today or yesterday and ends at `end` today or tomorrow.
        ZonedDateTime quietBegan = local.with(start);
        if (quietBegan.isAfter(local)) {
            quietBegan = quietBegan.minusDays(1);
        }
        ZonedDateTime quietEnds = local.with(end);
        if (!quietEnds.isAfter(local)) {
            quietEnds = quietEnds.plusDays(1);
        }
        Instant before = quietBegan.minusMinutes(1).toInstant();
        Instant after = quietEnds.toInstant();
        boolean beforeFits = !before.isBefore(now);
        boolean afterFits = after.isBefore(appointmentStart);
        if (beforeFits && afterFits) {
            return Optional.of(Duration.between(before, due).compareTo(Duration.between(due, after)) <= 0 ? before : after);
        }
        if (beforeFits) {
            return Optional.of(before);
        }
        return afterFits ? Optional.of(after) : Optional.empty();
    }

    private static final class Duration {
        static java.time.Duration between(Instant a, Instant b) {
            return java.time.Duration.between(a, b);
        }
    }
}
