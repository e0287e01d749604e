package io.confirmloop.messaging;

import java.time.Duration;

import io.confirmloop.system.AppClock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the record of webhook deliveries already taken (Spring Integration's metadata store) from
 * growing without bound: Twilio retries for minutes, not days, so older entries are dropped.
 */
@Component
class WebhookReceipts {

    private final JdbcClient jdbc;
    private final AppClock clock;
    private final Duration keep;

    WebhookReceipts(JdbcClient jdbc, AppClock clock, @Value("${confirmloop.inbound.keep-receipts:P7D}") Duration keep) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.keep = keep;
    }

    /** Entries hold the ISO-8601 instant they were taken at, which sorts as text. */
    @Scheduled(fixedDelayString = "PT6H", initialDelayString = "PT10M")
    int dropOld() {
        return jdbc.sql("delete from INT_METADATA_STORE where REGION = 'confirmloop' and METADATA_KEY like 'twilio:%' and METADATA_VALUE < ?")
                .param(clock.now().minus(keep).toString()).update();
    }
}
