package io.confirmloop.calendar;

import static io.confirmloop.calendar.GoogleFakeWire.JSON;
import static io.confirmloop.calendar.GoogleFakeWire.badRequest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;

/**
 * Google's list methods for {@link GoogleFake}. {@code events.list}: a window ({@code timeMin} bounds
 * the end, {@code timeMax} the start) or the changes since a {@code syncToken} (which Google refuses
 * together with time bounds, {@code showDeleted=false} and other filters; cancelled items always
 * included), occurrences with {@code singleEvents=true} and series masters without, {@code maxResults}
 * up to 2,500 (250 by default), page tokens bound to the query they came from, and
 * {@code nextSyncToken} on the last page. {@code calendarList.list}: the account's calendars, paged.
 */
final class GoogleFakeLists {

    private static final Set<String> NOT_WITH_SYNC_TOKEN = Set.of("timeMin", "timeMax", "orderBy", "q", "updatedMin", "iCalUID",
            "privateExtendedProperty", "sharedExtendedProperty");
    private static final int DEFAULT_PAGE = 250;
    private static final int MAX_PAGE = 2500;

    private GoogleFakeLists() {
    }

    static ResponseDefinition events(GoogleFakeCalendar calendar, Map<String, String> q) {
        boolean single = "true".equals(q.get("singleEvents"));
        String syncToken = q.get("syncToken");
        int max;
        try {
            max = Math.min(Integer.parseInt(q.getOrDefault("maxResults", String.valueOf(DEFAULT_PAGE))), MAX_PAGE);
        } catch (NumberFormatException e) {
            return badRequest("invalid", "Invalid value '" + q.get("maxResults")
                    + "'. Values must match the following regular expression: '[0-9]+'", "maxResults");
        }
        if (max < 1) {
            return badRequest("invalid", "Invalid Value", "maxResults");
        }
        if ("startTime".equals(q.get("orderBy")) && !single) {
            return badRequest("badRequest", "The requested ordering is not available for the particular query.", null);
        }
        long upTo = calendar.seq();
        int offset = 0;
        String fingerprint = fingerprint(q);
        if (q.get("pageToken") != null) {
            String[] page = decode(q.get("pageToken"), "page", 3);
            if (page == null || !page[2].equals(fingerprint)) {
                return badRequest("invalid", "Invalid Value", "pageToken");
            }
            offset = Integer.parseInt(page[0]);
            upTo = Long.parseLong(page[1]);
        }
        List<GoogleFakeEvent> matching;
        if (syncToken != null) {
            if (NOT_WITH_SYNC_TOKEN.stream().anyMatch(q::containsKey) || "false".equals(q.get("showDeleted"))) {
                return badRequest("syncTokenWithRequestRestrictions", "Sync token cannot be used with other request restrictions.", "syncToken");
            }
            String[] token = decode(syncToken, "sync", 2);
            if (token == null || Integer.parseInt(token[0]) != calendar.generation()) {
                return GoogleFakeWire.fullSyncRequired();
            }
            long since = Long.parseLong(token[1]);
            long until = upTo;
            matching = calendar.events().stream().filter(e -> e.changed > since && e.changed <= until && listedAs(e, single))
                    .sorted(Comparator.comparingLong((GoogleFakeEvent e) -> e.changed)).toList();
        } else {
            Instant from;
            Instant to;
            try {
                from = q.containsKey("timeMin") ? OffsetDateTime.parse(q.get("timeMin")).toInstant() : null;
                to = q.containsKey("timeMax") ? OffsetDateTime.parse(q.get("timeMax")).toInstant() : null;
            } catch (DateTimeParseException e) {
                return badRequest("badRequest", "Bad Request", null);
            }
            if (from != null && to != null && !to.isAfter(from)) {
                return badRequest("timeRangeEmpty", "The specified time range is empty.", "timeMax");
            }
            boolean showDeleted = "true".equals(q.get("showDeleted"));
            matching = calendar.events().stream()
                    .filter(e -> listedAs(e, single) && (showDeleted || !e.cancelled) && e.overlaps(from, to, calendar.zone))
                    .sorted(Comparator.comparing((GoogleFakeEvent e) -> e.sortKey(calendar.zone)).thenComparing(e -> e.id)).toList();
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("kind", "calendar#events");
        body.put("etag", "\"p3" + Long.toString(calendar.seq(), 32) + "\"");
        body.put("summary", calendar.calendarId);
        body.put("updated", Instant.now().toString());
        body.put("timeZone", calendar.zone.getId());
        body.put("accessRole", "owner");
        body.putArray("defaultReminders").addObject().put("method", "popup").put("minutes", 10);
        int end = Math.min(matching.size(), offset + max);
        if (end < matching.size()) {
            body.put("nextPageToken", encode("page", end, upTo, fingerprint));
        } else {
            body.put("nextSyncToken", encode("sync", calendar.generation(), upTo));
        }
        var items = body.putArray("items");
        matching.subList(Math.min(offset, end), end).forEach(e -> items.add(e.json(JSON, calendar.calendarId, calendar.zone, true)));
        return GoogleFakeWire.json(200, body);
    }

    /** The primary calendar first, then {@code others} (id → summary, accessRole). */
    static ResponseDefinition calendars(Map<String, String[]> others, Map<String, String> query) {
        List<ObjectNode> entries = new ArrayList<>();
        entries.add(entry(GoogleFake.CALENDAR_ID, GoogleFake.CALENDAR_ID, "America/Chicago", "owner", true));
        others.forEach((id, v) -> entries.add(entry(id, v[0], "America/New_York", v[1], false)));
        int max = Math.min(Integer.parseInt(query.getOrDefault("maxResults", "100")), 250);
        int offset = query.containsKey("pageToken") ? Integer.parseInt(query.get("pageToken").substring(1)) : 0;
        ObjectNode body = JSON.createObjectNode();
        body.put("kind", "calendar#calendarList");
        body.put("etag", "\"p32g9bdg6kqd8g0o\"");
        int end = Math.min(entries.size(), offset + max);
        if (end < entries.size()) {
            body.put("nextPageToken", "E" + end);
        } else {
            body.put("nextSyncToken", "CKi0zq3v4YkDEhhmcm9udGRlc2sucGFya3NpZGVAZ21haWwuY29t");
        }
        var items = body.putArray("items");
        entries.subList(offset, end).forEach(items::add);
        return GoogleFakeWire.json(200, body);
    }

    private static ObjectNode entry(String id, String summary, String timeZone, String accessRole, boolean primary) {
        ObjectNode e = JSON.createObjectNode();
        e.put("kind", "calendar#calendarListEntry");
        e.put("etag", "\"1700000000000000\"");
        e.put("id", id);
        e.put("summary", summary);
        e.put("timeZone", timeZone);
        e.put("colorId", "14");
        e.put("backgroundColor", "#9fe1e7");
        e.put("foregroundColor", "#000000");
        e.put("selected", true);
        e.put("accessRole", accessRole);
        e.putArray("defaultReminders");
        if (primary) {
            e.put("primary", true);
        }
        e.putObject("conferenceProperties").putArray("allowedConferenceSolutionTypes").add("hangoutsMeet");
        return e;
    }

    private static boolean listedAs(GoogleFakeEvent e, boolean singleEvents) {
        return singleEvents ? !e.master : !e.instance();
    }


    private static String fingerprint(Map<String, String> q) {
        Map<String, String> rest = new TreeMap<>(q);
        rest.remove("pageToken");
        return Integer.toHexString(rest.toString().hashCode());
    }

    private static String encode(String kind, Object... parts) {
        List<String> all = new ArrayList<>();
        all.add(kind);
        for (Object p : parts) {
            all.add(String.valueOf(p));
        }
        return "C" + Base64.getUrlEncoder().withoutPadding().encodeToString(String.join(":", all).getBytes(StandardCharsets.UTF_8));
    }

    private static String[] decode(String token, String kind, int parts) {
        try {
            String[] all = new String(Base64.getUrlDecoder().decode(token.substring(1)), StandardCharsets.UTF_8).split(":");
            if (!token.startsWith("C") || all.length != parts + 1 || !all[0].equals(kind)) {
                return null;
            }
            String[] rest = new String[parts];
            System.arraycopy(all, 1, rest, 0, parts);
            Long.parseLong(rest[0]);
            return rest;
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            return null;
        }
    }
}
