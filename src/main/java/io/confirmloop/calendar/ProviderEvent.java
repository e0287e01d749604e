package io.confirmloop.calendar;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One event as a provider reports it, whatever the provider: an occurrence of a recurring series
 * is an event of its own (with {@code seriesId} set).
 *
 * @param version          the provider's version of the event (etag, ChangeKey, updated time): a
 *                         new version means "read it again"
 * @param timeZone         the zone the event was written in, if the provider says (times are instants)
 * @param busy             false when the event's status is Free: it does not block availability
 * @param organizedByOwner the calendar's owner organised it (false: the owner is only invited)
 * @param guestEmails      the email addresses of the people invited to the event other than the
 *                         calendar's owner and the organizer (rooms and resources left out), in
 *                         lower case: a client invited to their appointment gets its emails there
 */
public record ProviderEvent(
        String eventId,
        String seriesId,
        String version,
        String title,
        String description,
        String location,
        Instant start,
        Instant end,
        ZoneId timeZone,
        boolean busy,
        boolean organizedByOwner,
        List<String> guestEmails) {

    /** Times are kept to the microsecond, as the database keeps them, so a stored event reads back equal. */
    public ProviderEvent {
        start = start == null ? null : start.truncatedTo(ChronoUnit.MICROS);
        end = end == null ? null : end.truncatedTo(ChronoUnit.MICROS);
        guestEmails = guestEmails == null ? List.of() : guestEmails.stream().filter(Objects::nonNull).map(String::trim)
                .filter(e -> !e.isEmpty()).map(e -> e.toLowerCase(Locale.ROOT)).distinct().toList();
    }

    /** An event without invited guests (the built-in calendar has none). */
    public ProviderEvent(String eventId, String seriesId, String version, String title, String description, String location,
            Instant start, Instant end, ZoneId timeZone, boolean busy, boolean organizedByOwner) {
        this(eventId, seriesId, version, title, description, location, start, end, timeZone, busy, organizedByOwner, List.of());
    }

    /** Title, location and description: where phone numbers and markers are looked for. */
    public String text() {
        return String.join("\n", nz(title), nz(location), nz(description));
    }

    /**
     * A hash of what the appointment side reads: title, location, description without our status
     * lines, times, organizer and guests. Our own status-line write-back (or a provider's new version with
     * nothing changed that matters) keeps it, so it never comes back as a change.
     */
    public String contentHash() {
        String content = String.join("\u0000", nz(title), nz(location), StatusLines.withoutStatusLines(description),
                String.valueOf(start), String.valueOf(end), String.valueOf(organizedByOwner));
        if (!guestEmails.isEmpty()) {
            // only then: an event without guests keeps the hash it had before guests were read
            content = content + "\u0000" + String.join(",", guestEmails.stream().sorted().toList());
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public ProviderEvent withDescription(String newDescription, String newVersion) {
        return new ProviderEvent(eventId, seriesId, newVersion, title, newDescription, location, start, end, timeZone, busy,
                organizedByOwner, guestEmails);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
