package io.confirmloop.messaging;

import java.time.Duration;

import org.springframework.stereotype.Component;

/**
 * Whether clients' texts are coming in on this node right now. Work that can wait (the models
 * catching up with a burst of reminders) gives way to them, so a reply is handed over at once
 * rather than behind thousands of catch-up steps.
 */
@Component
public class ReplyTraffic {

    private volatile long lastArrivalNanos = System.nanoTime() - Duration.ofDays(1).toNanos();

    /** A client's text was stored on this node. */
    void arrived() {
        lastArrivalNanos = System.nanoTime();
    }

    /** True if a client's text came in on this node within {@code window}. */
    public boolean within(Duration window) {
        return System.nanoTime() - lastArrivalNanos < window.toNanos();
    }
}
