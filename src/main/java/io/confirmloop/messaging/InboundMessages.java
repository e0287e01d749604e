package io.confirmloop.messaging;

import java.io.Serializable;

import io.confirmloop.system.AppClock;
import io.confirmloop.system.Ids;
import io.confirmloop.system.WorkQueue;
import io.confirmloop.system.WorkQueues;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A client's text, from any gateway: stored first (so it is never lost), read for its intent,
 * opt-outs applied at once, then handed to the appointment it answers. If that appointment is
 * busy at that moment, the hand-over is retried.
 */
@Service
class InboundMessages {

    private static final Logger log = LoggerFactory.getLogger(InboundMessages.class);

    /** The stored message; {@code duplicate} when the provider had delivered it before. */
    public record Received(String messageId, Intent intent, boolean duplicate) {
    }

    private final MessageRepository messages;
    private final ReplyIntents intents;
    private final OptOuts optOuts;
    private final ReplyHandler router;
    private final TransactionTemplate tx;
    private final AppClock clock;
    private final int maxAttempts;
    private final WorkQueue<HandOver> handOvers;
    private final ReplyTraffic traffic;

    /** A queue item: hand this stored text to what it answers. */
    record HandOver(String messageId) implements Serializable {
    }

    InboundMessages(MessageRepository messages, ReplyIntents intents, OptOuts optOuts, ReplyHandler router, TransactionTemplate tx,
            AppClock clock, WorkQueues queues, ReplyTraffic traffic, @Value("${confirmloop.inbound.max-attempts}") int maxAttempts,
            @Value("${confirmloop.inbound.workers:8}") int workers) {
        this.messages = messages;
        this.intents = intents;
        this.optOuts = optOuts;
        this.router = router;
        this.tx = tx;
        this.clock = clock;
        this.maxAttempts = maxAttempts;
        this.traffic = traffic;
        this.handOvers = queues.create("inbound-replies", WorkQueue.Delivery.IN_TRANSACTION, item -> hand(item.messageId()),
                (item, error, attempts) -> later(item.messageId(), error), workers);
    }

    /**
     * @param from       the client's number, E.164
     * @param to         our number the client texted
     * @param providerId the gateway's id of the message (dedupe key)
     */
    public Received receive(String from, String to, String body, String providerId) {
        traffic.arrived();
        Received received;
        try {
            received = store(from, to, body, providerId);
        } catch (DataIntegrityViolationException concurrent) {
            // the same delivery is being stored by another request at this moment: it is a duplicate
            received = tx.execute(status -> messages.findByProviderId(providerId)
                    .map(m -> new Received(m.id(), m.intent(), true)).orElseThrow(() -> concurrent));
        }
        return received;
    }

    /** Stores the text and applies an opt-out or opt-in, in one transaction, unless a message with its provider id is stored. */
    private Received store(String from, String to, String body, String providerId) {
        return tx.execute(status -> {
            var existing = messages.findByProviderId(providerId);
            if (existing.isPresent()) {
                return new Received(existing.get().id(), existing.get().intent(), true);
            }
            Intent intent = intents.classify(body);
            String id = Ids.newId();
            messages.insert(new Message(id, null, null, from, Direction.IN, Channel.SMS, from, to, null, body == null ? "" : body,
                    Message.Status.RECEIVED, providerId, null, intent, 0, clock.now(), clock.now()));
            if (intent == Intent.OPT_OUT) {
                optOuts.optOut(from, to);
            } else if (intent == Intent.OPT_IN) {
                optOuts.optIn(from);
            }
            // handed over by a queue worker, so the webhook answers as soon as the text is stored
            handOvers.enqueue(new HandOver(id));
            return new Received(id, intent, false);
        });
    }

    /** Retries replies whose appointment was busy when they came in. */
    @Scheduled(fixedDelayString = "${confirmloop.inbound.retry-interval}", initialDelayString = "${confirmloop.inbound.retry-interval}")
    public void retryPending() {
        tx.executeWithoutResult(status -> messages.inboundToRetry(100).forEach(m -> {
            messages.setStatus(m.id(), Message.Status.RECEIVED, clock.now());
            handOvers.enqueue(new HandOver(m.id()));
        }));
    }

    /** Hands the text over (in the queue worker's transaction); throws while what it answers is busy, so it is tried again. */
    private void hand(String messageId) {
        Message m = messages.find(messageId).orElse(null);
        if (m == null || !Message.Status.RECEIVED.equals(m.status())) {
            return;
        }
        boolean matched = router.route(messageId);
        messages.setStatus(messageId, matched ? Message.Status.PROCESSED : Message.Status.UNMATCHED, clock.now());
    }

    /**
     * The attendee it answers stayed busy (e.g. in an owner's task) or a passing fault: the text is
     * stored, so it is tried again later; after the last attempt it goes to the owner.
     */
    private void later(String messageId, Throwable error) {
        Message m = messages.find(messageId).orElseThrow();
        if (m.correlationAttempts() + 1 >= maxAttempts) {
            router.unmatched(messageId);
            messages.setStatus(messageId, Message.Status.UNMATCHED, clock.now());
        } else {
            messages.retryLater(messageId, clock.now());
        }
        if (error instanceof MismatchingMessageCorrelationException || error instanceof OptimisticLockingException) {
            log.debug("Reply {} could not be handed over yet: {}", messageId, error.getMessage());
        } else {
            log.warn("Reply {} could not be handed over; it is tried again: {}", messageId, String.valueOf(error));
        }
    }
}
