package io.confirmloop.calendar;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The mailbox behind {@link GraphFake}: calendars and events as Exchange Online keeps them, with a
 * change key per version, a change sequence for delta rounds, and events rendered as Microsoft
 * Graph's documented {@code event} resource. A recurring series is a master (never in a
 * calendarView) and one occurrence item per instance, as Graph expands it.
 */
final class GraphFakeMailbox {

    static final String OWNER = "pat@parkside.example";
    private static final DateTimeFormatter GRAPH_LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSS");
    /** How Outlook names the zones the tests write in (Windows names), and back. */
    private static final Map<String, String> WINDOWS = Map.of("America/Chicago", "Central Standard Time", "America/New_York",
            "Eastern Standard Time", "America/Los_Angeles", "Pacific Standard Time", "Europe/London", "GMT Standard Time",
            "Europe/Berlin", "W. Europe Standard Time");

    record Cal(String id, String name, boolean isDefault, boolean canEdit) {
    }

    static final class Item {
        final String id;
        final String calendarId;
        final Instant created;
        String type = "singleInstance";
        String seriesMasterId;
        String subject;
        String body;
        String location;
        Instant start;
        Instant end;
        String zone;
        String showAs = "busy";
        boolean organizer = true;
        /** Invited by the owner, besides the meeting room. */
        List<String> guests = List.of();
        boolean allDay;
        boolean cancelled;
        boolean deleted;
        int versions;
        long seq;
        int count;
        Duration every;
        Instant modified;

        Item(String id, String calendarId, Instant now) {
            this.id = id;
            this.calendarId = calendarId;
            this.created = now;
            this.modified = now;
        }

        String changeKey() {
            return Base64.getEncoder().encodeToString((id.hashCode() + "/" + versions).getBytes(StandardCharsets.UTF_8));
        }

        String etag() {
            return "W/\"" + changeKey() + "\"";
        }

        boolean overlaps(Instant from, Instant to) {
            return start.isBefore(to) && end.isAfter(from);
        }
    }

    final List<Cal> calendars = new ArrayList<>();
    final Map<String, Item> items = new LinkedHashMap<>();
    private final ObjectMapper json = new ObjectMapper();
    private long seq;

    GraphFakeMailbox() {
        calendars.add(new Cal(newId("AAMkADCal"), "Calendar", true, true));
        calendars.add(new Cal(newId("AAMkADCal"), "United States holidays", false, false));
    }

    String defaultCalendarId() {
        return calendars.get(0).id();
    }

    Cal calendar(String id) {
        return calendars.stream().filter(c -> c.id().equals(id)).findFirst().orElse(null);
    }

    Item newItem(String calendarId) {
        Item item = new Item(newId("AAMkADEvt"), calendarId, Instant.now());
        items.put(item.id, item);
        touch(item);
        return item;
    }

    /** A new version of the item: a new change key, and a place in the next delta round. */
    void touch(Item item) {
        item.versions++;
        item.seq = ++seq;
        item.modified = Instant.now();
    }

    long seq() {
        return seq;
    }

    Item live(String id) {
        Item item = items.get(id);
        return item == null || item.deleted ? null : item;
    }

    void delete(Item item) {
        item.deleted = true;
        touch(item);
        if ("seriesMaster".equals(item.type)) {
            items.values().stream().filter(i -> item.id.equals(i.seriesMasterId) && !i.deleted).forEach(this::delete);
        }
    }

    /** What a calendarView of [from, to) lists, in Graph's order (start, then id); masters never. */
    List<Item> view(String calendarId, Instant from, Instant to) {
        return items.values().stream().filter(i -> i.calendarId.equals(calendarId) && !i.deleted && !"seriesMaster".equals(i.type))
                .filter(i -> i.overlaps(from, to)).sorted(Comparator.comparing((Item i) -> i.start).thenComparing(i -> i.id)).toList();
    }

    /** Instances of the calendar changed (or removed) after {@code since}. */
    List<Item> changedSince(String calendarId, long since) {
        return items.values().stream().filter(i -> i.calendarId.equals(calendarId) && i.seq > since && !"seriesMaster".equals(i.type))
                .sorted(Comparator.comparingLong(i -> i.seq)).toList();
    }

    ObjectNode render(Item item, ZoneId zone, String zoneName, boolean html, Set<String> select) {
        ObjectNode e = json.createObjectNode();
        e.put("@odata.etag", item.etag());
        e.put("id", item.id);
        e.put("createdDateTime", item.created.toString());
        e.put("lastModifiedDateTime", item.modified.toString());
        e.put("changeKey", item.changeKey());
        e.putArray("categories");
        e.putNull("transactionId");
        e.put("originalStartTimeZone", item.zone);
        e.put("originalEndTimeZone", item.zone);
        e.put("iCalUId", "040000008200E00074C5B7101A82E008000000" + Integer.toHexString(item.id.hashCode()).toUpperCase());
        e.put("reminderMinutesBeforeStart", 15);
        e.put("isReminderOn", true);
        e.put("hasAttachments", false);
        e.put("subject", item.subject);
        String text = item.body == null ? "" : item.body;
        e.put("bodyPreview", text.length() > 255 ? text.substring(0, 255) : text);
        e.put("importance", "normal");
        e.put("sensitivity", "normal");
        e.put("isAllDay", item.allDay);
        e.put("isCancelled", item.cancelled);
        e.put("isOrganizer", item.organizer);
        e.put("responseRequested", true);
        e.put("seriesMasterId", item.seriesMasterId);
        e.put("showAs", item.showAs);
        e.put("type", item.type);
        e.put("webLink", "https://outlook.office365.com/owa/?itemid=" + item.id + "&exvsurl=1&path=/calendar/item");
        e.putNull("onlineMeetingUrl");
        e.put("isOnlineMeeting", false);
        e.put("onlineMeetingProvider", "unknown");
        e.put("allowNewTimeProposals", true);
        e.put("isDraft", false);
        e.put("hideAttendees", false);
        if ("seriesMaster".equals(item.type)) {
            ObjectNode recurrence = e.putObject("recurrence");
            recurrence.putObject("pattern").put("type", "daily").put("interval", Math.max(1, item.every.toDays())).put("month", 0)
                    .put("dayOfMonth", 0).put("firstDayOfWeek", "sunday").put("index", "first");
            ZoneId own = zone(item.zone);
            recurrence.putObject("range").put("type", "numbered").put("startDate", LocalDateTime.ofInstant(item.start, own).toLocalDate()
                    .toString()).put("endDate", "0001-01-01").put("recurrenceTimeZone", item.zone).put("numberOfOccurrences", item.count);
        } else {
            e.putNull("recurrence");
        }
        e.putNull("onlineMeeting");
        ObjectNode response = e.putObject("responseStatus");
        response.put("response", item.organizer ? "organizer" : "accepted");
        response.put("time", item.organizer ? "0001-01-01T00:00:00Z" : item.created.toString());
        ObjectNode body = e.putObject("body");
        body.put("contentType", html ? "html" : "text");
        body.put("content", html ? "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"></head><body><div>"
                + text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>") + "</div></body></html>" : text);
        e.set("start", time(item.start, zone, zoneName));
        e.set("end", time(item.end, zone, zoneName));
        ObjectNode location = e.putObject("location");
        location.put("displayName", item.location == null ? "" : item.location);
        location.put("locationType", "default");
        location.put("uniqueIdType", "unknown");
        location.putObject("address");
        location.putObject("coordinates");
        e.putArray("locations");
        ArrayNode attendees = e.putArray("attendees");
        if (!item.organizer) {
            // an invitation lists the mailbox's owner among the attendees, like everyone invited
            attendee(attendees, "required", "Pat Owner", OWNER);
        }
        item.guests.forEach(address -> attendee(attendees, "required", address, address));
        if (!item.guests.isEmpty()) {
            attendee(attendees, "resource", "Room 2", "room2@parkside.example");
        }
        ObjectNode organizer = e.putObject("organizer").putObject("emailAddress");
        organizer.put("name", item.organizer ? "Pat Owner" : "Dana Colleague");
        organizer.put("address", item.organizer ? OWNER : "dana@colleagues.example");
        if (select != null) {
            e.retain(select.stream().filter(e::has).toList());
            e.put("@odata.etag", item.etag());
            e.put("id", item.id);
        }
        return e;
    }

    ObjectNode removed(String id) {
        ObjectNode e = json.createObjectNode();
        e.put("@odata.type", "#microsoft.graph.event");
        e.put("id", id);
        e.putObject("@removed").put("reason", "deleted");
        return e;
    }

    ObjectNode render(Cal c, Set<String> select) {
        ObjectNode n = json.createObjectNode();
        n.put("id", c.id());
        n.put("name", c.name());
        n.put("color", "auto");
        n.put("hexColor", "");
        n.put("isDefaultCalendar", c.isDefault());
        n.put("changeKey", Base64.getEncoder().encodeToString(c.id().getBytes(StandardCharsets.UTF_8)).substring(0, 16));
        n.put("canShare", c.canEdit());
        n.put("canViewPrivateItems", c.canEdit());
        n.put("canEdit", c.canEdit());
        n.putArray("allowedOnlineMeetingProviders").add("teamsForBusiness");
        n.put("defaultOnlineMeetingProvider", "teamsForBusiness");
        n.put("isTallyingResponses", true);
        n.put("isRemovable", !c.isDefault());
        n.putObject("owner").put("name", "Pat Owner").put("address", OWNER);
        if (select != null) {
            n.retain(select.stream().filter(n::has).toList());
            n.put("id", c.id());
        }
        return n;
    }

    private ObjectNode time(Instant instant, ZoneId zone, String zoneName) {
        ObjectNode t = json.createObjectNode();
        t.put("dateTime", GRAPH_LOCAL.format(LocalDateTime.ofInstant(instant, zone)));
        t.put("timeZone", zoneName);
        return t;
    }

    /** The name Outlook gives a zone it writes an event in. */
    static String windowsName(ZoneId zone) {
        return zone.equals(ZoneOffset.UTC) ? "UTC" : WINDOWS.getOrDefault(zone.getId(), zone.getId());
    }

    /** A zone name Graph takes: UTC, a Windows name, or an IANA name; null if not supported. */
    static ZoneId zone(String name) {
        if (name == null || name.equals("UTC")) {
            return ZoneOffset.UTC;
        }
        for (Map.Entry<String, String> w : WINDOWS.entrySet()) {
            if (w.getValue().equals(name)) {
                return ZoneId.of(w.getKey());
            }
        }
        try {
            return name.contains("/") ? ZoneId.of(name) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** An id shaped like Exchange's REST ids (URL-safe base64, "AAMk" first). */
    static String newId(String prefix) {
        UUID u = UUID.randomUUID();
        String tail = Base64.getUrlEncoder().withoutPadding()
                .encodeToString((u.getMostSignificantBits() + "" + u.getLeastSignificantBits()).getBytes(StandardCharsets.UTF_8));
        return prefix + "AAAAA" + tail + "=";
    }

    private static void attendee(ArrayNode attendees, String type, String name, String address) {
        ObjectNode a = attendees.addObject();
        a.put("type", type);
        a.putObject("status").put("response", "none").put("time", "0001-01-01T00:00:00Z");
        a.putObject("emailAddress").put("name", name).put("address", address);
    }
}
