package io.confirmloop.bench;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** Runs an action for each item at a fixed rate (one timer thread), returning once the last has started. */
final class Paced {

    private Paced() {
    }

    static <T> void forEach(List<T> items, int perSecond, Consumer<T> action) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        CountDownLatch allStarted = new CountDownLatch(items.size());
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        try {
            ticker.scheduleAtFixedRate(() -> {
                int i = next.getAndIncrement();
                if (i < items.size()) {
                    action.accept(items.get(i));
                    allStarted.countDown();
                }
            }, 0, 1_000_000_000L / perSecond, TimeUnit.NANOSECONDS);
            allStarted.await();
        } finally {
            ticker.shutdownNow();
        }
    }
}
