package io.confirmloop.calendar.google;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import io.confirmloop.calendar.ProviderRequest;

/**
 * The Calendar API v3 requests the adapter makes, as Google documents them: ids percent-encoded as
 * path segments (calendar ids hold '@', sometimes '#'), times in RFC 3339, recurring events expanded
 * by the server ({@code singleEvents=true}), and no mail to guests for our writes
 * ({@code sendUpdates=none}). An incremental list carries only the parameters Google allows with a
 * {@code syncToken}: no time bounds, no {@code showDeleted}.
 */
final class GoogleRequests {

    /** Google's largest page of the calendar list. */
    static final int CALENDAR_LIST_PAGE = 250;

    private final String api;
    private final int pageSize;

    GoogleRequests(String api, int pageSize) {
        this.api = api.endsWith("/") ? api.substring(0, api.length() - 1) : api;
        this.pageSize = pageSize;
    }

    ProviderRequest calendarList(String pageToken) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("maxResults", String.valueOf(CALENDAR_LIST_PAGE));
        q.put("pageToken", pageToken);
        return ProviderRequest.get(api + "/users/me/calendarList" + query(q));
    }

    /** Events overlapping [from, to): Google's timeMin bounds the end, timeMax the start, both exclusive. */
    ProviderRequest window(String calendarId, Instant from, Instant to, String pageToken) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("singleEvents", "true");
        q.put("timeMin", from.toString());
        q.put("timeMax", to.toString());
        q.put("showDeleted", "false");
        q.put("maxResults", String.valueOf(pageSize));
        q.put("pageToken", pageToken);
        return ProviderRequest.get(events(calendarId) + query(q));
    }

    ProviderRequest changes(String calendarId, String syncToken, String pageToken) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("syncToken", syncToken);
        q.put("singleEvents", "true");
        q.put("maxResults", String.valueOf(pageSize));
        q.put("pageToken", pageToken);
        return ProviderRequest.get(events(calendarId) + query(q));
    }

    ProviderRequest read(String calendarId, String eventId) {
        return ProviderRequest.get(event(calendarId, eventId));
    }

    ProviderRequest insert(String calendarId, String body) {
        return ProviderRequest.json("POST", events(calendarId) + "?sendUpdates=none", body);
    }

    ProviderRequest patch(String calendarId, String eventId, String body) {
        return ProviderRequest.json("PATCH", event(calendarId, eventId) + "?sendUpdates=none", body);
    }

    ProviderRequest delete(String calendarId, String eventId) {
        return ProviderRequest.delete(event(calendarId, eventId) + "?sendUpdates=none");
    }

    private String events(String calendarId) {
        return api + "/calendars/" + segment(calendarId) + "/events";
    }

    private String event(String calendarId, String eventId) {
        return events(calendarId) + "/" + segment(eventId);
    }

    /** A path segment: everything but RFC 3986's unreserved characters percent-encoded. */
    static String segment(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static String query(Map<String, String> params) {
        String q = params.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining("&"));
        return q.isEmpty() ? "" : "?" + q;
    }
}
