package io.confirmloop.booking;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The free slots of a worker: their availability windows (adjusted by the dated exceptions), cut
 * into slots on the event duration's grid in the worker's zone, minus every busy interval. Pure:
 * the caller reads the windows and the busy time.
 *
 * <p>Across DST the grid stays on the wall clock: a slot whose local start does not exist (the hour
 * skipped in spring) is left out, a local start that happens twice (the hour repeated in autumn)
 * is offered once, at its first occurrence, and every slot lasts exactly the duration.
 */
public final class FreeSlots {

    private static final int DAY_MINUTES = 24 * 60;

    /** A slot [start, end). */
    public record Slot(Instant start, Instant end) {

        boolean overlaps(Interval busy) {
            return start.isBefore(busy.end()) && busy.start().isBefore(end);
        }
    }

    /** Busy time [start, end). */
    public record Interval(Instant start, Instant end) {
    }

    private FreeSlots() {
    }

    /**
     * @param availability the windows of the client-facing type only
     * @param from         first moment a slot may start (inclusive)
     * @param to           slots start before this
     */
    public static List<Slot> compute(Availability availability, ZoneId zone, Duration duration, Instant from, Instant to,
            List<Interval> busy) {
        if (duration.isZero() || duration.isNegative() || !from.isBefore(to)) {
            return List.of();
        }
        List<Interval> sortedBusy = busy.stream().sorted(Comparator.comparing(Interval::start)).toList();
        List<Slot> slots = new ArrayList<>();
        LocalDate last = to.atZone(zone).toLocalDate();
        for (LocalDate day = from.atZone(zone).toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
            for (int[] window : windows(availability, day)) {
                addSlots(slots, day, window, zone, duration, from, to, sortedBusy);
            }
        }
        return slots;
    }

    private static void addSlots(List<Slot> slots, LocalDate day, int[] window, ZoneId zone, Duration duration, Instant from, Instant to,
            List<Interval> busy) {
        long step = duration.toMinutes();
        for (long minute = window[0]; minute + step <= window[1]; minute += step) {
            LocalDateTime local = day.atStartOfDay().plusMinutes(minute);
            if (zone.getRules().getValidOffsets(local).isEmpty()) {
                continue; // skipped by the clock change
            }
            Instant start = ZonedDateTime.ofLocal(local, zone, null).withEarlierOffsetAtOverlap().toInstant();
            Slot slot = new Slot(start, start.plus(duration));
            if (start.isBefore(from) || !start.isBefore(to) || busy.stream().anyMatch(slot::overlaps)) {
                continue;
            }
            slots.add(slot);
        }
    }

    /** The day's open minutes [from, to), merged and sorted: weekly windows, plus extra hours, minus time off. */
    static List<int[]> windows(Availability availability, LocalDate day) {
        boolean[] open = new boolean[DAY_MINUTES];
        boolean dayOff = availability.exceptions().stream().anyMatch(e -> e.date().equals(day) && !e.available() && e.wholeDay());
        if (!dayOff) {
            availability.weekly().stream().filter(w -> w.day() == day.getDayOfWeek()).forEach(w -> mark(open, w.from(), w.to(), true));
        }
        availability.exceptions().stream().filter(e -> e.date().equals(day) && e.available() && !e.wholeDay())
                .forEach(e -> mark(open, e.from(), e.to(), true));
        availability.exceptions().stream().filter(e -> e.date().equals(day) && !e.available() && !e.wholeDay())
                .forEach(e -> mark(open, e.from(), e.to(), false));
        List<int[]> windows = new ArrayList<>();
        for (int m = 0; m < DAY_MINUTES; m++) {
            if (open[m]) {
                int start = m;
                while (m < DAY_MINUTES && open[m]) {
                    m++;
                }
                windows.add(new int[] {start, m});
            }
        }
        return windows;
    }

    private static void mark(boolean[] open, LocalTime from, LocalTime to, boolean value) {
        int start = from.getHour() * 60 + from.getMinute();
        int end = to.equals(LocalTime.MIDNIGHT) ? DAY_MINUTES : to.getHour() * 60 + to.getMinute();
        for (int m = start; m < end; m++) {
            open[m] = value;
        }
    }
}
