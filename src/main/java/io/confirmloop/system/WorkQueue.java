package io.confirmloop.system;

import java.io.Serializable;
import java.util.Optional;
import java.util.concurrent.Executor;

import io.micrometer.core.instrument.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.serializer.support.SerializationFailedException;
import org.springframework.integration.jdbc.channel.PostgresChannelMessageTableSubscriber;
import org.springframework.integration.jdbc.store.JdbcChannelMessageStore;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.retry.support.RetryTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A durable queue of small work items in the shared database: a group of Spring Integration's
 * {@link JdbcChannelMessageStore}. {@link #enqueue} joins the caller's transaction, so the item
 * exists exactly when the change that caused it committed. Any node takes items; each is handled
 * once it is taken (PostgreSQL: {@code FOR UPDATE SKIP LOCKED}).
 * <p>
 * {@link Delivery#IN_TRANSACTION}: the item is taken and handled in one transaction, so a node that
 * dies mid-way leaves it for another. Each attempt runs under a savepoint; attempts are retried with
 * backoff; when they keep failing the item is handed to {@link GiveUp} (which makes the failure
 * visible) in that same transaction, and the item is consumed.
 * {@link Delivery#OUTSIDE_TRANSACTION}: for handlers that call remote systems, which must not run
 * inside a transaction; the item is taken first, then handled with retries.
 */
public final class WorkQueue<T extends Serializable> implements PostgresChannelMessageTableSubscriber.Subscription {

    private static final Logger log = LoggerFactory.getLogger(WorkQueue.class);

    public enum Delivery { IN_TRANSACTION, OUTSIDE_TRANSACTION }

    /** Handles one item; throws to have it retried. */
    @FunctionalInterface
    public interface Handler<T> {
        void handle(T item);
    }

    /** Records an item whose attempts all failed, so that it is visible and can be tried again later. */
    @FunctionalInterface
    public interface GiveUp<T> {
        void failed(T item, Throwable lastError, int attempts);
    }

    private final String name;
    private final JdbcChannelMessageStore store;
    private final Delivery delivery;
    private final Handler<T> handler;
    private final GiveUp<T> giveUp;
    private final RetryTemplate retry;
    private final int attempts;
    private final TransactionTemplate takeTransaction;
    private final TransactionTemplate attemptSavepoint;
    private final Executor executor;
    private final Unreadable unreadable;
    private final Counter handled;
    private final Counter failed;
    private volatile boolean live;

    /** Removes the oldest item of a queue, which could not be read. */
    @FunctionalInterface
    interface Unreadable {
        void drop(String queue);
    }

    WorkQueue(String name, JdbcChannelMessageStore store, PlatformTransactionManager transactions, Executor executor,
            Delivery delivery, Handler<T> handler, GiveUp<T> giveUp, RetryTemplate retry, int attempts, Unreadable unreadable,
            Counter handled, Counter failed) {
        this.name = name;
        this.handled = handled;
        this.failed = failed;
        this.unreadable = unreadable;
        this.store = store;
        this.executor = executor;
        this.delivery = delivery;
        this.handler = handler;
        this.giveUp = giveUp;
        this.retry = retry;
        this.attempts = attempts;
        this.takeTransaction = new TransactionTemplate(transactions);
        this.attemptSavepoint = new TransactionTemplate(transactions);
        this.attemptSavepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    public String name() {
        return name;
    }

    /** Adds an item, in the caller's transaction if there is one; this node looks at it once that commits. */
    public void enqueue(T item) {
        store.addMessageToGroup(name, MessageBuilder.withPayload(item).build());
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    notifyUpdate();
                }
            });
        } else {
            notifyUpdate();
        }
    }

    /** Items waiting to be taken. */
    public int pending() {
        return store.messageGroupSize(name);
    }

    /** Wakes a worker of this node to take what is waiting (PostgreSQL notifications, a timer, our own commits). */
    @Override
    public void notifyUpdate() {
        if (live) {
            executor.execute(this::drain);
        }
    }

    /** Takes and handles items until none is left (also used by tests, in their own thread). */
    public void drain() {
        try {
            while (takeOne()) {
                // next
            }
        } catch (RuntimeException e) {
            // The database itself failed (e.g. it restarts): stop here; the next wake-up tries again.
            log.warn("Work queue {} could not take an item; it is tried again at the next wake-up: {}", name, e.toString());
        }
    }

    private boolean takeOne() {
        if (delivery == Delivery.OUTSIDE_TRANSACTION) {
            return takeTransaction.execute(status -> poll()).map(item -> {
                handleWithRetries(item, handler::handle);
                return true;
            }).orElse(false);
        }
        return Boolean.TRUE.equals(takeTransaction.execute(status -> poll().map(item -> {
            handleWithRetries(item, it -> attemptSavepoint.executeWithoutResult(s -> handler.handle(it)));
            return true;
        }).orElse(false)));
    }

    /**
     * The oldest item, taken (removed) in the current transaction. An item that cannot be read any
     * more (e.g. written by an older version) is dropped with an error in the log, so it never
     * blocks the queue.
     */
    private Optional<T> poll() {
        try {
            Message<?> message = store.pollMessageFromGroup(name);
            return message == null ? Optional.empty() : Optional.of(item(message));
        } catch (SerializationFailedException e) {
            unreadable.drop(name);
            log.error("Work queue {}: dropped an item that cannot be read: {}", name, e.toString());
            return poll();
        }
    }

    private void handleWithRetries(T item, Handler<T> attempt) {
        retry.execute(context -> {
            attempt.handle(item);
            handled.increment();
            return null;
        }, context -> {
            failed.increment();
            log.warn("Work queue {}: {} failed {} times; recorded as failed: {}", name, item, attempts,
                    String.valueOf(context.getLastThrowable()));
            giveUp.failed(item, context.getLastThrowable(), attempts);
            return null;
        });
    }

    @SuppressWarnings("unchecked")
    private T item(Message<?> message) {
        return (T) message.getPayload();
    }

    void setLive(boolean live) {
        this.live = live;
    }

    @Override
    public String getRegion() {
        return store.getRegion();
    }

    @Override
    public Object getGroupId() {
        return name;
    }
}
