package io.confirmloop.calendar;

import java.time.Instant;

/** One event as a provider reports it, whatever the provider. */
public record ProviderEvent(
        String eventId,
        String title,
        String description,
        String location,
        Instant start,
        Instant end,
        boolean cancelled,
        boolean organizedByOwner) {

    /** Title, location and description: where phone numbers and markers are looked for. */
    public String text() {
        return String.join("\n", nz(title), nz(location), nz(description));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
