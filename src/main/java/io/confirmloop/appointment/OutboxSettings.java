package io.confirmloop.appointment;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code confirmloop.outbox.*}: how the reminder senders run on each node.
 *
 * @param autoStart       false: nothing is sent by itself (tests drain the outbox by hand)
 * @param senders         texts and emails handed to the gateways at the same time, per node
 * @param batchSize       reminders a node claims at once
 * @param textsPerSecond  the most texts a node hands to the SMS provider per second; 0: no limit.
 *                        Twilio queues what a number cannot send at once (long code 1/s, toll-free
 *                        3/s, short code 100/s by default) for up to the validity period
 * @param pollInterval    how often a node looks for due reminders when it has none in sight
 * @param claim           how long a claim holds; a dead node's reminders are taken by another
 *                        node (or itself after a restart) once it expires
 * @param retryBackoff    wait before the second attempt after a passing failure (429, 5xx, SMTP
 *                        down); each further wait is twice as long
 * @param maxRetryBackoff the longest wait between attempts
 * @param maxAttempts     attempts before the reminder is recorded as not sent (the model then
 *                        reaches the client another way)
 * @param modelLag        while a node is sending, it tells the attendees' instances about
 *                        reminders handed off this long ago; when it has nothing to send, at once
 * @param replyPause      while clients' texts came in on this node within this long, it tells the
 *                        instances only {@code noticesWhileReplying} per poll interval, so replies
 *                        are handed over first
 * @param noticesWhileReplying instances told per poll interval while replies come in
 */
@ConfigurationProperties("confirmloop.outbox")
public record OutboxSettings(
        @DefaultValue("true") boolean autoStart,
        @DefaultValue("16") int senders,
        @DefaultValue("200") int batchSize,
        @DefaultValue("0") int textsPerSecond,
        @DefaultValue("PT0.5S") Duration pollInterval,
        @DefaultValue("PT30S") Duration claim,
        @DefaultValue("PT5S") Duration retryBackoff,
        @DefaultValue("PT5M") Duration maxRetryBackoff,
        @DefaultValue("15") int maxAttempts,
        @DefaultValue("PT1M") Duration modelLag,
        @DefaultValue("PT2S") Duration replyPause,
        @DefaultValue("5") int noticesWhileReplying) {

    /** The wait after the {@code attempts}-th failed attempt. */
    Duration backoff(int attempts) {
        Duration wait = retryBackoff.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 20));
        return wait.compareTo(maxRetryBackoff) > 0 ? maxRetryBackoff : wait;
    }
}
