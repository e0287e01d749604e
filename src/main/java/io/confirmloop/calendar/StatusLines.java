package io.confirmloop.calendar;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The status lines ConfirmLoop puts at the top of an event description ("update appointment
 * descriptions"): one per attendee, always replaced as a block, never touching the rest.
 */
public final class StatusLines {

    public static final String PREFIX = "[ConfirmLoop] ";

    private StatusLines() {
    }

    /** The description without our status lines. */
    public static String strip(String description) {
        if (description == null) {
            return "";
        }
        return description.lines().filter(l -> !l.startsWith(PREFIX)).collect(Collectors.joining("\n"));
    }

    /** The description with {@code lines} (without prefix) as the status block on top. */
    public static String prepend(List<String> lines, String description) {
        String rest = strip(description);
        String block = lines.stream().map(l -> PREFIX + l).collect(Collectors.joining("\n"));
        if (block.isEmpty()) {
            return rest;
        }
        return rest.isEmpty() ? block : block + "\n" + rest;
    }
}
