package io.confirmloop.calendar.google;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.confirmloop.calendar.CalendarProviderException;
import io.confirmloop.calendar.NewEvent;
import io.confirmloop.calendar.ProviderEvent;

/**
 * Google's Event resource to and from our {@link ProviderEvent}.
 * <ul>
 * <li>version = {@code etag}, kept as Google writes it (a quoted string) for {@code If-Match};</li>
 * <li>times = {@code start.dateTime}/{@code end.dateTime} (RFC 3339 with offset), zone =
 * {@code start.timeZone} when the event names one;</li>
 * <li>all-day events ({@code start.date}, no time) are not appointments and block no slot here: they
 * are left out of a window and reported as removed in the change feed (an event turned all-day ends
 * its appointment);</li>
 * <li>{@code status: "cancelled"} = removed; {@code transparency: "transparent"} = free;
 * {@code organizer.self} = organised by the calendar's owner; {@code recurringEventId} = series.</li>
 * </ul>
 */
final class GoogleEvents {

    private final ObjectMapper json;

    GoogleEvents(ObjectMapper json) {
        this.json = json;
    }

    JsonNode parse(String body) {
        try {
            return json.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (JsonProcessingException e) {
            throw new CalendarProviderException.Unavailable("Google Calendar answered something that is not JSON", null, null);
        }
    }

    /** An error body as far as it is JSON; an empty object if it is not (e.g. a proxy's HTML page). */
    JsonNode parseQuietly(String body) {
        try {
            return json.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (JsonProcessingException e) {
            return json.createObjectNode();
        }
    }

    /** The event, unless it is cancelled or all-day. */
    Optional<ProviderEvent> event(JsonNode item) {
        if (removed(item)) {
            return Optional.empty();
        }
        JsonNode start = item.path("start");
        return Optional.of(new ProviderEvent(
                item.path("id").asText(),
                text(item, "recurringEventId"),
                text(item, "etag"),
                text(item, "summary"),
                text(item, "description"),
                text(item, "location"),
                instant(start.path("dateTime").asText()),
                instant(item.path("end").path("dateTime").asText()),
                zone(text(start, "timeZone")),
                !"transparent".equals(item.path("transparency").asText()),
                item.path("organizer").path("self").asBoolean(false),
                guests(item)));
    }

    /**
     * The addresses of the event's guests, without the calendar itself ({@code self}), the
     * organizer and rooms or equipment ({@code resource}).
     */
    static List<String> guests(JsonNode item) {
        List<String> guests = new ArrayList<>();
        for (JsonNode attendee : item.path("attendees")) {
            String address = attendee.path("email").asText("");
            if (!address.isBlank() && !attendee.path("self").asBoolean(false) && !attendee.path("organizer").asBoolean(false)
                    && !attendee.path("resource").asBoolean(false)) {
                guests.add(address);
            }
        }
        return guests;
    }

    /** Cancelled (deleted), or all-day: no appointment comes of it. */
    boolean removed(JsonNode item) {
        return "cancelled".equals(item.path("status").asText()) || !item.path("start").hasNonNull("dateTime")
                || !item.path("end").hasNonNull("dateTime");
    }

    /** The body of events.insert: times in the event's zone, named so Google keeps it. */
    String insertBody(NewEvent event, ZoneId fallbackZone) {
        ZoneId zone = event.timeZone() == null ? fallbackZone : event.timeZone();
        ObjectNode body = json.createObjectNode();
        putText(body, "summary", event.title());
        putText(body, "description", event.description());
        putText(body, "location", event.location());
        body.set("start", time(event.start(), zone));
        body.set("end", time(event.end(), zone));
        return write(body);
    }

    /** The body of a move: only the times; Google merges them into start/end and keeps the event's zone. */
    String timesBody(Instant start, Instant end) {
        ObjectNode body = json.createObjectNode();
        body.set("start", time(start, null));
        body.set("end", time(end, null));
        return write(body);
    }

    String descriptionBody(String description) {
        ObjectNode body = json.createObjectNode();
        body.put("description", description == null ? "" : description);
        return write(body);
    }

    private ObjectNode time(Instant at, ZoneId zone) {
        ObjectNode node = json.createObjectNode();
        ZoneId in = zone == null ? ZoneOffset.UTC : zone;
        node.put("dateTime", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at.atZone(in).toOffsetDateTime()));
        if (zone != null && !(zone instanceof ZoneOffset)) {
            node.put("timeZone", zone.getId()); // an IANA name; a bare offset is said by dateTime alone
        }
        return node;
    }

    private String write(ObjectNode body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An event body is always writable", e);
        }
    }

    private static void putText(ObjectNode body, String field, String value) {
        if (value != null) {
            body.put(field, value);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Instant instant(String rfc3339) {
        try {
            return OffsetDateTime.parse(rfc3339).toInstant();
        } catch (DateTimeParseException e) {
            throw new CalendarProviderException.Unavailable("Google Calendar answered an event time that is not RFC 3339", null, null);
        }
    }

    private static ZoneId zone(String id) {
        if (id == null || id.isBlank()) {
            return null;
        }
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            return null;
        }
    }
}
