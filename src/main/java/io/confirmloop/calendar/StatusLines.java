package io.confirmloop.calendar;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The status lines ConfirmLoop puts at the top of an event description ("update appointment
 * descriptions"): one per attendee, always replaced as a block, never touching the rest (its line
 * breaks included).
 */
public final class StatusLines {

    public static final String PREFIX = "[ConfirmLoop] ";

    private static final Pattern LEADING_BLOCK = Pattern.compile("\\A(?:" + Pattern.quote(PREFIX) + "[^\\r\\n]*(?:\\r\\n|\\r|\\n|\\z))+");
    private static final Pattern ANY_LINE = Pattern.compile("(?m)^" + Pattern.quote(PREFIX) + "[^\\r\\n]*(?:\\r\\n|\\r|\\n)?");

    private StatusLines() {
    }

    /** The description without our status block at its top. */
    public static String strip(String description) {
        return description == null ? "" : LEADING_BLOCK.matcher(description).replaceFirst("");
    }

    /** Event text without any of our status lines, for finding phone numbers and markers. */
    public static String withoutStatusLines(String text) {
        return text == null ? "" : ANY_LINE.matcher(text).replaceAll("");
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
