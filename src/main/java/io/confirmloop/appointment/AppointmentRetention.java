package io.confirmloop.appointment;

import static io.confirmloop.system.Jdbc.ts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.confirmloop.system.AppClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps ConfirmLoop's own history bounded, as Camunda's history cleanup keeps the engine's
 * (history time to live on every model, cleaned in the night window): an appointment that ended
 * longer ago than {@code confirmloop.retention.appointments} goes with its attendees, reminders,
 * messages, their statuses and its log; a text that answered nothing goes after the same time.
 * Deleted in small batches, each in its own transaction, so no table is locked for long; any node
 * may run it (a batch another node deleted is simply gone).
 */
@Service
class AppointmentRetention {

    private static final Logger log = LoggerFactory.getLogger(AppointmentRetention.class);
    static final int BATCH = 500;

    private final JdbcClient jdbc;
    private final AppClock clock;
    private final TransactionTemplate transaction;
    private final Duration keep;

    AppointmentRetention(JdbcClient jdbc, AppClock clock, PlatformTransactionManager transactions,
            @Value("${confirmloop.retention.appointments:P365D}") Duration keep) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        this.keep = keep;
    }

    @Scheduled(fixedDelayString = "${confirmloop.retention.interval:PT6H}", initialDelayString = "${confirmloop.retention.initial-delay:PT10M}")
    void scheduled() {
        int removed = removeEnded();
        if (removed > 0) {
            log.info("Retention: removed {} appointments and texts that ended before {}", removed, clock.now().minus(keep));
        }
    }

    /** Removes what ended before the retention period; returns how many appointments and unmatched texts went. */
    int removeEnded() {
        Instant before = clock.now().minus(keep);
        int removed = 0;
        Integer batch;
        do {
            batch = transaction.execute(s -> deleteBatch(before));
            removed += batch == null ? 0 : batch;
        } while (batch != null && batch == BATCH);
        Integer texts;
        do {
            texts = transaction.execute(s -> jdbc.sql("""
                    delete from message where id in (select id from message where appointment_id is null and created_at < ?
                    fetch first 500 rows only)""").param(ts(before)).update());
            removed += texts == null ? 0 : texts;
        } while (texts != null && texts > 0);
        return removed;
    }

    /** One batch of ended appointments; returns how many went (a full batch: there may be more). */
    private int deleteBatch(Instant before) {
        List<String> ids = jdbc.sql("select id from appointment where end_at < ? fetch first 500 rows only").param(ts(before))
                .query(String.class).list();
        if (ids.isEmpty()) {
            return 0;
        }
        // attendees, reminders, messages with their statuses, the log and slot offers go with it (on delete cascade)
        jdbc.sql("delete from appointment where id in (:ids)").param("ids", ids).update();
        return ids.size();
    }
}
