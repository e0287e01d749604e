package io.confirmloop.bench;

import java.time.Duration;
import java.util.Locale;

/** Number formatting for the report: three significant-ish digits, never scientific notation. */
final class Format {

    private Format() {
    }

    static String num(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "–";
        }
        double abs = Math.abs(value);
        String pattern = abs >= 100 ? "%.0f" : abs >= 10 ? "%.1f" : "%.2f";
        return String.format(Locale.ROOT, pattern, value);
    }

    static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }

    static double seconds(Duration duration) {
        return duration.toNanos() / 1_000_000_000.0;
    }

    static String seconds(double seconds) {
        return num(seconds) + " s";
    }

    /** Bytes in binary units: "812 B", "40.5 KiB", "52.3 MiB", "1.20 GiB". */
    static String bytes(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = 0;
        while (Math.abs(value) >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return (unit == 0 ? String.valueOf(bytes) : num(value)) + " " + units[unit];
    }

    static String ratio(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "–" : String.format(Locale.ROOT, "%.2f×", value);
    }
}
