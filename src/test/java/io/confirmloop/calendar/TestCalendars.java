package io.confirmloop.calendar;

import java.time.Instant;
import java.time.ZoneId;

/** Calendars as the code sees them, for tests without a database. */
public final class TestCalendars {

    private TestCalendars() {
    }

    public static Calendar calendar(String id, Provider provider) {
        return new Calendar(id, "group-1", "Front desk", "Sunrise Clinic", provider, ZoneId.of("America/New_York"), "US", null, true, true,
                false, false, true, true, "default", null, null, null, Instant.parse("2026-01-01T00:00:00Z"));
    }
}
