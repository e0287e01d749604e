package io.confirmloop.appointment;

import java.time.Instant;

/** One planned message to one attendee. */
record Reminder(
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

    /** Note of a planned text that quiet hours moved. */
    public static final String QUIET_HOURS = "quiet hours";
    /** Note of a text skipped because no moment before the appointment lies outside quiet hours. */
    public static final String NO_QUIET_MOMENT = "no moment outside quiet hours before the appointment";

    /** What the message is, in words an owner reads: "Confirmation request", "Reminder", "New time". */
    public String kind() {
        if ("new-time".equals(template)) {
            return "New time";
        }
        if ("booking-confirmation".equals(template)) {
            return "Booking confirmation";
        }
        return (asksReply ? "Confirmation request" : "Reminder") + ("EMAIL".equals(channel) ? " by email" : "");
    }

    public Reminder withState(State newState, String newNote) {
        return new Reminder(id, appointmentId, phone, generation, dueAt, channel, template, asksReply, newState, newNote);
    }
}
