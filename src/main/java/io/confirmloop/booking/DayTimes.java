package io.confirmloop.booking;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Days, dates and times of availability as owners write them: {@code MONDAY}, {@code 2026-12-24},
 * {@code 09:00}; {@code 24:00} as an end is midnight at the end of the day (stored as 00:00).
 * Each reader answers null for what it cannot read, so the caller words the problem.
 */
final class DayTimes {

    private static final Pattern TIME = Pattern.compile("([01]?\\d|2[0-4]):([0-5]\\d)");

    private DayTimes() {
    }

    /** A time {@code H:mm} or {@code HH:mm}; {@code 24:00} only when {@code end} (it is read as 00:00). */
    static LocalTime time(String text, boolean end) {
        Matcher m = text == null ? null : TIME.matcher(text.trim());
        if (m == null || !m.matches()) {
            return null;
        }
        int hour = Integer.parseInt(m.group(1));
        int minute = Integer.parseInt(m.group(2));
        if (hour == 24) {
            return end && minute == 0 ? LocalTime.MIDNIGHT : null;
        }
        return LocalTime.of(hour, minute);
    }

    /** {@code from} is before {@code to}, where a {@code to} of 00:00 is the end of the day. */
    static boolean ordered(LocalTime from, LocalTime to) {
        return to.equals(LocalTime.MIDNIGHT) || from.isBefore(to);
    }

    /** 09:00, and 24:00 for an end at midnight. */
    static String format(LocalTime time, boolean end) {
        return end && time.equals(LocalTime.MIDNIGHT) ? "24:00" : String.format(Locale.ROOT, "%02d:%02d", time.getHour(), time.getMinute());
    }

    static DayOfWeek day(String text) {
        try {
            return text == null ? null : DayOfWeek.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static LocalDate date(String text) {
        try {
            return text == null ? null : LocalDate.parse(text.trim());
        } catch (DateTimeException e) {
            return null;
        }
    }
}
