package io.confirmloop.appointment;

import java.time.Instant;

record Appointment(
        String id,
        String calendarId,
        String eventId,
        String title,
        String description,
        String location,
        Instant start,
        Instant end,
        AppointmentStatus status,
        int planGeneration,
        Instant createdAt,
        Instant updatedAt) {

    /** ACTIVE appointments whose end has passed read as COMPLETED. */
    public AppointmentStatus statusAt(Instant now) {
        return status == AppointmentStatus.ACTIVE && !end.isAfter(now) ? AppointmentStatus.COMPLETED : status;
    }

    /** The same appointment at other times (e.g. to tell the time a client chose). */
    public Appointment at(Instant newStart, Instant newEnd) {
        return new Appointment(id, calendarId, eventId, title, description, location, newStart, newEnd, status, planGeneration, createdAt,
                updatedAt);
    }

    public String text() {
        return String.join("\n", title == null ? "" : title, location == null ? "" : location, description == null ? "" : description);
    }

    Appointment withText(String newTitle, String newDescription, String newLocation, Instant now) {
        return new Appointment(id, calendarId, eventId, newTitle, newDescription, newLocation, start, end, status, planGeneration, createdAt, now);
    }

    /** Moved in the calendar (or its text changed): a new reminder plan generation. */
    Appointment movedTo(Instant newStart, Instant newEnd, Instant now) {
        return new Appointment(id, calendarId, eventId, title, description, location, newStart, newEnd, status, planGeneration + 1, createdAt, now);
    }

    Appointment withStatus(AppointmentStatus newStatus, Instant now) {
        return new Appointment(id, calendarId, eventId, title, description, location, start, end, newStatus, planGeneration, createdAt, now);
    }

    /** Found again after it had been cancelled: active with a fresh plan. */
    Appointment reactivated(Instant newStart, Instant newEnd, Instant now) {
        return new Appointment(id, calendarId, eventId, title, description, location, newStart, newEnd, AppointmentStatus.ACTIVE,
                planGeneration + 1, createdAt, now);
    }
}
