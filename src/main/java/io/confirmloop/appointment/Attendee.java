package io.confirmloop.appointment;

import java.time.Instant;

record Attendee(
        String appointmentId,
        String phone,
        String email,
        boolean canReceiveSms,
        AttendeeStatus status,
        boolean awaitingReply,
        boolean removed,
        Instant lastRequestAt,
        Instant updatedAt) {

    public Attendee with(AttendeeStatus newStatus, boolean newAwaitingReply, Instant now) {
        return new Attendee(appointmentId, phone, email, canReceiveSms, newStatus, newAwaitingReply, removed, lastRequestAt, now);
    }

    public Attendee askedToConfirm(Instant now) {
        return new Attendee(appointmentId, phone, email, canReceiveSms, AttendeeStatus.REMINDED, true, removed, now, now);
    }

    public Attendee contact(String newEmail, boolean newCanReceiveSms, boolean newRemoved, Instant now) {
        return new Attendee(appointmentId, phone, newEmail, newCanReceiveSms, status, awaitingReply, newRemoved, lastRequestAt, now);
    }

    /** Readable status for description lines and task forms. */
    public String statusWords() {
        return switch (status) {
            case PENDING -> "pending";
            case REMINDED -> "reminded";
            case CONFIRMED -> "confirmed";
            case DECLINED -> "declined";
            case RESCHEDULE_REQUESTED -> "asked to reschedule";
            case NO_RESPONSE -> "no response";
            case CANCELLED -> "cancelled";
            case OPTED_OUT -> "opted out of texts";
        };
    }
}
