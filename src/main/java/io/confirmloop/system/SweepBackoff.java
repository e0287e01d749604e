package io.confirmloop.system;

import java.time.Duration;

/**
 * How long work that keeps failing waits before a periodic sweep tries it again: 1, 2, 4 … up to
 * 60 minutes after the last failure, none before the first one. Used by every sweep that picks up
 * what its queue could not finish (status lines, changed events, booking copies, slot moves).
 */
public final class SweepBackoff {

    private SweepBackoff() {
    }

    public static Duration after(int failures) {
        return failures <= 0 ? Duration.ZERO : Duration.ofMinutes(Math.min(60, 1L << Math.min(6, failures - 1)));
    }
}
