package io.confirmloop.booking;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/**
 * A worker's availability: weekly windows and dated exceptions, each of a type, in the calendar's
 * zone. A window runs from {@code from} (inclusive) to {@code to} (exclusive); {@code to} 00:00
 * means midnight at the end of the day.
 */
public record Availability(List<Window> weekly, List<Exception> exceptions) {

    public record Window(String typeId, DayOfWeek day, LocalTime from, LocalTime to) {
    }

    /**
     * A dated exception. {@code available = false}: the hours from–to are off, or the whole day when
     * they are absent (a holiday). {@code available = true}: extra hours from–to.
     */
    public record Exception(String typeId, LocalDate date, LocalTime from, LocalTime to, boolean available) {

        public boolean wholeDay() {
            return from == null && to == null;
        }
    }

    public static final Availability NONE = new Availability(List.of(), List.of());

    /** Only what is of type {@code typeId} (exceptions without a type apply to every type). */
    public Availability ofType(String typeId) {
        return new Availability(weekly.stream().filter(w -> w.typeId().equals(typeId)).toList(),
                exceptions.stream().filter(e -> e.typeId() == null || e.typeId().equals(typeId)).toList());
    }
}
