package io.confirmloop.appointment;

import java.time.Instant;

/** One planned message to one attendee. */
public record Reminder(
        String id,
        String appointmentId,
        String phone,
        int generation,
        Instant dueAt,
        String channel,
        String template,
        boolean asksReply,
        State state,
        String note) {

    public enum State { PLANNED, SENT, SKIPPED }

    public Reminder withState(State newState, String newNote) {
        return new Reminder(id, appointmentId, phone, generation, dueAt, channel, template, asksReply, newState, newNote);
    }
}
