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
}
