package io.confirmloop.calendar.graph;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.confirmloop.calendar.CalendarAccess;
import io.confirmloop.calendar.CalendarProvider;
import io.confirmloop.calendar.CalendarProviderException;
import io.confirmloop.calendar.ChangePage;
import io.confirmloop.calendar.Connection;
import io.confirmloop.calendar.NewEvent;
import io.confirmloop.calendar.Provider;
import io.confirmloop.calendar.ProviderCalendar;
import io.confirmloop.calendar.ProviderEndpoints;
import io.confirmloop.calendar.ProviderEvent;
import io.confirmloop.calendar.ProviderHttp;
import io.confirmloop.calendar.ProviderRequest;
import io.confirmloop.calendar.ProviderResponse;
import io.confirmloop.calendar.WindowPage;
import io.confirmloop.calendar.graph.GraphEvents.Entry;
import io.confirmloop.calendar.graph.GraphEvents.Kind;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Microsoft 365 through Microsoft Graph v1.0. A window is read as the first round of
 * {@code calendarView/delta} (occurrences of a series expanded by Graph), so a full read ends with a
 * delta link, the change cursor, and a sync with nothing changed costs one call. The version is
 * the event's {@code @odata.etag}, which the description write sends as {@code If-Match}. All-day
 * and cancelled events are no appointments: never listed, and a removal in the change feed.
 */
@Component
public class GraphCalendar implements CalendarProvider {

    /** Error codes of a delta token Graph no longer knows (it may answer them with 400 as well as 410). */
    private static final Set<String> EXPIRED_STATE = Set.of("syncstatenotfound", "resyncrequired", "syncstateinvalid");
    private static final String MALFORMED_ID = "errorinvalididmalformed";
    private static final int MAX_CALENDAR_PAGES = 50;

    private final ProviderHttp http;
    private final ObjectMapper json;
    private final GraphRequests requests;
    private final int pageSize;

    GraphCalendar(ProviderHttp http, ProviderEndpoints endpoints, ObjectMapper json,
            @Value("${confirmloop.graph.page-size:100}") int pageSize) {
        this.http = http;
        this.json = json;
        this.requests = new GraphRequests(endpoints.graph().api(), json);
        this.pageSize = pageSize;
    }

    @Override
    public Provider provider() {
        return Provider.GRAPH;
    }

    /** Events per page asked for ({@code Prefer: odata.maxpagesize}). */
    public int pageSize() {
        return pageSize;
    }

    @Override
    public List<ProviderCalendar> listCalendars(Connection connection) {
        if (!(connection instanceof Connection.Graph)) {
            throw new IllegalArgumentException("Not a Microsoft 365 connection");
        }
        // not kept for a calendar yet (credentials being checked): its token is used as it is
        CalendarAccess access = new CalendarAccess(null, connection);
        List<ProviderCalendar> calendars = new ArrayList<>();
        ProviderRequest request = requests.calendars();
        for (int page = 0; request != null && page < MAX_CALENDAR_PAGES; page++) {
            JsonNode answer = send(access, request);
            for (JsonNode c : answer.path("value")) {
                calendars.add(new ProviderCalendar(c.path("id").asText(), c.path("name").asText(), null,
                        c.path("isDefaultCalendar").asBoolean(false), c.path("canEdit").asBoolean(false)));
            }
            String next = answer.path("@odata.nextLink").asText(null);
            request = next == null ? null : ProviderRequest.get(requests.onApi(next));
        }
        return calendars;
    }

    @Override
    public WindowPage readWindow(CalendarAccess calendar, Instant from, Instant to, String pageToken) {
        JsonNode answer = send(calendar, pageToken == null ? requests.delta(calendarId(calendar), from, to, pageSize)
                : requests.follow(pageToken, pageSize));
        List<ProviderEvent> events = new ArrayList<>();
        for (JsonNode item : answer.path("value")) {
            Entry entry = GraphEvents.entry(item);
            if (entry.kind() == Kind.EVENT && entry.event().start().isBefore(to) && entry.event().end().isAfter(from)) {
                events.add(entry.event());
            }
        }
        String next = answer.path("@odata.nextLink").asText(null);
        return new WindowPage(events, next, next == null ? answer.path("@odata.deltaLink").asText(null) : null);
    }

    /** The next round of the delta the cursor (a delta link) ends; the window is the one it was made for. */
    @Override
    public Optional<ChangePage> changesSince(CalendarAccess calendar, String cursor, String pageToken) {
        if (pageToken == null && (cursor == null || cursor.isBlank())) {
            throw new CalendarProviderException.CursorExpired("No Microsoft 365 change cursor yet: read the whole window", null);
        }
        JsonNode answer = send(calendar, requests.follow(pageToken != null ? pageToken : cursor, pageSize));
        List<ProviderEvent> changed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (JsonNode item : answer.path("value")) {
            Entry entry = GraphEvents.entry(item);
            if (entry.kind() == Kind.EVENT) {
                changed.add(entry.event());
            } else if (entry.kind() == Kind.GONE) {
                removed.add(entry.id());
            }
        }
        String next = answer.path("@odata.nextLink").asText(null);
        return Optional.of(new ChangePage(changed, removed, next, next == null ? answer.path("@odata.deltaLink").asText(null) : null));
    }

    @Override
    public Optional<ProviderEvent> read(CalendarAccess calendar, String eventId) {
        try {
            Entry entry = GraphEvents.entry(send(calendar, requests.read(eventId)));
            return entry.kind() == Kind.EVENT ? Optional.of(entry.event()) : Optional.empty();
        } catch (CalendarProviderException.NotFound gone) {
            return Optional.empty();
        }
    }

    @Override
    public ProviderEvent create(CalendarAccess calendar, NewEvent event) {
        return GraphEvents.event(send(calendar, requests.create(calendarId(calendar), event)));
    }

    @Override
    public ProviderEvent move(CalendarAccess calendar, String eventId, Instant start, Instant end) {
        return GraphEvents.event(send(calendar, requests.move(eventId, start, end)));
    }

    @Override
    public void delete(CalendarAccess calendar, String eventId) {
        send(calendar, requests.delete(eventId));
    }

    @Override
    public ProviderEvent updateDescription(CalendarAccess calendar, String eventId, String expectedVersion, String description) {
        return GraphEvents.event(send(calendar, requests.description(eventId, expectedVersion, description)));
    }

    /**
     * Sends the request and reads the answer. A 400 is read here: a malformed id is an event that
     * does not exist, an expired delta token a cursor to read anew, the rest a refusal.
     */
    private JsonNode send(CalendarAccess calendar, ProviderRequest request) {
        ProviderResponse response = http.send(calendar, request.passing(400));
        JsonNode body = parse(response.body());
        if (response.status() == 400) {
            String code = body.path("error").path("code").asText("");
            String what = "Microsoft 365 answered 400 (" + (code.isEmpty() ? "no error code" : code) + ") to " + request.method();
            String lower = code.toLowerCase(Locale.ROOT);
            if (EXPIRED_STATE.contains(lower)) {
                throw new CalendarProviderException.CursorExpired(what + ": the change cursor has expired", null);
            }
            if (lower.equals(MALFORMED_ID)) {
                throw new CalendarProviderException.NotFound(what + ": no such event", null);
            }
            String message = body.path("error").path("message").asText("");
            throw new CalendarProviderException.Rejected(what + (message.isEmpty() ? "" : ": " + message), 400, null);
        }
        return body;
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw GraphEvents.malformed("something that is not JSON");
        }
    }

    private static String calendarId(CalendarAccess calendar) {
        if (calendar.connection() instanceof Connection.Graph graph && graph.calendarId() != null) {
            return graph.calendarId();
        }
        throw new CalendarProviderException.Rejected("No Microsoft 365 calendar is chosen for this calendar yet", 0, null);
    }
}
