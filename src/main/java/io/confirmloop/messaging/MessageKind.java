package io.confirmloop.messaging;

import java.util.Locale;

/**
 * What a message is for, as an account's communication settings switch it: each kind can be
 * switched off for texts and for emails.
 */
public enum MessageKind {

    /** Confirmation requests and reminders. */
    REMINDERS("reminders"),
    /** Answers to what a client texted or did: confirmed, declined, reschedule noted, booked, help. */
    ACKNOWLEDGEMENTS("acknowledgements"),
    /** The appointment's new time, a moved slot, a cancellation, times to choose from. */
    NEW_TIME_NOTICES("new-time notices"),
    /** Emails to the owner's notification address. */
    OWNER_NOTIFICATIONS("owner notifications");

    private final String label;

    MessageKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The kind of the message a template writes. */
    public static MessageKind ofTemplate(String template) {
        String t = template.toLowerCase(Locale.ROOT);
        if (t.startsWith("owner-")) {
            return OWNER_NOTIFICATIONS;
        }
        return switch (t) {
            case "confirmation-request", "reminder", "email-reminder", "email-fallback" -> REMINDERS;
            case "new-time", "slot-moved", "slot-offer", "cancellation" -> NEW_TIME_NOTICES;
            default -> ACKNOWLEDGEMENTS;
        };
    }
}
