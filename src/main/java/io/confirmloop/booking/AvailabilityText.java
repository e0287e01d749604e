package io.confirmloop.booking;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Availability as the owner types it in the Tasklist form. A weekday is
 * {@code 09:00-12:00, 13:00-17:00} (empty, "-" or "off": not available that day); an exception is
 * one line {@code 2026-12-24 off}, {@code 2026-12-31 09:00-12:00 off} or
 * {@code 2027-01-02 10:00-14:00 extra}. What cannot be read is added to {@code problems}, one
 * sentence each, naming the day or line and saying what is expected.
 */
final class AvailabilityText {

    private static final Pattern RANGE = Pattern.compile("(\\S+?)\\s*[-–]\\s*(\\S+)");
    private static final Pattern EXCEPTION = Pattern.compile("(\\S+)\\s+(?:(\\S+?\\s*[-–]\\s*\\S+)\\s+)?(\\S+)");

    private AvailabilityText() {
    }

    /** The windows of {@code day}, of type {@code typeId}. */
    static List<Availability.Window> day(DayOfWeek day, String text, String typeId, List<String> problems) {
        List<Availability.Window> windows = new ArrayList<>();
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.isEmpty() || trimmed.equals("-") || trimmed.equalsIgnoreCase("off")) {
            return windows;
        }
        String name = day.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        for (String part : trimmed.split("[,;]")) {
            LocalTime[] range = range(part.trim(), name + ": '" + part.trim() + "'", problems);
            if (range != null) {
                windows.add(new Availability.Window(typeId, day, range[0], range[1]));
            }
        }
        return windows;
    }

    /** The dated exceptions, one a line; they apply to every type. */
    static List<Availability.Exception> exceptions(String text, List<String> problems) {
        List<Availability.Exception> exceptions = new ArrayList<>();
        String[] lines = text == null ? new String[0] : text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty()) {
                continue;
            }
            String where = "Exception line " + (i + 1) + " '" + line + "'";
            Matcher m = EXCEPTION.matcher(line);
            if (!m.matches()) {
                problems.add(where + ": write a date, optional hours and off or extra, e.g. 2026-12-24 off or 2027-01-02 10:00-14:00 extra");
                continue;
            }
            LocalDate date = DayTimes.date(m.group(1));
            String kind = m.group(3).toLowerCase(Locale.ROOT);
            if (date == null) {
                problems.add(where + ": '" + m.group(1) + "' is not a date such as 2026-12-24");
            } else if (!kind.equals("off") && !kind.equals("extra")) {
                problems.add(where + ": end the line with off (not available) or extra (extra hours)");
            } else if (m.group(2) == null && kind.equals("extra")) {
                problems.add(where + ": extra hours need a time range such as 10:00-14:00");
            } else if (m.group(2) == null) {
                exceptions.add(new Availability.Exception(null, date, null, null, false));
            } else {
                LocalTime[] range = range(m.group(2), where, problems);
                if (range != null) {
                    exceptions.add(new Availability.Exception(null, date, range[0], range[1], kind.equals("extra")));
                }
            }
        }
        return exceptions;
    }

    /** The day's windows as the form shows them: {@code 09:00-12:00, 13:00-17:00}. */
    static String day(List<Availability.Window> windows) {
        return windows.stream().map(w -> range(w.from(), w.to())).collect(Collectors.joining(", "));
    }

    /** The exceptions as the form shows them, one a line. */
    static String exceptions(List<Availability.Exception> exceptions) {
        return exceptions.stream().map(e -> e.date() + (e.wholeDay() ? "" : " " + range(e.from(), e.to())) + (e.available() ? " extra" : " off"))
                .collect(Collectors.joining("\n"));
    }

    private static String range(LocalTime from, LocalTime to) {
        return DayTimes.format(from, false) + "-" + DayTimes.format(to, true);
    }

    private static LocalTime[] range(String text, String where, List<String> problems) {
        Matcher m = RANGE.matcher(text);
        LocalTime from = m.matches() ? DayTimes.time(m.group(1), false) : null;
        LocalTime to = m.matches() ? DayTimes.time(m.group(2), true) : null;
        if (from == null || to == null) {
            problems.add(where + " is not a time range such as 09:00-12:00 (24-hour clock)");
            return null;
        }
        if (!DayTimes.ordered(from, to)) {
            problems.add(where + ": the start must be before the end");
            return null;
        }
        return new LocalTime[] {from, to};
    }
}
