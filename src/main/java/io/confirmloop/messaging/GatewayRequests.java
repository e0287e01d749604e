package io.confirmloop.messaging;

/** What the {@code direct:send-sms} and {@code direct:send-email} routes take and answer. */
public final class GatewayRequests {

    private GatewayRequests() {
    }

    /** An SMS to hand to the gateway; {@code messageId} is our message row's id. */
    public record Sms(String messageId, String from, String to, String body) {
    }

    /** An email to hand to the gateway. */
    public record Email(String messageId, String from, String to, String subject, String text) {
    }

    /** The gateway's answer: its id for the message and the status it reported. */
    public record Receipt(String providerId, String status) {
    }
}
