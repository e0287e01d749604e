package io.confirmloop.bench;

import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Runs task 0..n-1 on a fixed number of client threads, each taking the next index, until done or a
 * deadline; says how far it got every 30 s.
 */
final class Parallel {

    /** How many tasks ran, and the wall time from the first start to the last end. */
    record Run(int done, long nanos) {
    }

    private Parallel() {
    }

    private static final long PROGRESS_SECONDS = 30;

    static Run run(String label, int n, int threads, Instant deadline, IntConsumer task) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long started = System.nanoTime();
        try {
            for (int t = 0; t < threads; t++) {
                pool.execute(() -> {
                    for (int i = next.getAndIncrement(); i < n && Instant.now().isBefore(deadline); i = next.getAndIncrement()) {
                        task.accept(i);
                        done.incrementAndGet();
                    }
                });
            }
            pool.shutdown();
            while (!pool.awaitTermination(PROGRESS_SECONDS, TimeUnit.SECONDS)) {
                Progress.say("%s: %d of %d done", label, done.get(), n);
            }
        } finally {
            pool.shutdownNow();
        }
        return new Run(done.get(), System.nanoTime() - started);
    }
}
