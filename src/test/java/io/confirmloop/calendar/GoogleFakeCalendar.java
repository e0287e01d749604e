package io.confirmloop.calendar;

import static io.confirmloop.calendar.GoogleFakeWire.JSON;
import static io.confirmloop.calendar.GoogleFakeWire.badRequest;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;

/**
 * The events of {@link GoogleFake}'s one calendar and Google's {@code events} methods on them:
 * {@code list} ({@link GoogleFakeLists}), {@code get}, {@code insert}, {@code patch} (merging nested
 * objects, {@code If-Match}) and {@code delete} (410 when already deleted). Every change gets a new etag and a place in the change
 * sequence that sync tokens point into; tokens of an older generation are expired (410).
 */
final class GoogleFakeCalendar {

    final String calendarId;
    final ZoneId zone;
    private final Map<String, GoogleFakeEvent> events = new LinkedHashMap<>();
    private long seq;
    private long etags = 3_181_161_784_712_000L;
    private int generation;
    private long ids = 0x5a1c3e7b9d00L;

    GoogleFakeCalendar(String calendarId, ZoneId zone) {
        this.calendarId = calendarId;
        this.zone = zone;
    }

    // --- the owner's side ----------------------------------------------------------------------

    GoogleFakeEvent newEvent() {
        GoogleFakeEvent e = new GoogleFakeEvent(Long.toString(ids += 104_729, 32), null, false, null);
        events.put(e.id, e);
        return e;
    }

    GoogleFakeEvent newInstance(GoogleFakeEvent master, Instant originalStart) {
        GoogleFakeEvent e = new GoogleFakeEvent(GoogleFakeEvent.instanceId(master.id, originalStart), master.id, false, originalStart);
        events.put(e.id, e);
        return e;
    }

    GoogleFakeEvent newMaster() {
        GoogleFakeEvent e = new GoogleFakeEvent(Long.toString(ids += 104_729, 32), null, true, null);
        events.put(e.id, e);
        return e;
    }

    GoogleFakeEvent find(String eventId) {
        GoogleFakeEvent e = events.get(eventId);
        if (e == null) {
            throw new IllegalArgumentException("No event " + eventId);
        }
        return e;
    }

    /** Marks a change: a new etag and a place in the change sequence. */
    void touched(GoogleFakeEvent e) {
        e.etag = etags += 1_000 + (seq % 7) * 13;
        e.changed = ++seq;
        e.updated = Instant.now();
    }

    void cancel(GoogleFakeEvent e) {
        e.cancelled = true;
        touched(e);
        if (e.master) {
            events.values().stream().filter(i -> e.id.equals(i.recurringEventId) && !i.cancelled).toList().forEach(this::cancel);
        }
    }

    void expireSyncTokens() {
        generation++;
    }

    ResponseDefinition list(Map<String, String> query) {
        return GoogleFakeLists.events(this, query);
    }

    Collection<GoogleFakeEvent> events() {
        return events.values();
    }

    long seq() {
        return seq;
    }

    int generation() {
        return generation;
    }

    // --- events.get / insert / patch / delete ------------------------------------------------------

    ResponseDefinition get(String eventId) {
        GoogleFakeEvent e = events.get(eventId);
        return e == null ? GoogleFakeWire.notFound() : GoogleFakeWire.json(200, e.json(JSON, calendarId, zone, false));
    }

    ResponseDefinition insert(JsonNode body) {
        GoogleFakeEvent e = newEvent();
        ResponseDefinition invalid = apply(e, body, true);
        if (invalid != null) {
            events.remove(e.id);
            return invalid;
        }
        touched(e);
        return GoogleFakeWire.json(200, e.json(JSON, calendarId, zone, false));
    }

    /** Patch semantics: the fields given replace, nested objects (start, end) are merged. */
    ResponseDefinition patch(String eventId, String ifMatch, JsonNode body) {
        GoogleFakeEvent e = events.get(eventId);
        if (e == null) {
            return GoogleFakeWire.notFound();
        }
        if (e.cancelled) {
            return GoogleFakeWire.deleted();
        }
        if (ifMatch != null && !ifMatch.equals(e.etagValue()) && !ifMatch.equals("*")) {
            return GoogleFakeWire.preconditionFailed();
        }
        ResponseDefinition invalid = apply(e, body, false);
        if (invalid != null) {
            return invalid;
        }
        touched(e);
        return GoogleFakeWire.json(200, e.json(JSON, calendarId, zone, false));
    }

    ResponseDefinition delete(String eventId, String ifMatch) {
        GoogleFakeEvent e = events.get(eventId);
        if (e == null) {
            return GoogleFakeWire.notFound();
        }
        if (e.cancelled) {
            return GoogleFakeWire.deleted();
        }
        if (ifMatch != null && !ifMatch.equals(e.etagValue()) && !ifMatch.equals("*")) {
            return GoogleFakeWire.preconditionFailed();
        }
        cancel(e);
        return GoogleFakeWire.noContent();
    }

    /** Applies an Event resource's fields; an error answer when they are invalid (nothing changed then). */
    private ResponseDefinition apply(GoogleFakeEvent e, JsonNode body, boolean insert) {
        if (insert && (!body.has("start") || !body.has("end"))) {
            return badRequest("required", body.has("start") ? "Missing end time." : "Missing start time.", null);
        }
        Instant start = e.start;
        Instant end = e.end;
        ZoneId zoneOfEvent = e.zone;
        try {
            if (body.has("start")) {
                zoneOfEvent = body.get("start").has("timeZone") ? ZoneId.of(body.get("start").get("timeZone").asText()) : zoneOfEvent;
                start = time(body.get("start"), zoneOfEvent);
            }
            if (body.has("end")) {
                end = time(body.get("end"), body.get("end").has("timeZone") ? ZoneId.of(body.get("end").get("timeZone").asText()) : zoneOfEvent);
            }
        } catch (DateTimeException | IllegalArgumentException ex) {
            return badRequest("invalid", "Invalid start or end time.", null);
        }
        if (start == null || end == null || !end.isAfter(start)) {
            return badRequest("timeRangeEmpty", "The specified time range is empty.", null);
        }
        e.start = start;
        e.end = end;
        e.zone = zoneOfEvent;
        e.allDayStart = null;
        e.allDayEnd = null;
        if (body.has("summary")) {
            e.title = body.get("summary").asText();
        }
        if (body.has("description")) {
            e.description = body.get("description").asText();
        }
        if (body.has("location")) {
            e.location = body.get("location").asText();
        }
        if (body.has("transparency")) {
            e.transparent = "transparent".equals(body.get("transparency").asText());
        }
        return null;
    }

    /** A dateTime with an offset, or a local one in the named zone; Google keeps whole seconds. */
    private static Instant time(JsonNode node, ZoneId zone) {
        String dateTime = node.path("dateTime").asText(null);
        if (dateTime == null) {
            throw new IllegalArgumentException("only timed events are written by ConfirmLoop");
        }
        try {
            return OffsetDateTime.parse(dateTime).toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        } catch (DateTimeParseException noOffset) {
            if (zone == null) {
                throw new IllegalArgumentException("a local time needs a time zone");
            }
            return LocalDateTime.parse(dateTime).atZone(zone).toInstant();
        }
    }

    void allDay(GoogleFakeEvent e, LocalDate date) {
        e.allDayStart = date;
        e.allDayEnd = date.plusDays(1);
    }
}
