package io.confirmloop.appointment;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.confirmloop.messaging.OutboundMessages;
import io.confirmloop.messaging.ReplyTraffic;
import io.confirmloop.system.AppClock;
import io.github.bucket4j.Bucket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The reminder outbox. The planned reminders are the outbox's rows: on every node a sender claims
 * the due ones in batches ({@code FOR UPDATE SKIP LOCKED}, so nodes never take the same one),
 * hands them to the gateways side by side ({@code confirmloop.outbox.senders}) at no more than the
 * configured rate, and records each outcome. The attendee's process instance, which waits for its
 * reminder at "Reminder handed off", is told afterwards: once this node has nothing due, or when
 * the hand-off is {@code model-lag} old. So a burst of reminders due at one instant leaves at the
 * gateways' pace, and the models catch up after it. While clients' texts come in on this node
 * ({@code reply-pause}), the models catch up only a few at a time ({@code notices-while-replying}
 * per poll interval), so the replies are handed over first.
 * <p>
 * Exactly once: a claim expires ({@code claim}), so a dead node's reminders are taken by another
 * node or by itself after a restart; the message row's idempotency key and the provider lookup of
 * {@link OutboundMessages} make sure a text that reached the provider before a crash is not sent
 * again. A passing failure (429, 5xx, SMTP down) is retried with backoff; after
 * {@code max-attempts} the reminder is recorded as not sent and the model reaches the client
 * another way.
 */
@Service
public class ReminderOutbox implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReminderOutbox.class);

    private final ReminderRepository reminders;
    private final ReminderSender sender;
    private final ReminderNotices notices;
    private final AppClock clock;
    private final OutboxSettings settings;
    private final ReplyTraffic replies;
    private final TransactionTemplate transaction;
    private final ExecutorService senders;
    private final Bucket textRate;
    /** Hand-offs the senders may have in hand at once: two batches, so one is claimed while the other goes. */
    private final Semaphore inFlight;
    private volatile boolean running;
    private Thread loop;

    ReminderOutbox(ReminderRepository reminders, ReminderSender sender, ReminderNotices notices, AppClock clock, OutboxSettings settings,
            ReplyTraffic replies, PlatformTransactionManager transactions) {
        this.replies = replies;
        this.reminders = reminders;
        this.sender = sender;
        this.notices = notices;
        this.clock = clock;
        this.settings = settings;
        this.transaction = new TransactionTemplate(transactions);
        AtomicInteger threads = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(Math.max(1, settings.senders()), r -> {
            Thread t = new Thread(r, "outbox-sender-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.inFlight = new Semaphore(2 * batchSize());
        this.textRate = settings.textsPerSecond() <= 0 ? null : Bucket.builder()
                .addLimit(limit -> limit.capacity(settings.textsPerSecond()).refillGreedy(settings.textsPerSecond(), Duration.ofSeconds(1)))
                .build();
    }

    /**
     * Claims one batch of due reminders and hands them off, waiting for all of them; returns how
     * many it claimed (tests, in the caller's thread).
     */
    int sendDue() {
        List<Reminder> batch = claim(batchSize());
        List<Future<?>> handOffs = new ArrayList<>(batch.size());
        for (Reminder reminder : batch) {
            handOffs.add(senders.submit(() -> handOff(reminder)));
        }
        for (Future<?> handOff : handOffs) {
            try {
                handOff.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return batch.size();
            } catch (ExecutionException e) {
                log.warn("Outbox: a hand-off failed unexpectedly; its claim expires and it is tried again", e.getCause());
            }
        }
        return batch.size();
    }

    /**
     * Keeps the senders busy: claims due reminders whenever fewer than a batch are in flight, so
     * the next batch is claimed while the last one is still being handed off (one slow hand-off
     * does not hold up the others). Returns how many it claimed.
     */
    private int feedSenders() throws InterruptedException {
        // wait until a batch's worth of senders is free
        inFlight.acquire(batchSize());
        inFlight.release(batchSize());
        List<Reminder> batch = claim(Math.min(inFlight.availablePermits(), batchSize()));
        for (Reminder reminder : batch) {
            inFlight.acquire();
            senders.execute(() -> {
                try {
                    handOff(reminder);
                } finally {
                    inFlight.release();
                }
            });
        }
        return batch.size();
    }

    private List<Reminder> claim(int limit) {
        Instant now = clock.now();
        List<Reminder> batch = transaction.execute(s -> reminders.claimDue(now, now.plus(settings.claim()), limit));
        return batch == null ? List.of() : batch;
    }

    private int batchSize() {
        if (settings.textsPerSecond() <= 0) {
            return settings.batchSize();
        }
        long halfAClaim = Math.max(1, settings.textsPerSecond() * settings.claim().toSeconds() / 2);
        return (int) Math.min(settings.batchSize(), halfAClaim);
    }

    private void handOff(Reminder reminder) {
        try {
            if (textRate != null && !"EMAIL".equals(reminder.channel())) {
                textRate.asBlocking().consume(1);
            }
            sender.handOff(reminder);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failed(reminder, e);
        }
    }

    /** A passing failure: tried again after the backoff, or recorded as not sent after the last attempt. */
    private void failed(Reminder reminder, RuntimeException e) {
        String error = describe(e);
        try {
            if (e instanceof OutboundMessages.MessageBeingHandedOver) {
                // another attempt holds the message (or did, on a node that died): look again soon, it is no failure
                reminders.lookAgainAt(reminder.id(), clock.now().plus(settings.retryBackoff()));
                return;
            }
            int attempts = reminders.attempts(reminder.id()).map(ReminderRepository.Attempts::attempts).orElse(0) + 1;
            if (attempts >= settings.maxAttempts()) {
                log.warn("Outbox: reminder {} not sent after {} attempts: {}", reminder.id(), attempts, error);
                sender.giveUp(reminder, "not sent after " + attempts + " attempts, the last: " + error);
            } else {
                Duration wait = settings.backoff(attempts);
                log.info("Outbox: reminder {} not handed off (attempt {}), tried again in {} s: {}", reminder.id(), attempts,
                        wait.toSeconds(), error);
                reminders.retryLater(reminder.id(), clock.now().plus(wait), error);
            }
        } catch (RuntimeException recording) {
            // e.g. the database restarts: the claim expires and the reminder is taken again
            log.warn("Outbox: could not record the failure of reminder {}: {}", reminder.id(), recording.toString());
        }
    }

    private static String describe(Throwable e) {
        Throwable root = NestedExceptionUtils.getMostSpecificCause(e);
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return root == e ? message : e.getClass().getSimpleName() + ": " + message;
    }

    /** Sends everything due and tells every instance, in the caller's thread (tests with auto-start off). */
    public void drainAll() {
        while (sendDue() > 0 || notices.tell(clock.now(), 25) > 0) {
            // next round
        }
    }

    private void run() {
        while (running) {
            try {
                if (!round()) {
                    TimeUnit.MILLISECONDS.sleep(settings.pollInterval().toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // e.g. the database restarts: look again after a pause
                log.warn("Outbox: could not look for due reminders; trying again: {}", e.toString());
                try {
                    TimeUnit.MILLISECONDS.sleep(Math.max(1000, settings.pollInterval().toMillis()));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * One round of the loop: keep the senders fed, and tell the instances about reminders handed
     * off (a few at a time while replies come in on this node). False when there is nothing to do
     * right now, so the loop pauses for the poll interval.
     */
    boolean round() throws InterruptedException {
        boolean replying = replies.within(settings.replyPause());
        if (feedSenders() > 0) {
            notices.tell(clock.now().minus(settings.modelLag()), replying ? settings.noticesWhileReplying() : 20);
            return true;
        }
        if (inFlight.availablePermits() < 2 * batchSize()) {
            return false;
        }
        // nothing more due: the instances are told once the last hand-offs are done
        if (replying) {
            notices.tell(clock.now(), settings.noticesWhileReplying());
            return false;
        }
        return notices.tell(clock.now(), 25) > 0;
    }

    @Override
    public void start() {
        running = true;
    }

    /** Sends once the application is ready: the gateways' routes (Camel) start late in the start-up. */
    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        if (settings.autoStart() && running && loop == null) {
            loop = new Thread(this::run, "outbox");
            loop.setDaemon(true);
            loop.start();
        }
    }

    @Override
    public void stop() {
        running = false;
        if (loop != null) {
            loop.interrupt();
            try {
                loop.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            loop = null;
        }
        senders.shutdown();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the process engine and the gateways' routes (with the work queues). */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }
}
