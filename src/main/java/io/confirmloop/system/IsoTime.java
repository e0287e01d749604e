package io.confirmloop.system;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Instants in the API: ISO-8601 with an offset, refused with a clear message otherwise. */
public final class IsoTime {

    private IsoTime() {
    }

    public static Instant parse(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest("VALIDATION_FAILED", field + " is required (ISO-8601 with offset, e.g. 2026-11-23T09:00:00+01:00)");
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("INVALID_DATE_TIME",
                    field + " '" + value + "' is not ISO-8601 with an offset, e.g. 2026-11-23T09:00:00+01:00");
        }
    }

    /**
     * An instant given with an offset, or a local date-time (no offset) in {@code zone}: a time
     * skipped by a DST change moves forward by the gap, a time that occurs twice is the earlier.
     */
    public static Instant parseIn(String value, String field, java.time.ZoneId zone) {
        if (value != null && !value.isBlank() && !hasOffset(value.trim())) {
            try {
                return java.time.ZonedDateTime.ofLocal(java.time.LocalDateTime.parse(value.trim()), zone, null).toInstant();
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest("INVALID_DATE_TIME", field + " '" + value
                        + "' is neither ISO-8601 with an offset (2026-11-23T09:00:00+01:00) nor a local time in " + zone.getId()
                        + " (2026-11-23T09:00)");
            }
        }
        return parse(value, field);
    }

    private static boolean hasOffset(String value) {
        int t = value.indexOf('T');
        String time = t < 0 ? "" : value.substring(t);
        return time.endsWith("Z") || time.endsWith("z") || time.contains("+") || time.lastIndexOf('-') > 0;
    }
}
