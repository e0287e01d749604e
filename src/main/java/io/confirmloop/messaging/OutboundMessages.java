package io.confirmloop.messaging;

import java.time.Duration;
import java.util.Optional;

import com.twilio.exception.ApiException;
import io.confirmloop.system.AppClock;
import io.confirmloop.system.Ids;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends texts and emails, exactly once as the client sees it:
 * <ol>
 * <li>the message row is committed first, in its own transaction, keyed for idempotency, and
 * claimed by this attempt (a conditional update), so two attempts on two nodes never both call the
 * provider;</li>
 * <li>the gateway route is called;</li>
 * <li>the gateway's id is committed at once, again in its own transaction.</li>
 * </ol>
 * A retried job finds the row: if it has the gateway's id it is not sent again; if the earlier
 * attempt died between the gateway's answer and step 3, the provider is asked whether it already
 * has the message. Nothing is ever texted to an opted-out number.
 * <p>
 * Failures: a provider that is down, throttles (429) or fails (5xx) throws, and Camunda retries the
 * job. A text the provider refuses (4xx) is not retried: the result says why; error 21610 (the
 * client unsubscribed at the carrier) also opts the number out here.
 */
@Service
public class OutboundMessages {

    private static final Logger log = LoggerFactory.getLogger(OutboundMessages.class);

    public static final String SMS_ROUTE = "direct:send-sms";
    public static final String EMAIL_ROUTE = "direct:send-email";
    static final int TWILIO_UNSUBSCRIBED = 21610;

    /**
     * What became of a send.
     *
     * @param refused the provider refused the message for good (not opted out, not a passing fault)
     */
    public record Result(String messageId, boolean sent, String skippedBecause, boolean refused) {

        static Result sent(String messageId) {
            return new Result(messageId, true, null, false);
        }

        static Result skipped(String messageId, String why) {
            return new Result(messageId, false, why, false);
        }

        static Result refused(String messageId, String why) {
            return new Result(messageId, false, why, true);
        }
    }

    private final MessageRepository messages;
    private final OptOuts optOuts;
    private final ProducerTemplate camel;
    private final AppClock clock;
    private final TransactionTemplate ownTransaction;
    private final ObjectProvider<SentSmsLookup> lookup;
    private final String smsFrom;
    private final String mailFrom;
    private final Duration claimTimeout;

    OutboundMessages(MessageRepository messages, OptOuts optOuts, ProducerTemplate camel, AppClock clock,
            PlatformTransactionManager transactions, ObjectProvider<SentSmsLookup> lookup,
            @Value("${confirmloop.sms.from-number}") String smsFrom, @Value("${confirmloop.mail.from}") String mailFrom,
            @Value("${confirmloop.sms.claim-timeout:PT1M}") Duration claimTimeout) {
        this.claimTimeout = claimTimeout;
        this.messages = messages;
        this.optOuts = optOuts;
        this.camel = camel;
        this.clock = clock;
        this.lookup = lookup;
        this.smsFrom = smsFrom;
        this.mailFrom = mailFrom;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    private static final String OPTED_OUT = "the number has opted out of texts";

    public Result sms(String key, String appointmentId, String calendarId, String phone, String body) {
        boolean optedOutNow = optOuts.isOptedOut(phone);
        if (!optedOutNow) {
            // The first attempt (nearly always): the row is written claimed in one statement, or it exists already.
            String id = Ids.newId();
            if (insertedClaimed(new Message(id, appointmentId, calendarId, phone, Direction.OUT, Channel.SMS, smsFrom, phone, null, body,
                    Message.Status.HANDING_OVER, null, key, null, 0, clock.now(), clock.now()))) {
                return handOverSms(id, phone, body);
            }
        }
        Optional<Message> existing = ownTransaction.execute(s -> messages.findByIdempotencyKey(key));
        if (existing.isPresent()) {
            Message m = existing.get();
            if (Message.Status.SKIPPED.equals(m.status()) || Message.Status.FAILED.equals(m.status())) {
                return new Result(m.id(), false, "it was not sent before: " + m.status().toLowerCase(), false);
            }
            if (m.providerId() != null) {
                return Result.sent(m.id());
            }
        }
        boolean optedOut = optedOutNow;
        String id;
        if (existing.isEmpty()) {
            id = Ids.newId();
            insertClaimed(new Message(id, appointmentId, calendarId, phone, Direction.OUT, Channel.SMS, smsFrom, phone, null, body,
                    optedOut ? Message.Status.SKIPPED : Message.Status.HANDING_OVER, null, key, null, 0, clock.now(), clock.now()), !optedOut);
            if (optedOut) {
                String newId = id;
                ownTransaction.executeWithoutResult(s -> messages.setError(newId, null, OPTED_OUT, clock.now()));
                return Result.skipped(id, OPTED_OUT);
            }
        } else {
            Message m = existing.get();
            id = m.id();
            if (optedOut) {
                ownTransaction.executeWithoutResult(s -> {
                    messages.setStatus(id, Message.Status.SKIPPED, clock.now());
                    messages.setError(id, null, OPTED_OUT, clock.now());
                });
                return Result.skipped(id, OPTED_OUT);
            }
            claim(m);
            // An earlier attempt that did not come back may have reached the provider before it died: ask before
            // sending again (unless the provider had answered that it did not take it).
            Optional<GatewayRequests.Receipt> accepted = Message.Status.NOT_SENT.equals(m.status()) ? Optional.empty()
                    : lookup.stream().findFirst().flatMap(l -> l.find(phone, m.body(), m.createdAt()));
            if (accepted.isPresent()) {
                ownTransaction.executeWithoutResult(s -> messages.markSent(m.id(), accepted.get().providerId(),
                        accepted.get().status(), clock.now()));
                log.info("Message {} had reached the provider as {}; not sent again", m.id(), accepted.get().providerId());
                return Result.sent(m.id());
            }
        }
        return handOverSms(id, phone, body);
    }

    /** Hands the claimed message to the gateway and records its answer. */
    private Result handOverSms(String id, String phone, String body) {
        GatewayRequests.Receipt receipt;
        try {
            receipt = camel.requestBody(SMS_ROUTE, new GatewayRequests.Sms(id, smsFrom, phone, body), GatewayRequests.Receipt.class);
        } catch (RuntimeException e) {
            Optional<ApiException> answered = TwilioSmsGateway.apiError(e);
            Optional<ApiException> refusal = answered.filter(OutboundMessages::isRefusal);
            if (refusal.isEmpty()) {
                if (answered.isPresent()) {
                    // 429 or 5xx: the provider did not take it; the retry sends without asking first.
                    ownTransaction.executeWithoutResult(s -> messages.setStatus(id, Message.Status.NOT_SENT, clock.now()));
                }
                throw e;
            }
            ApiException api = refusal.get();
            String why = "the provider refused it: " + api.getMessage() + " (error " + api.getCode() + ")";
            ownTransaction.executeWithoutResult(s -> {
                messages.setStatus(id, Message.Status.FAILED, clock.now());
                messages.setError(id, api.getCode() == null ? null : String.valueOf(api.getCode()), api.getMessage(), clock.now());
                if (api.getCode() != null && api.getCode() == TWILIO_UNSUBSCRIBED) {
                    optOuts.optOut(phone, "carrier (error 21610)");
                }
            });
            if (api.getCode() != null && api.getCode() == TWILIO_UNSUBSCRIBED) {
                return Result.skipped(id, "the number is unsubscribed at the carrier (error 21610) and is now opted out");
            }
            return Result.refused(id, why);
        }
        ownTransaction.executeWithoutResult(s -> messages.markSent(id, receipt.providerId(), receipt.status(), clock.now()));
        return Result.sent(id);
    }

    /**
     * A message a switch stopped (account settings, the client's own): kept as SKIPPED with the
     * reason instead of being sent, so the client's and the appointment's logs show what did not
     * go and why. {@code key} as for sending: a message already sent stays sent.
     */
    public Result stopped(String key, String appointmentId, String calendarId, String phone, Channel channel, String to, String subject,
            String body, String why) {
        Optional<Message> existing = ownTransaction.execute(s -> messages.findByIdempotencyKey(key));
        if (existing.isPresent()) {
            return existing.get().providerId() != null ? Result.sent(existing.get().id()) : Result.skipped(existing.get().id(), why);
        }
        String id = Ids.newId();
        insertClaimed(new Message(id, appointmentId, calendarId, phone, Direction.OUT, channel, channel == Channel.SMS ? smsFrom : mailFrom,
                to, subject, body, Message.Status.SKIPPED, null, key, null, 0, clock.now(), clock.now()), false);
        ownTransaction.executeWithoutResult(s -> messages.setError(id, null, why, clock.now()));
        return Result.skipped(id, why);
    }

    public Result email(String key, String appointmentId, String calendarId, String phone, String to, String subject, String text) {
        Optional<Message> existing = ownTransaction.execute(s -> messages.findByIdempotencyKey(key));
        if (existing.isPresent() && existing.get().providerId() != null) {
            return Result.sent(existing.get().id());
        }
        String id = existing.map(Message::id).orElseGet(Ids::newId);
        if (existing.isEmpty()) {
            insertClaimed(new Message(id, appointmentId, calendarId, phone, Direction.OUT, Channel.EMAIL, mailFrom, to, subject, text,
                    Message.Status.HANDING_OVER, null, key, null, 0, clock.now(), clock.now()), true);
        } else {
            claim(existing.get());
        }
        GatewayRequests.Receipt receipt = camel.requestBody(EMAIL_ROUTE, new GatewayRequests.Email(id, mailFrom, to, subject, text),
                GatewayRequests.Receipt.class);
        ownTransaction.executeWithoutResult(s -> messages.markSent(id, receipt.providerId(), receipt.status(), clock.now()));
        return Result.sent(id);
    }

    /**
     * Writes the message row, claimed by this attempt when it is to be sent. Two attempts that start
     * at the same moment cannot both insert it (unique idempotency key): the second learns that the
     * message is being handed over.
     */
    private void insertClaimed(Message message, boolean claimed) {
        try {
            ownTransaction.executeWithoutResult(s -> {
                messages.insert(message);
                if (claimed) {
                    messages.claim(message.id(), clock.now(), clock.now().plus(claimTimeout));
                }
            });
        } catch (DuplicateKeyException e) {
            throw new MessageBeingHandedOver(message.idempotencyKey());
        }
    }

    /** Writes the message claimed by this attempt; false if a message with its key exists already. */
    private boolean insertedClaimed(Message message) {
        try {
            ownTransaction.executeWithoutResult(s -> messages.insert(message, clock.now().plus(claimTimeout)));
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /**
     * Claims an existing message for this attempt before the provider is called: only one attempt
     * (on any node) holds the claim; one whose holder died gets it back once the claim expired.
     */
    private void claim(Message m) {
        Boolean claimed = ownTransaction.execute(s -> messages.claim(m.id(), clock.now(), clock.now().plus(claimTimeout)));
        if (!Boolean.TRUE.equals(claimed)) {
            throw new MessageBeingHandedOver(m.idempotencyKey());
        }
    }

    /** Another attempt is handing the same message to the provider right now: this one is tried again later. */
    public static class MessageBeingHandedOver extends RuntimeException {
        MessageBeingHandedOver(String key) {
            super("Message " + key + " is being handed to the provider by another attempt; this one is tried again later");
        }
    }

    /** 4xx but 429: the provider will never take this message; anything else may pass on a retry. */
    private static boolean isRefusal(ApiException e) {
        int status = e.getStatusCode();
        return status >= 400 && status < 500 && status != 429;
    }
}
