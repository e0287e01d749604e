package io.confirmloop.calendar.clio;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.confirmloop.calendar.CalendarProviderException;
import io.confirmloop.calendar.NewEvent;
import io.confirmloop.calendar.ProviderCalendar;
import io.confirmloop.calendar.ProviderEvent;

/**
 * Clio Manage API v4 JSON, both ways: a {@code CalendarEntry} or {@code Calendar} as Clio sends it
 * ({@code {"data": …, "meta": {"paging": {"next": …}}}}), and the {@code {"data": {…}}} bodies we
 * send. Clio has no free/busy status and no cancelled state (a removed entry is gone); an entry
 * belongs to the calendar in its {@code calendar_owner}, and may also show on the calendars of its
 * attendees.
 */
final class ClioJson {

    /** The event type an owner gives entries that do not block their time (Clio has no free/busy of its own). */
    static final String FREE_EVENT_TYPE = "free";

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    private final ObjectMapper json;

    ClioJson(ObjectMapper json) {
        this.json = json;
    }

    /** One page of a list: its records and the URL of the next page (null on the last). */
    record Page(List<JsonNode> data, String next) {
    }

    Page page(String body) {
        JsonNode root = parse(body);
        List<JsonNode> data = new ArrayList<>();
        root.path("data").forEach(data::add);
        JsonNode next = root.path("meta").path("paging").path("next");
        return new Page(data, next.isTextual() && !next.asText().isBlank() ? next.asText() : null);
    }

    /** The record of a single-resource answer. */
    JsonNode single(String body) {
        JsonNode data = parse(body).path("data");
        if (!data.isObject()) {
            throw malformed();
        }
        return data;
    }

    /**
     * The entry as an event of calendar {@code calendarId}; empty for an all-day entry (not an
     * appointment: ConfirmLoop skips all-day entries) or an entry no longer on this calendar.
     */
    Optional<ProviderEvent> event(JsonNode entry, String calendarId) {
        if (entry.path("all_day").asBoolean(false) || !onCalendar(entry, calendarId)) {
            return Optional.empty();
        }
        String id = text(entry, "id");
        Instant start = instant(entry, "start_at");
        Instant end = instant(entry, "end_at");
        if (id == null || start == null || end == null) {
            throw malformed();
        }
        String parent = text(entry, "parent_calendar_entry_id");
        boolean recurring = text(entry, "recurrence_rule") != null;
        String seriesId = parent != null ? parent : recurring ? id : null;
        String eventType = entry.path("calendar_entry_event_type").path("name").asText("");
        boolean busy = !eventType.trim().toLowerCase(Locale.ROOT).equals(FREE_EVENT_TYPE);
        return Optional.of(new ProviderEvent(id, seriesId, text(entry, "etag"), text(entry, "summary"), text(entry, "description"),
                text(entry, "location"), start, end, zone(entry), busy, ownedBy(entry, calendarId)));
    }

    ProviderCalendar calendar(JsonNode calendar) {
        String permission = calendar.path("permission").asText("");
        boolean owned = permission.equals("owner");
        return new ProviderCalendar(text(calendar, "id"), text(calendar, "name"), null,
                owned && "UserCalendar".equals(calendar.path("type").asText()), owned || permission.equals("editor"));
    }

    /** The body that creates an entry on calendar {@code calendarId}. */
    String create(NewEvent event, String calendarId) {
        ObjectNode data = json.createObjectNode();
        data.put("summary", event.title());
        data.put("description", event.description() == null ? "" : event.description());
        if (event.location() != null) {
            data.put("location", event.location());
        }
        ZoneId zone = event.timeZone() == null ? ZoneOffset.UTC : event.timeZone();
        data.put("start_at", timestamp(event.start(), zone));
        data.put("end_at", timestamp(event.end(), zone));
        ObjectNode owner = data.putObject("calendar_owner");
        if (calendarId.chars().allMatch(Character::isDigit)) {
            owner.put("id", Long.parseLong(calendarId));
        } else {
            owner.put("id", calendarId);
        }
        return wrap(data);
    }

    String times(Instant start, Instant end) {
        ObjectNode data = json.createObjectNode();
        data.put("start_at", timestamp(start, ZoneOffset.UTC));
        data.put("end_at", timestamp(end, ZoneOffset.UTC));
        return wrap(data);
    }

    String description(String description) {
        ObjectNode data = json.createObjectNode();
        data.put("description", description == null ? "" : description);
        return wrap(data);
    }

    private String wrap(ObjectNode data) {
        ObjectNode root = json.createObjectNode();
        root.set("data", data);
        return root.toString();
    }

    /** ISO-8601 with seconds and the zone's offset, as Clio writes its own timestamps. */
    static String timestamp(Instant instant, ZoneId zone) {
        OffsetDateTime at = OffsetDateTime.ofInstant(instant, zone);
        return at.getNano() == 0 ? SECONDS.format(at) : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at);
    }

    /** Listed by calendar, an entry is on it; read alone, it is on the calendars Clio names (when it names them). */
    private static boolean onCalendar(JsonNode entry, String calendarId) {
        JsonNode calendars = entry.path("calendars");
        if (!calendars.isArray() || calendars.isEmpty() || ownedBy(entry, calendarId)) {
            return true;
        }
        for (JsonNode c : calendars) {
            if (calendarId.equals(c.path("id").asText())) {
                return true;
            }
        }
        return false;
    }

    /** The entry's calendar is the owner's calendar (else it shows there because the owner attends). */
    private static boolean ownedBy(JsonNode entry, String calendarId) {
        JsonNode owner = entry.path("calendar_owner").path("id");
        if (owner.isMissingNode() || owner.isNull()) {
            owner = entry.path("calendar_owner_id");
        }
        return owner.isMissingNode() || owner.isNull() || calendarId.equals(owner.asText());
    }

    private static ZoneId zone(JsonNode entry) {
        String zone = text(entry, "start_at_time_zone");
        if (zone != null) {
            try {
                return ZoneId.of(zone);
            } catch (DateTimeException notAnIanaZone) {
                // Clio may name a zone the JDK does not know; the times are instants anyway
            }
        }
        return null;
    }

    private static Instant instant(JsonNode node, String field) {
        String value = text(node, field);
        try {
            return value == null ? null : OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw malformed();
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() || value.asText().isEmpty() ? null : value.asText();
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (JsonProcessingException e) {
            throw malformed();
        }
    }

    private static CalendarProviderException malformed() {
        return new CalendarProviderException.Unavailable("Clio answered with a calendar entry ConfirmLoop cannot read", null, null);
    }
}
