package io.confirmloop.appointment;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tells the attendees' process instances what became of the reminders the outbox handed off (or
 * skipped): the instance waiting for exactly that reminder at "Reminder handed off" records it and
 * plans again. The outbox ({@link ReminderOutbox}) decides when, so a burst goes out first.
 */
@Component
class ReminderNotices {

    private static final Logger log = LoggerFactory.getLogger(ReminderNotices.class);

    private final ReminderRepository reminders;
    private final LifecycleGateway gateway;
    private final TransactionTemplate transaction;

    ReminderNotices(ReminderRepository reminders, LifecycleGateway gateway, PlatformTransactionManager transactions) {
        this.reminders = reminders;
        this.gateway = gateway;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * Tells the instances of reminders handed off by {@code before} (up to {@code limit}); returns
     * how many it told. Each in its own transaction, taken with {@code SKIP LOCKED}, so two nodes
     * never tell the same one; an instance busy with something else at that moment (a reply) is
     * told in a later round.
     */
    int tell(Instant before, int limit) {
        int told = 0;
        for (ReminderRepository.Untold untold : reminders.untold(before, limit)) {
            try {
                Boolean done = transaction.execute(s -> {
                    if (!reminders.takeUntold(untold.id())) {
                        return false;
                    }
                    gateway.reminderHandedOff(untold.appointmentId(), untold.phone(), untold.id());
                    reminders.told(untold.id());
                    return true;
                });
                if (Boolean.TRUE.equals(done)) {
                    told++;
                }
            } catch (RuntimeException e) {
                log.info("The instance of reminder {} is told later: {}", untold.id(), e.toString());
            }
        }
        return told;
    }
}
