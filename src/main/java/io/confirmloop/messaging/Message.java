package io.confirmloop.messaging;

import java.time.Instant;

/** One message in or out, with its delivery status. */
public record Message(
        String id,
        String appointmentId,
        String calendarId,
        String phone,
        Direction direction,
        Channel channel,
        String from,
        String to,
        String subject,
        String body,
        String status,
        String providerId,
        String idempotencyKey,
        Intent intent,
        int correlationAttempts,
        Instant createdAt,
        Instant updatedAt,
        String errorCode,
        String errorMessage) {

    /** A message without an error (yet): the provider's error code, or why it was not sent, come later. */
    public Message(String id, String appointmentId, String calendarId, String phone, Direction direction, Channel channel, String from,
            String to, String subject, String body, String status, String providerId, String idempotencyKey, Intent intent,
            int correlationAttempts, Instant createdAt, Instant updatedAt) {
        this(id, appointmentId, calendarId, phone, direction, channel, from, to, subject, body, status, providerId, idempotencyKey, intent,
                correlationAttempts, createdAt, updatedAt, null, null);
    }

    /** Statuses of a message. */
    public static final class Status {
        public static final String QUEUED = "QUEUED";
        /** Claimed by an attempt that is handing it to the provider (until its claim expires). */
        public static final String HANDING_OVER = "HANDING_OVER";
        /** The provider answered that it did not take the message (429, 5xx); it is sent again on retry. */
        public static final String NOT_SENT = "NOT_SENT";
        public static final String SENT = "SENT";
        public static final String DELIVERED = "DELIVERED";
        public static final String FAILED = "FAILED";
        public static final String SKIPPED = "SKIPPED";
        public static final String RECEIVED = "RECEIVED";
        public static final String PROCESSED = "PROCESSED";
        public static final String RETRY = "RETRY";
        public static final String UNMATCHED = "UNMATCHED";

        private Status() {
        }
    }
}
