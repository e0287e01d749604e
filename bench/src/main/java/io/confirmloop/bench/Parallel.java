package io.confirmloop.bench;

import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/** Runs task 0..n-1 on a fixed number of client threads, each taking the next index, until done or a deadline. */
final class Parallel {

    /** How many tasks ran, and the wall time from the first start to the last end. */
    record Run(int done, long nanos) {
    }

    private Parallel() {
    }

    static Run run(int n, int threads, Instant deadline, IntConsumer task) throws InterruptedException {
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
            if (!pool.awaitTermination(1, TimeUnit.DAYS)) {
                throw new IllegalStateException("client threads did not finish");
            }
        } finally {
            pool.shutdownNow();
        }
        return new Run(done.get(), System.nanoTime() - started);
    }
}
