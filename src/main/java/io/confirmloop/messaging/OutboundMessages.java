package io.confirmloop.messaging;

import io.confirmloop.system.AppClock;
import io.confirmloop.system.Ids;
import org.apache.camel.ProducerTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Sends texts and emails: writes the message row first (keyed for idempotency), then hands it to
 * the gateway route. A retried send whose message the gateway already accepted is not sent again.
 * Nothing is ever texted to an opted-out number.
 */
@Service
public class OutboundMessages {

    public static final String SMS_ROUTE = "direct:send-sms";
    public static final String EMAIL_ROUTE = "direct:send-email";

    /** What became of a send. */
    public record Result(String messageId, boolean sent, String skippedBecause) {
    }

    private final MessageRepository messages;
    private final OptOuts optOuts;
    private final ProducerTemplate camel;
    private final AppClock clock;
    private final String smsFrom;
    private final String mailFrom;

    OutboundMessages(MessageRepository messages, OptOuts optOuts, ProducerTemplate camel, AppClock clock,
            @Value("${confirmloop.sms.from-number}") String smsFrom, @Value("${confirmloop.mail.from}") String mailFrom) {
        this.messages = messages;
        this.optOuts = optOuts;
        this.camel = camel;
        this.clock = clock;
        this.smsFrom = smsFrom;
        this.mailFrom = mailFrom;
    }

    public Result sms(String key, String appointmentId, String calendarId, String phone, String body) {
        var existing = messages.findByIdempotencyKey(key);
        if (existing.isPresent() && !Message.Status.QUEUED.equals(existing.get().status())
                && !Message.Status.FAILED.equals(existing.get().status())) {
            Message m = existing.get();
            return new Result(m.id(), !Message.Status.SKIPPED.equals(m.status()), null);
        }
        String id = existing.map(Message::id).orElseGet(Ids::newId);
        if (existing.isEmpty()) {
            boolean optedOut = optOuts.isOptedOut(phone);
            messages.insert(new Message(id, appointmentId, calendarId, phone, Direction.OUT, Channel.SMS, smsFrom, phone, null, body,
                    optedOut ? Message.Status.SKIPPED : Message.Status.QUEUED, null, key, null, 0, clock.now(), clock.now()));
            if (optedOut) {
                return new Result(id, false, "the number has opted out of texts");
            }
        } else if (optOuts.isOptedOut(phone)) {
            messages.setStatus(id, Message.Status.SKIPPED, clock.now());
            return new Result(id, false, "the number has opted out of texts");
        }
        GatewayRequests.Receipt receipt = camel.requestBody(SMS_ROUTE, new GatewayRequests.Sms(id, smsFrom, phone, body),
                GatewayRequests.Receipt.class);
        messages.markSent(id, receipt.providerId(), receipt.status(), clock.now());
        return new Result(id, true, null);
    }

    public Result email(String key, String appointmentId, String calendarId, String phone, String to, String subject, String text) {
        var existing = messages.findByIdempotencyKey(key);
        if (existing.isPresent() && !Message.Status.QUEUED.equals(existing.get().status())
                && !Message.Status.FAILED.equals(existing.get().status())) {
            return new Result(existing.get().id(), true, null);
        }
        String id = existing.map(Message::id).orElseGet(Ids::newId);
        if (existing.isEmpty()) {
            messages.insert(new Message(id, appointmentId, calendarId, phone, Direction.OUT, Channel.EMAIL, mailFrom, to, subject, text,
                    Message.Status.QUEUED, null, key, null, 0, clock.now(), clock.now()));
        }
        GatewayRequests.Receipt receipt = camel.requestBody(EMAIL_ROUTE, new GatewayRequests.Email(id, mailFrom, to, subject, text),
                GatewayRequests.Receipt.class);
        messages.markSent(id, receipt.providerId(), receipt.status(), clock.now());
        return new Result(id, true, null);
    }
}
