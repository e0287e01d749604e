package io.confirmloop.calendar.google;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Google Calendar through the Calendar API v3, signed in with OAuth 2 (scope
 * {@code https://www.googleapis.com/auth/calendar}).
 * <ul>
 * <li>A window is {@code events.list} with {@code singleEvents=true} (Google expands recurring
 * series into occurrences), page by page; its last page carries the {@code nextSyncToken} that is
 * our change cursor.</li>
 * <li>Changes are {@code events.list} with that {@code syncToken}: cancelled items are removals; a
 * 410 ({@code fullSyncRequired}) means the window has to be read again.</li>
 * <li>The version is the event's {@code etag}; a description is patched with {@code If-Match}, and
 * 412 is a conflict.</li>
 * <li>Google throttles with 429 and with 403 {@code rateLimitExceeded}: both are "try later".</li>
 * </ul>
 * See {@link GoogleEvents} for how an event maps (all-day events are left out).
 */
@Component
public class GoogleCalendar implements CalendarProvider {

    private final ProviderHttp http;
    private final GoogleRequests requests;
    private final GoogleEvents events;
    private final int pageSize;

    public GoogleCalendar(ProviderHttp http, ProviderEndpoints endpoints, ObjectMapper json,
            @Value("${confirmloop.google.page-size:250}") int pageSize) {
        this.http = http;
        this.pageSize = Math.max(1, Math.min(pageSize, 2500)); // Google's largest page is 2,500
        this.requests = new GoogleRequests(endpoints.google().api(), this.pageSize);
        this.events = new GoogleEvents(json);
    }

    @Override
    public Provider provider() {
        return Provider.GOOGLE;
    }

    /** Events per page of a window or change listing ({@code maxResults}). */
    public int pageSize() {
        return pageSize;
    }

    @Override
    public List<ProviderCalendar> listCalendars(Connection connection) {
        List<ProviderCalendar> calendars = new ArrayList<>();
        String pageToken = null;
        do {
            ProviderRequest request = requests.calendarList(pageToken).passing(403);
            ProviderResponse response = http.send(connection, request);
            JsonNode body = checked(response, request);
            for (JsonNode item : body.path("items")) {
                if (item.path("deleted").asBoolean(false)) {
                    continue;
                }
                String name = item.hasNonNull("summaryOverride") ? item.get("summaryOverride").asText() : item.path("summary").asText();
                String role = item.path("accessRole").asText();
                calendars.add(new ProviderCalendar(item.path("id").asText(), name, item.path("timeZone").asText(null),
                        item.path("primary").asBoolean(false), role.equals("owner") || role.equals("writer")));
            }
            pageToken = body.path("nextPageToken").asText(null);
        } while (pageToken != null);
        return calendars;
    }

    @Override
    public WindowPage readWindow(CalendarAccess calendar, Instant from, Instant to, String pageToken) {
        JsonNode body = call(calendar, requests.window(calendarId(calendar), from, to, pageToken).passing(403));
        List<ProviderEvent> listed = new ArrayList<>();
        for (JsonNode item : body.path("items")) {
            events.event(item).ifPresent(listed::add);
        }
        String next = body.path("nextPageToken").asText(null);
        return new WindowPage(listed, next, next == null ? body.path("nextSyncToken").asText(null) : null);
    }

    @Override
    public Optional<ChangePage> changesSince(CalendarAccess calendar, String cursor, String pageToken) {
        if (cursor == null || cursor.isBlank()) {
            throw new CalendarProviderException.CursorExpired("No Google sync token to continue from: reading the whole window", null);
        }
        JsonNode body = call(calendar, requests.changes(calendarId(calendar), cursor, pageToken).passing(403));
        List<ProviderEvent> changed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (JsonNode item : body.path("items")) {
            Optional<ProviderEvent> event = events.event(item);
            if (event.isPresent()) {
                changed.add(event.get());
            } else {
                removed.add(item.path("id").asText());
            }
        }
        String next = body.path("nextPageToken").asText(null);
        return Optional.of(new ChangePage(changed, removed, next, next == null ? body.path("nextSyncToken").asText(null) : null));
    }

    @Override
    public Optional<ProviderEvent> read(CalendarAccess calendar, String eventId) {
        ProviderRequest request = requests.read(calendarId(calendar), eventId).passing(403, 404, 410);
        ProviderResponse response = http.send(calendar, request);
        if (response.status() == 404 || response.status() == 410) {
            return Optional.empty();
        }
        return events.event(checked(response, request));
    }

    @Override
    public ProviderEvent create(CalendarAccess calendar, NewEvent event) {
        String body = events.insertBody(event, calendar.calendar().timeZone());
        return written(call(calendar, requests.insert(calendarId(calendar), body).passing(403)), "create");
    }

    @Override
    public ProviderEvent move(CalendarAccess calendar, String eventId, Instant start, Instant end) {
        String body = events.timesBody(start, end);
        return written(call(calendar, requests.patch(calendarId(calendar), eventId, body).passing(403, 410)), "move");
    }

    @Override
    public void delete(CalendarAccess calendar, String eventId) {
        call(calendar, requests.delete(calendarId(calendar), eventId).passing(403, 410));
    }

    @Override
    public ProviderEvent updateDescription(CalendarAccess calendar, String eventId, String expectedVersion, String description) {
        ProviderRequest request = requests.patch(calendarId(calendar), eventId, events.descriptionBody(description))
                .withHeader("If-Match", expectedVersion).passing(403, 410);
        return written(call(calendar, request), "update");
    }

    private JsonNode call(CalendarAccess calendar, ProviderRequest request) {
        return checked(http.send(calendar, request), request);
    }

    private JsonNode checked(ProviderResponse response, ProviderRequest request) {
        if (!response.ok()) {
            GoogleErrors.check(response, request.method(), events.parseQuietly(response.body()));
        }
        return events.parse(response.body());
    }

    /** The event as Google answered a write; a cancelled or all-day one is no longer ours to write. */
    private ProviderEvent written(JsonNode item, String what) {
        return events.event(item).orElseThrow(() -> new CalendarProviderException.NotFound(
                "Google Calendar answered the " + what + " with an event that is cancelled or all-day", null));
    }

    private static String calendarId(CalendarAccess calendar) {
        if (calendar.connection() instanceof Connection.Google google && google.calendarId() != null && !google.calendarId().isBlank()) {
            return google.calendarId();
        }
        throw new CalendarProviderException.Rejected("No Google calendar is chosen for this connection: pick one when connecting", 0, null);
    }
}
