package io.confirmloop.calendar.graph;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.confirmloop.calendar.CalendarProviderException;
import io.confirmloop.calendar.NewEvent;
import io.confirmloop.calendar.ProviderRequest;

/**
 * The Microsoft Graph v1.0 requests of the adapter: URLs under the configured API root, the
 * page size of a paged read ({@code Prefer: odata.maxpagesize}; the {@code calendar-graph} route asks
 * for UTC times and text bodies on every call), and the JSON bodies of writes. Times are written in UTC:
 * Graph takes Windows zone names and only some IANA ones, and the instant is what matters.
 */
final class GraphRequests {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final String VERSION = "/v1.0/";

    private final String api;
    private final ObjectMapper json;

    /** @param api the API root, e.g. {@code https://graph.microsoft.com/v1.0} */
    GraphRequests(String api, ObjectMapper json) {
        this.api = api.endsWith("/") ? api.substring(0, api.length() - 1) : api;
        this.json = json;
    }

    ProviderRequest calendars() {
        return ProviderRequest.get(api + "/me/calendars?$select=id,name,isDefaultCalendar,canEdit");
    }

    /** The first request of a delta round over [from, to) of one calendar: its listing, occurrences expanded. */
    ProviderRequest delta(String calendarId, Instant from, Instant to, int pageSize) {
        return paged(api + "/me/calendars/" + segment(calendarId) + "/calendarView/delta?startDateTime=" + from + "&endDateTime=" + to,
                pageSize);
    }

    /** A link Graph handed out (next page, delta link), sent only to the configured API root. */
    ProviderRequest follow(String link, int pageSize) {
        return paged(onApi(link), pageSize);
    }

    ProviderRequest read(String eventId) {
        return ProviderRequest.get(event(eventId) + "?$select=" + GraphEvents.SELECT);
    }

    ProviderRequest create(String calendarId, NewEvent event) {
        ObjectNode body = json.createObjectNode();
        body.put("subject", event.title());
        body.set("body", text(event.description()));
        body.set("start", time(event.start()));
        body.set("end", time(event.end()));
        if (event.location() != null) {
            body.putObject("location").put("displayName", event.location());
        }
        body.put("showAs", "busy");
        return ProviderRequest.json("POST", api + "/me/calendars/" + segment(calendarId) + "/events", body.toString());
    }

    ProviderRequest move(String eventId, Instant start, Instant end) {
        ObjectNode body = json.createObjectNode();
        body.set("start", time(start));
        body.set("end", time(end));
        return ProviderRequest.json("PATCH", event(eventId), body.toString());
    }

    /** The new description, only if the event is still at {@code etag} (412 otherwise). */
    ProviderRequest description(String eventId, String etag, String description) {
        ObjectNode body = json.createObjectNode();
        body.set("body", text(description));
        return ProviderRequest.json("PATCH", event(eventId), body.toString()).withHeader("If-Match", etag);
    }

    ProviderRequest delete(String eventId) {
        return ProviderRequest.delete(event(eventId));
    }

    private ProviderRequest paged(String url, int pageSize) {
        return ProviderRequest.get(url).withHeader("Prefer", "odata.maxpagesize=" + pageSize);
    }

    private String event(String eventId) {
        return api + "/me/events/" + segment(eventId);
    }

    private ObjectNode text(String content) {
        ObjectNode body = json.createObjectNode();
        body.put("contentType", "text");
        body.put("content", content == null ? "" : content);
        return body;
    }

    private ObjectNode time(Instant instant) {
        ObjectNode time = json.createObjectNode();
        time.put("dateTime", LOCAL.format(instant));
        time.put("timeZone", "UTC");
        return time;
    }

    /**
     * The link's path and query on the configured API root, whatever host it names: Graph writes
     * its own host into links, and the token must never go anywhere but where it is configured to.
     */
    String onApi(String link) {
        URI uri;
        try {
            uri = new URI(link);
        } catch (URISyntaxException e) {
            throw notOurs();
        }
        String path = uri.getRawPath();
        int at = path == null ? -1 : path.indexOf(VERSION);
        if (at < 0 || path.contains("/../") || !path.startsWith("me/", at + VERSION.length())) {
            throw notOurs();
        }
        return api + path.substring(at + VERSION.length() - 1) + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    private static CalendarProviderException notOurs() {
        return new CalendarProviderException.Rejected("A Microsoft 365 page link or change cursor is not a Graph v1.0 link", 0, null);
    }

    static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
