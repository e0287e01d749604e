package io.confirmloop.bench;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** Progress lines while the runner works; the figures come at the end, as a table. */
final class Progress {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private Progress() {
    }

    static void say(String format, Object... args) {
        System.out.println("[bench " + TIME.format(LocalTime.now()) + "] " + String.format(format, args));
        System.out.flush();
    }
}
