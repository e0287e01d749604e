package io.confirmloop.calendar.graph;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.confirmloop.calendar.CalendarProviderException;
import io.confirmloop.calendar.ProviderEvent;

/**
 * Reads Microsoft Graph's {@code event} resource (calendarView, its delta and a single event) into
 * what the seam needs. What is no appointment for us is said so: a removal ({@code @removed}), a
 * cancelled event ({@code isCancelled}) and an all-day event ({@code isAllDay}: a date, not a time
 * a client is reminded of) are {@link Kind#GONE}; a series master is {@link Kind#SERIES_MASTER}, since
 * calendarView lists its occurrences and exceptions instead.
 */
final class GraphEvents {

    /** The event properties the adapter reads ({@code $select} where the API allows it). */
    static final String SELECT = "id,subject,body,start,end,location,showAs,isOrganizer,isAllDay,isCancelled,type,seriesMasterId,"
            + "originalStartTimeZone,organizer,attendees";

    /** showAs values that leave the time free (the rest, {@code unknown} included, block it). */
    private static final Set<String> FREE = Set.of("free", "workingElsewhere");

    enum Kind { EVENT, GONE, SERIES_MASTER }

    /** One item of an answer: an event we keep, or the id of one that is gone for us. */
    record Entry(Kind kind, String id, ProviderEvent event) {
    }

    private GraphEvents() {
    }

    static Entry entry(JsonNode item) {
        String id = item.path("id").asText("");
        if (id.isEmpty()) {
            throw malformed("an event without an id");
        }
        if (item.has("@removed") || item.path("isCancelled").asBoolean(false) || item.path("isAllDay").asBoolean(false)) {
            return new Entry(Kind.GONE, id, null);
        }
        if ("seriesMaster".equals(item.path("type").asText())) {
            return new Entry(Kind.SERIES_MASTER, id, null);
        }
        return new Entry(Kind.EVENT, id, event(item));
    }

    static ProviderEvent event(JsonNode item) {
        String seriesId = item.path("seriesMasterId").isTextual() ? item.get("seriesMasterId").asText() : null;
        String location = item.path("location").path("displayName").asText("");
        return new ProviderEvent(item.path("id").asText(), seriesId, version(item), text(item, "subject"), body(item.path("body")),
                location.isEmpty() ? null : location, instant(item.path("start")), instant(item.path("end")),
                zone(item.path("originalStartTimeZone").asText(null)), !FREE.contains(item.path("showAs").asText("busy")),
                item.path("isOrganizer").asBoolean(false), guests(item));
    }

    /**
     * The addresses of the people the owner invited: the attendees of an event the owner
     * organised, without the organizer, rooms and equipment ({@code type: resource}). Graph does
     * not mark which attendee is the mailbox itself, so an event the owner was only invited to
     * gives no guests (its attendees are the owner and their colleagues, not clients).
     */
    static List<String> guests(JsonNode item) {
        if (!item.path("isOrganizer").asBoolean(false)) {
            return List.of();
        }
        String organizer = item.path("organizer").path("emailAddress").path("address").asText("").trim().toLowerCase(Locale.ROOT);
        List<String> guests = new ArrayList<>();
        for (JsonNode attendee : item.path("attendees")) {
            String address = attendee.path("emailAddress").path("address").asText("").trim().toLowerCase(Locale.ROOT);
            if (!address.isEmpty() && !address.equals(organizer) && !"resource".equals(attendee.path("type").asText())) {
                guests.add(address);
            }
        }
        return guests;
    }

    /**
     * The event's {@code @odata.etag}: what {@code If-Match} takes. Graph's etag is the change key,
     * weak-quoted; an answer without it (never seen) is read as that form of {@code changeKey}.
     */
    static String version(JsonNode item) {
        String etag = item.path("@odata.etag").asText("");
        if (!etag.isEmpty()) {
            return etag;
        }
        String changeKey = item.path("changeKey").asText("");
        if (changeKey.isEmpty()) {
            throw malformed("an event without @odata.etag or changeKey");
        }
        return "W/\"" + changeKey + "\"";
    }

    /** A {@code dateTimeTimeZone}: local date-time in the zone named beside it (UTC, as we ask with Prefer). */
    static Instant instant(JsonNode dateTimeTimeZone) {
        String dateTime = dateTimeTimeZone.path("dateTime").asText("");
        String zoneName = dateTimeTimeZone.path("timeZone").asText("UTC");
        ZoneId zone = "UTC".equalsIgnoreCase(zoneName) ? ZoneOffset.UTC : zone(zoneName);
        if (zone == null) {
            throw malformed("a time in the zone '" + zoneName + "' instead of UTC");
        }
        try {
            return LocalDateTime.parse(dateTime).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw malformed("an unreadable time");
        }
    }

    /**
     * The zone an event was written in: an IANA name as is. Windows names ("Central Standard Time"),
     * which Outlook mostly writes, are left out (null): no mapping is on the classpath, and the
     * instants never depend on it.
     */
    static ZoneId zone(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        if (name.equals("UTC") || name.equals("Etc/GMT")) {
            return ZoneOffset.UTC;
        }
        try {
            return name.contains("/") ? ZoneId.of(name) : null;
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The body as text: we ask for text (Prefer), and read HTML if a server answers with it anyway. */
    private static String body(JsonNode body) {
        if (!body.hasNonNull("content")) {
            return null;
        }
        String content = body.get("content").asText();
        return "html".equalsIgnoreCase(body.path("contentType").asText()) ? HtmlText.of(content) : content;
    }

    private static String text(JsonNode item, String field) {
        return item.hasNonNull(field) ? item.get(field).asText() : null;
    }

    static CalendarProviderException malformed(String what) {
        return new CalendarProviderException.Rejected("Microsoft 365 answered " + what, 0, null);
    }
}
