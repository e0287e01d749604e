package io.confirmloop.system;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.integration.jdbc.channel.PostgresChannelMessageTableSubscriber;
import org.springframework.integration.jdbc.store.JdbcChannelMessageStore;
import org.springframework.integration.util.UUIDConverter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.retry.support.RetryTemplate;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Creates and runs the {@link WorkQueue}s. On PostgreSQL a listener wakes the queues at once when
 * any node adds an item (LISTEN/NOTIFY via {@link PostgresChannelMessageTableSubscriber}), and a slow
 * timer catches what a node that died had taken; on H2 (one node, the embedded default) a fast timer
 * does. With {@code confirmloop.queues.auto-start=false} (tests) nothing runs by itself: the caller
 * drains the queues in its own thread.
 */
public class WorkQueues implements SmartLifecycle {

    private final JdbcChannelMessageStore store;
    private final JdbcTemplate jdbc;
    private final PlatformTransactionManager transactions;
    private final TaskScheduler scheduler;
    private final WorkQueueSettings settings;
    private final PostgresChannelMessageTableSubscriber listener;
    private final MeterRegistry meters;
    private final List<WorkQueue<?>> queues = new CopyOnWriteArrayList<>();
    private final List<ThreadPoolTaskExecutor> executors = new CopyOnWriteArrayList<>();
    private final List<ScheduledFuture<?>> timers = new CopyOnWriteArrayList<>();
    private volatile boolean running;

    WorkQueues(JdbcChannelMessageStore store, JdbcTemplate jdbc, PlatformTransactionManager transactions, TaskScheduler scheduler,
            WorkQueueSettings settings, DataSourceProperties dataSource, MeterRegistry meters) {
        this.store = store;
        this.meters = meters;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.scheduler = scheduler;
        this.settings = settings;
        this.listener = isPostgres(dataSource) ? new PostgresChannelMessageTableSubscriber(new PostgresListenConnection(dataSource))
                : null;
    }

    public static boolean isPostgres(DataSourceProperties dataSource) {
        return DatabaseDriver.fromJdbcUrl(dataSource.determineUrl()) == DatabaseDriver.POSTGRESQL;
    }

    /** A new queue; its worker threads start with the application. */
    public <T extends Serializable> WorkQueue<T> create(String name, WorkQueue.Delivery delivery, WorkQueue.Handler<T> handler,
            WorkQueue.GiveUp<T> giveUp) {
        return create(name, delivery, handler, giveUp, settings.workers());
    }

    /** A new queue with {@code workers} worker threads per node on PostgreSQL (one on H2). */
    public <T extends Serializable> WorkQueue<T> create(String name, WorkQueue.Delivery delivery, WorkQueue.Handler<T> handler,
            WorkQueue.GiveUp<T> giveUp, int workers) {
        RetryTemplate retry = RetryTemplate.builder().maxAttempts(settings.attempts())
                .exponentialBackoff(settings.backoff().toMillis(), 2.5, settings.maxBackoff().toMillis())
                .build();
        WorkQueue<T> queue = new WorkQueue<>(name, store, transactions, executor(name, workers), delivery, handler, giveUp, retry,
                settings.attempts(), this::dropOldest, outcome(name, "handled"), outcome(name, "failed"));
        queues.add(queue);
        if (running) {
            startQueue(queue);
        }
        return queue;
    }

    /** {@code confirmloop.queue.items}: items this node took from a queue, by outcome (failed: every attempt failed). */
    private Counter outcome(String queue, String outcome) {
        return Counter.builder("confirmloop.queue.items").description("Work queue items taken by this node")
                .tag("queue", queue).tag("outcome", outcome).register(meters);
    }

    /**
     * Drops the oldest item of a queue that could not be read. On PostgreSQL taking it already
     * removed it (one statement); on H2 the item is still there.
     */
    private void dropOldest(String queue) {
        if (listener != null) {
            return;
        }
        String group = UUIDConverter.getUUID(queue).toString();
        jdbc.update("delete from INT_CHANNEL_MESSAGE where REGION = ? and GROUP_KEY = ? and MESSAGE_ID = ("
                + "select MESSAGE_ID from INT_CHANNEL_MESSAGE where REGION = ? and GROUP_KEY = ? "
                + "order by CREATED_DATE, MESSAGE_SEQUENCE fetch first 1 rows only)",
                store.getRegion(), group, store.getRegion(), group);
    }

    /** Items waiting, per queue. */
    public Map<String, Integer> pending() {
        Map<String, Integer> pending = new java.util.LinkedHashMap<>();
        queues.forEach(q -> pending.put(q.name(), q.pending()));
        return pending;
    }

    /** Handles everything waiting in every queue, in the caller's thread (tests with auto-start off). */
    public void drainAll() {
        int waiting = Integer.MAX_VALUE;
        int before;
        do {
            before = waiting;
            queues.forEach(WorkQueue::drain);
            waiting = queues.stream().mapToInt(WorkQueue::pending).sum();
        } while (waiting > 0 && waiting < before);
    }

    private Executor executor(String name, int queueWorkers) {
        if (!settings.autoStart()) {
            return new SyncTaskExecutor();
        }
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        int workers = listener == null ? 1 : queueWorkers;
        executor.setCorePoolSize(workers);
        executor.setMaxPoolSize(workers);
        // One wake-up may wait while every worker is busy; more are dropped, since the waiting one drains all.
        executor.setQueueCapacity(1);
        executor.setRejectedExecutionHandler(new ThreadPoolExecutor.DiscardPolicy());
        executor.setThreadNamePrefix("queue-" + name + "-");
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(10);
        executor.initialize();
        executors.add(executor);
        return executor;
    }

    private void startQueue(WorkQueue<?> queue) {
        if (!settings.autoStart()) {
            return;
        }
        queue.setLive(true);
        if (listener != null) {
            listener.subscribe(queue);
        }
        Duration every = listener == null ? settings.pollInterval() : settings.safetyPollInterval();
        timers.add(scheduler.scheduleWithFixedDelay(queue::notifyUpdate, every));
        queue.notifyUpdate();
    }

    @Override
    public void start() {
        running = true;
        queues.forEach(this::startQueue);
        if (listener != null && settings.autoStart()) {
            listener.start();
        }
    }

    @Override
    public void stop() {
        running = false;
        timers.forEach(t -> t.cancel(false));
        timers.clear();
        queues.forEach(q -> q.setLive(false));
        if (listener != null && listener.isRunning()) {
            listener.stop();
        }
        executors.forEach(ThreadPoolTaskExecutor::shutdown);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts after everything else (the process engine has deployed), stops first. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }
}
