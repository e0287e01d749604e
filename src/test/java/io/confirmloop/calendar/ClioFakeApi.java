package io.confirmloop.calendar;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import io.confirmloop.calendar.ClioFakeEntries.Entry;

/**
 * The {@code /api/v4/calendars} and {@code /api/v4/calendar_entries} resources of {@link ClioFake},
 * called under its lock. A bad argument is an {@link IllegalArgumentException} (400 ArgumentError);
 * a record that fails validation is 422, a missing one 404, a stale {@code If-Match} 412.
 */
final class ClioFakeApi {

    private static final int MAX_LIMIT = 200;
    private static final Map<String, Map<String, Object>> CALENDARS = Map.of(
            ClioFake.OWNER_CALENDAR, calendar(ClioFake.OWNER_CALENDAR, "Pat Owner", "UserCalendar", "owner"),
            ClioFake.COLLEAGUE_CALENDAR, calendar(ClioFake.COLLEAGUE_CALENDAR, "Sam Colleague", "UserCalendar", "viewer"),
            ClioFake.COURT_CALENDAR, calendar(ClioFake.COURT_CALENDAR, "Court dates", "AdhocCalendar", "editor"));

    private final ClioFake fake;
    private final ClioFakeEntries entries;
    private final ObjectMapper json;
    /** Page tokens handed out, and the key each resumes after. */
    private final Map<String, String> pageTokens = new HashMap<>();

    ClioFakeApi(ClioFake fake, ClioFakeEntries entries, ObjectMapper json) {
        this.fake = fake;
        this.entries = entries;
        this.json = json;
    }

    static Map<String, Map<String, Object>> calendars() {
        return CALENDARS;
    }

    /** Clio's page tokens do not last: every one handed out so far stops working. */
    void forgetPageTokens() {
        pageTokens.clear();
    }

    ResponseDefinition calendars(Request request) {
        ClioFields fields = ClioFields.parse(param(request, "fields"));
        List<Map<String, Object>> data = calendars().values().stream()
                .sorted((a, b) -> Long.compare((Long) a.get("id"), (Long) b.get("id"))).map(fields::apply).toList();
        return fake.respond(200, Map.of("data", data, "meta", Map.of("paging", Map.of(), "records", data.size())), Map.of());
    }

    ResponseDefinition index(Request request) {
        ClioFields fields = ClioFields.parse(param(request, "fields"));
        int limit = limit(param(request, "limit"));
        String calendarId = param(request, "calendar_id");
        Instant from = time(request, "from");
        Instant to = time(request, "to");
        Instant updatedSince = time(request, "updated_since");
        String allDay = param(request, "is_all_day");
        String after = "";
        String token = param(request, "page_token");
        if (token != null) {
            after = pageTokens.get(token);
            if (after == null) {
                throw new IllegalArgumentException("The page_token is invalid or has expired");
            }
        }
        List<Map.Entry<String, Entry>> matching = new ArrayList<>();
        for (Map.Entry<String, Entry> keyed : entries.list("true".equals(param(request, "expanded")))) {
            Entry e = keyed.getValue();
            if ((calendarId == null || e.calendars.contains(calendarId)) && (from == null || !e.end.isBefore(from))
                    && (to == null || !e.start.isAfter(to)) && (allDay == null || e.allDay == Boolean.parseBoolean(allDay))
                    && (updatedSince == null || e.updatedAt.isAfter(updatedSince))) {
                matching.add(keyed);
            }
        }
        String resume = after;
        List<Map.Entry<String, Entry>> rest = matching.stream().filter(k -> k.getKey().compareTo(resume) > 0).toList();
        List<Map.Entry<String, Entry>> page = rest.subList(0, Math.min(limit, rest.size()));
        Map<String, Object> paging = new LinkedHashMap<>();
        if (rest.size() > page.size()) {
            paging.put("next", fake.server().baseUrl() + URIs.path(request) + "?" + URIs.queryWithout(request, "page_token")
                    + "&page_token=" + pageToken(page.get(page.size() - 1).getKey()));
        }
        List<Map<String, Object>> data = page.stream().map(k -> fields.apply(ClioFakeEntries.view(k.getValue(), calendars()))).toList();
        return fake.respond(200, Map.of("data", data, "meta", Map.of("paging", paging, "records", matching.size())), Map.of());
    }

    ResponseDefinition show(Request request, String id) {
        Entry e = entries.find(id, false);
        if (e == null) {
            return notFound(id);
        }
        return fake.respond(200, Map.of("data", fields(request).apply(ClioFakeEntries.view(e, calendars()))), Map.of());
    }

    ResponseDefinition create(Request request) {
        JsonNode data = data(request);
        String owner = data.path("calendar_owner").path("id").asText("");
        if (!owner.equals(ClioFake.OWNER_CALENDAR) && !owner.equals(ClioFake.COURT_CALENDAR)) {
            return invalid("Calendar owner must be a calendar you can write to");
        }
        if (data.path("summary").asText("").isBlank() || !data.hasNonNull("start_at") || !data.hasNonNull("end_at")) {
            return invalid("Summary, start at and end at can't be blank");
        }
        Instant start = timestamp(data.get("start_at").asText());
        Instant end = timestamp(data.get("end_at").asText());
        if (!end.isAfter(start)) {
            return invalid("End at must be after start at");
        }
        Entry e = entries.add(owner, List.of(owner), Instant.now());
        e.summary = data.get("summary").asText();
        e.description = data.path("description").asText(null);
        e.location = data.path("location").asText(null);
        e.start = start;
        e.end = end;
        e.zone = ClioFake.ACCOUNT_ZONE;
        e.allDay = data.path("all_day").asBoolean(false);
        return fake.respond(201, Map.of("data", fields(request).apply(ClioFakeEntries.view(e, calendars()))), Map.of());
    }

    ResponseDefinition update(Request request, String id) {
        Entry e = entries.find(id, false);
        if (e == null) {
            return notFound(id);
        }
        String ifMatch = request.getHeader("If-Match");
        if (ifMatch != null && !ifMatch.equals(e.etag)) {
            return fake.error(412, "PreconditionFailed", "The resource has been modified since the given ETag " + ifMatch);
        }
        JsonNode data = data(request);
        Instant start = data.hasNonNull("start_at") ? timestamp(data.get("start_at").asText()) : e.start;
        Instant end = data.hasNonNull("end_at") ? timestamp(data.get("end_at").asText()) : e.end;
        if (!end.isAfter(start)) {
            return invalid("End at must be after start at");
        }
        if (data.has("summary") && data.path("summary").asText("").isBlank()) {
            return invalid("Summary can't be blank");
        }
        e = entries.find(id, true);
        e.start = start;
        e.end = end;
        e.summary = data.has("summary") ? data.get("summary").asText() : e.summary;
        e.description = data.has("description") ? data.get("description").asText(null) : e.description;
        e.location = data.has("location") ? data.get("location").asText(null) : e.location;
        entries.touch(e, Instant.now());
        return fake.respond(200, Map.of("data", fields(request).apply(ClioFakeEntries.view(e, calendars()))), Map.of());
    }

    ResponseDefinition destroy(String id) {
        Entry e = entries.find(id, true);
        if (e == null) {
            return notFound(id);
        }
        entries.remove(e, Instant.now());
        return fake.respond(204, null, Map.of());
    }

    private String pageToken(String afterKey) {
        String token = "pt_" + Integer.toHexString(afterKey.hashCode()) + "_" + (pageTokens.size() + 1);
        pageTokens.put(token, afterKey);
        return token;
    }

    private static Map<String, Object> calendar(String id, String name, String type, String permission) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("id", Long.parseLong(id));
        c.put("etag", "\"cal" + id + "\"");
        c.put("name", name);
        c.put("type", type);
        c.put("permission", permission);
        c.put("visible", true);
        c.put("color", "#4b8bd9");
        c.put("created_at", "2025-01-06T09:00:00-06:00");
        c.put("updated_at", "2025-01-06T09:00:00-06:00");
        return c;
    }

    private ResponseDefinition notFound(String id) {
        return fake.error(404, "RecordNotFound", "Couldn't find CalendarEntry with 'id'=" + id);
    }

    private ResponseDefinition invalid(String message) {
        return fake.error(422, "ValidationError", "Validation failed: " + message);
    }

    private JsonNode data(Request request) {
        String type = request.getHeader("Content-Type");
        if (type == null || !type.startsWith("application/json")) {
            throw new IllegalArgumentException("Send the body as application/json");
        }
        try {
            JsonNode data = json.readTree(request.getBodyAsString()).path("data");
            if (!data.isObject()) {
                throw new IllegalArgumentException("The body must be {\"data\": {...}}");
            }
            return data;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("The body is not JSON");
        }
    }

    private static ClioFields fields(Request request) {
        return ClioFields.parse(param(request, "fields"));
    }

    private static int limit(String value) {
        try {
            int limit = value == null ? MAX_LIMIT : Integer.parseInt(value);
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
            }
            return limit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limit must be an integer");
        }
    }

    private static Instant time(Request request, String name) {
        String value = param(request, name);
        return value == null ? null : timestamp(value);
    }

    private static Instant timestamp(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + value + "' is not an ISO-8601 timestamp");
        }
    }

    static String param(Request request, String name) {
        QueryParameter p = request.queryParameter(name);
        return p.isPresent() ? p.firstValue() : null;
    }

    /** The request's path and raw query. */
    static final class URIs {
        private URIs() {
        }

        static String path(Request request) {
            return java.net.URI.create(request.getUrl()).getRawPath();
        }

        static String queryWithout(Request request, String name) {
            String query = java.net.URI.create(request.getUrl()).getRawQuery();
            return query == null ? "" : Arrays.stream(query.split("&")).filter(p -> !p.startsWith(name + "=")).collect(Collectors.joining("&"));
        }
    }
}
