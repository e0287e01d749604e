package io.confirmloop.calendar.clio;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import io.confirmloop.calendar.CalendarAccess;
import io.confirmloop.calendar.CalendarProviderException;
import io.confirmloop.calendar.Connection;
import io.confirmloop.calendar.ProviderEndpoints;
import io.confirmloop.calendar.ProviderRequest;

/**
 * The Clio Manage API v4 calls the adapter makes, on the host of the connection's region. Clio
 * answers only the fields asked for ({@code fields=}, nested resources one level deep in braces), so
 * every call names them.
 */
final class ClioRequests {

    /** What the adapter reads of a calendar entry. */
    static final String ENTRY_FIELDS = "id,etag,summary,description,location,start_at,end_at,all_day,start_at_time_zone,"
            + "recurrence_rule,parent_calendar_entry_id,updated_at,calendar_owner{id,name,type},calendars{id},"
            + "calendar_entry_event_type{id,name}";
    static final String CALENDAR_FIELDS = "id,name,type,permission";
    /** Clio's largest page ({@code limit} 1–200). */
    static final int MAX_PAGE = 200;

    private final ProviderEndpoints endpoints;

    ClioRequests(ProviderEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    static Connection.Clio connection(CalendarAccess access) {
        if (!(access.connection() instanceof Connection.Clio clio)) {
            throw new IllegalArgumentException("Calendar " + access.calendar().id() + " is not a Clio calendar");
        }
        return clio;
    }

    static String calendarId(CalendarAccess access) {
        String id = connection(access).calendarId();
        if (id == null || id.isBlank()) {
            throw new CalendarProviderException.Rejected("No Clio calendar is chosen for this calendar yet", 0, null);
        }
        return id;
    }

    String api(Connection.Clio connection) {
        return endpoints.clio().api(connection.region());
    }

    /** The first page of a window: the calendar's timed entries that end after {@code from} and begin before {@code to}, series expanded. */
    ProviderRequest window(CalendarAccess access, Instant from, Instant to, int pageSize) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("calendar_id", calendarId(access));
        q.put("from", from.toString());
        q.put("to", to.toString());
        q.put("expanded", "true");
        q.put("is_all_day", "false");
        q.put("fields", ENTRY_FIELDS);
        q.put("limit", String.valueOf(Math.max(1, Math.min(MAX_PAGE, pageSize))));
        return ProviderRequest.get(api(connection(access)) + "/calendar_entries.json?" + query(q));
    }

    /**
     * A later page: the {@code meta.paging.next} URL Clio gave, followed only on the connection's own
     * API host (the access token goes with it).
     */
    ProviderRequest next(CalendarAccess access, String nextUrl) {
        String api = api(connection(access));
        if (!nextUrl.startsWith(api + "/calendar_entries.json?")) {
            throw new CalendarProviderException.Rejected("A Clio page link pointed away from " + api, 0, null);
        }
        return ProviderRequest.get(nextUrl);
    }

    ProviderRequest calendars(Connection.Clio connection) {
        return ProviderRequest.get(api(connection) + "/calendars.json?" + query(Map.of("fields", CALENDAR_FIELDS, "limit", String.valueOf(MAX_PAGE))));
    }

    ProviderRequest nextCalendars(Connection.Clio connection, String nextUrl) {
        String api = api(connection);
        if (!nextUrl.startsWith(api + "/calendars.json?")) {
            throw new CalendarProviderException.Rejected("A Clio page link pointed away from " + api, 0, null);
        }
        return ProviderRequest.get(nextUrl);
    }

    ProviderRequest read(CalendarAccess access, String entryId) {
        return ProviderRequest.get(entry(access, entryId));
    }

    ProviderRequest create(CalendarAccess access, String body) {
        return ProviderRequest.json("POST", api(connection(access)) + "/calendar_entries.json?" + query(Map.of("fields", ENTRY_FIELDS)), body);
    }

    /** A change of some of the entry's fields; with {@code etag}, only if the entry is still at that version (412 if not). */
    ProviderRequest patch(CalendarAccess access, String entryId, String body, String etag) {
        ProviderRequest patch = ProviderRequest.json("PATCH", entry(access, entryId), body);
        return etag == null ? patch : patch.withHeader("If-Match", etag);
    }

    ProviderRequest delete(CalendarAccess access, String entryId) {
        return ProviderRequest.delete(api(connection(access)) + "/calendar_entries/" + path(entryId) + ".json");
    }

    private String entry(CalendarAccess access, String entryId) {
        return api(connection(access)) + "/calendar_entries/" + path(entryId) + ".json?" + query(Map.of("fields", ENTRY_FIELDS));
    }

    private static String path(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String query(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
