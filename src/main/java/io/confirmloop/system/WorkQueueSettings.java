package io.confirmloop.system;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code confirmloop.queues.*}: how the durable work queues run.
 *
 * @param autoStart         false: nothing is taken by itself (tests drain the queues by hand)
 * @param workers           worker threads per queue and node on PostgreSQL (H2: one)
 * @param attempts          attempts per item before it is recorded as failed
 * @param backoff           wait before the second attempt; each further wait is 2.5 times longer
 * @param maxBackoff        the longest wait between attempts
 * @param pollInterval      H2: how often the queues are looked at
 * @param safetyPollInterval PostgreSQL: how often the queues are looked at besides notifications
 *                          (items a node that died had taken come back after its transaction ends)
 */
@ConfigurationProperties("confirmloop.queues")
public record WorkQueueSettings(
        @DefaultValue("true") boolean autoStart,
        @DefaultValue("2") int workers,
        @DefaultValue("5") int attempts,
        @DefaultValue("PT0.2S") Duration backoff,
        @DefaultValue("PT5S") Duration maxBackoff,
        @DefaultValue("PT0.25S") Duration pollInterval,
        @DefaultValue("PT10S") Duration safetyPollInterval) {
}
