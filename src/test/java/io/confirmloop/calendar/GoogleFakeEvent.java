package io.confirmloop.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One event as {@link GoogleFake} keeps it, rendered as Google's Event resource: {@code kind},
 * {@code etag} (a quoted string), {@code status}, {@code start}/{@code end} with {@code dateTime}
 * (RFC 3339 in the event's zone) and {@code timeZone}, or {@code date} for all-day events,
 * {@code organizer.self}, {@code transparency} (only when free), and for an occurrence of a series
 * {@code recurringEventId} and {@code originalStartTime}. A master of a series carries
 * {@code recurrence}. A cancelled event is listed in its minimal form.
 */
final class GoogleFakeEvent {

    private static final DateTimeFormatter BASIC_UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    final String id;
    final String recurringEventId;
    final boolean master;
    String recurrence;
    String title;
    String description;
    String location;
    Instant start;
    Instant end;
    ZoneId zone;
    LocalDate allDayStart;
    LocalDate allDayEnd;
    boolean transparent;
    boolean organizerSelf = true;
    /** Invited by the owner, besides a meeting room. */
    List<String> guests = List.of();
    boolean cancelled;
    long etag;
    long changed;
    final Instant created = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Instant updated = created;
    final Instant originalStart;

    GoogleFakeEvent(String id, String recurringEventId, boolean master, Instant originalStart) {
        this.id = id;
        this.recurringEventId = recurringEventId;
        this.master = master;
        this.originalStart = originalStart;
    }

    static String instanceId(String masterId, Instant originalStart) {
        return masterId + "_" + BASIC_UTC.format(originalStart);
    }

    boolean instance() {
        return recurringEventId != null;
    }

    boolean allDay() {
        return allDayStart != null;
    }

    /** Overlaps [from, to): Google compares timeMin with the end and timeMax with the start, both exclusive. */
    boolean overlaps(Instant from, Instant to, ZoneId calendarZone) {
        Instant s = allDay() ? allDayStart.atStartOfDay(calendarZone).toInstant() : start;
        Instant e = allDay() ? allDayEnd.atStartOfDay(calendarZone).toInstant() : end;
        return (from == null || e.isAfter(from)) && (to == null || s.isBefore(to));
    }

    Instant sortKey(ZoneId calendarZone) {
        return allDay() ? allDayStart.atStartOfDay(calendarZone).toInstant() : start;
    }

    String etagValue() {
        return "\"" + etag + "\"";
    }

    ObjectNode json(ObjectMapper json, String calendarId, ZoneId calendarZone, boolean minimalIfCancelled) {
        ObjectNode e = json.createObjectNode();
        e.put("kind", "calendar#event");
        e.put("etag", etagValue());
        e.put("id", id);
        e.put("status", cancelled ? "cancelled" : "confirmed");
        if (cancelled && minimalIfCancelled) {
            if (instance()) {
                e.put("recurringEventId", recurringEventId);
                e.set("originalStartTime", time(json, originalStart, calendarZone));
            }
            return e;
        }
        e.put("htmlLink", "https://www.google.com/calendar/event?eid=" + id);
        e.put("created", created.toString());
        e.put("updated", updated.toString());
        if (title != null) {
            e.put("summary", title);
        }
        if (description != null) {
            e.put("description", description);
        }
        if (location != null) {
            e.put("location", location);
        }
        ObjectNode creator = e.putObject("creator");
        creator.put("email", calendarId);
        creator.put("self", true);
        ObjectNode organizer = e.putObject("organizer");
        if (organizerSelf) {
            organizer.put("email", calendarId);
            organizer.put("self", true);
        } else {
            organizer.put("email", "board@lakeside.example");
            organizer.put("displayName", "Lakeside Board");
            ObjectNode me = e.putArray("attendees").addObject();
            me.put("email", calendarId);
            me.put("self", true);
            me.put("responseStatus", "accepted");
        }
        if (!guests.isEmpty()) {
            ArrayNode attendees = e.has("attendees") ? (ArrayNode) e.get("attendees")
                    : e.putArray("attendees");
            if (organizerSelf) {
                // the organiser is listed among the attendees too
                attendees.addObject().put("email", calendarId).put("organizer", true).put("self", true).put("responseStatus", "accepted");
            }
            guests.forEach(g -> attendees.addObject().put("email", g).put("responseStatus", "needsAction"));
            attendees.addObject().put("email", "c_1889abc@resource.calendar.google.com").put("displayName", "Room 2")
                    .put("resource", true).put("responseStatus", "accepted");
        }
        if (allDay()) {
            e.putObject("start").put("date", allDayStart.toString());
            e.putObject("end").put("date", allDayEnd.toString());
        } else {
            e.set("start", time(json, start, calendarZone));
            e.set("end", time(json, end, calendarZone));
        }
        if (master) {
            e.putArray("recurrence").add(recurrence);
        }
        if (instance()) {
            e.put("recurringEventId", recurringEventId);
            e.set("originalStartTime", time(json, originalStart, calendarZone));
        }
        if (transparent) {
            e.put("transparency", "transparent");
        }
        e.put("iCalUID", (instance() ? recurringEventId : id) + "@google.com");
        e.put("sequence", 0);
        e.putObject("reminders").put("useDefault", true);
        e.put("eventType", "default");
        return e;
    }

    private ObjectNode time(ObjectMapper json, Instant at, ZoneId calendarZone) {
        ObjectNode t = json.createObjectNode();
        t.put("dateTime", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at.atZone(zone == null ? calendarZone : zone).toOffsetDateTime()));
        if (zone != null) {
            t.put("timeZone", zone.getId());
        }
        return t;
    }
}
