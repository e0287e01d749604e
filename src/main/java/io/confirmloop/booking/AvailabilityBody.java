package io.confirmloop.booking;

import java.util.List;

/**
 * Body of {@code PUT /api/calendars/{id}/availability} (and the answer of GET, with the calendar's
 * {@code timeZone}). A window without {@code typeId} is of the top-level type; an exception without
 * one applies to every type. Times are {@code HH:mm} in the calendar's zone; {@code to} may be 24:00.
 */
record AvailabilityBody(String typeId, String timeZone, List<WindowBody> weekly, List<ExceptionBody> exceptions) {

    public record WindowBody(String day, String from, String to, String typeId) {
    }

    public record ExceptionBody(String date, String from, String to, Boolean available, String typeId) {
    }

    /** What is stored, as the API shows it. */
    static AvailabilityBody of(Availability availability, String clientFacingTypeId, String timeZone) {
        return new AvailabilityBody(clientFacingTypeId, timeZone,
                availability.weekly().stream().map(w -> new WindowBody(w.day().name(), DayTimes.format(w.from(), false),
                        DayTimes.format(w.to(), true), w.typeId())).toList(),
                availability.exceptions().stream().map(e -> new ExceptionBody(e.date().toString(),
                        e.from() == null ? null : DayTimes.format(e.from(), false), e.to() == null ? null : DayTimes.format(e.to(), true),
                        e.available(), e.typeId())).toList());
    }
}
