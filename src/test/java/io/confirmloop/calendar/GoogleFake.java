package io.confirmloop.calendar;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.confirmloop.support.ProviderServer;
import io.confirmloop.support.ProviderServers;

/**
 * Google Calendar API v3 and Google's OAuth token endpoint, as WireMock answers them on
 * {@link ProviderServers#GOOGLE}, kept in memory: one account whose primary calendar
 * ({@value #CALENDAR_ID}) holds the events, and a holiday calendar it may only read. It checks our
 * requests as Google does (bearer token, {@code If-Match}, the parameters a sync token allows, RFC
 * 3339 times, JSON bodies) and answers in Google's wire format, its errors included.
 */
public class GoogleFake implements ProviderFake {

    public static final String CALENDAR_ID = "frontdesk.parkside@gmail.com";
    public static final String HOLIDAYS_ID = "en.usa#holiday@group.v.calendar.google.com";
    private static final String API = "/calendar/v3/";
    private static final int FAULT_PRIORITY = 1;

    private final GoogleFakeTokens tokens = new GoogleFakeTokens();
    private final List<StubMapping> faults = new ArrayList<>();
    private final Map<String, String[]> otherCalendars = new LinkedHashMap<>();
    private GoogleFakeCalendar calendar;

    public GoogleFake() {
        reset();
    }

    @Override
    public Provider provider() {
        return Provider.GOOGLE;
    }

    @Override
    public ProviderServer server() {
        return ProviderServers.GOOGLE;
    }

    @Override
    public synchronized void reset() {
        server().reset();
        faults.clear();
        tokens.reset();
        calendar = new GoogleFakeCalendar(CALENDAR_ID, ZoneId.of("America/Chicago"));
        otherCalendars.clear();
        otherCalendars.put(HOLIDAYS_ID, new String[] {"Holidays in United States", "reader"});
        server().answerWith(this::answer);
    }

    @Override
    public Map<String, Object> connection() {
        return Map.of("calendarId", CALENDAR_ID, "accessToken", GoogleFakeTokens.FIRST_ACCESS_TOKEN,
                "refreshToken", GoogleFakeTokens.FIRST_REFRESH_TOKEN);
    }

    // --- what the owner does in Google Calendar --------------------------------------------------

    @Override
    public synchronized String add(FakeEvent event) {
        GoogleFakeEvent e = calendar.newEvent();
        fill(e, event, event.start(), event.end());
        calendar.touched(e);
        return e.id;
    }

    /** An all-day event on {@code date}: {@code start.date}, no time. */
    public synchronized String addAllDay(String title, LocalDate date) {
        GoogleFakeEvent e = calendar.newEvent();
        e.title = title;
        calendar.allDay(e, date);
        calendar.touched(e);
        return e.id;
    }

    @Override
    public synchronized String addSeries(FakeEvent first, int count, Duration every) {
        GoogleFakeEvent master = calendar.newMaster();
        fill(master, first, first.start(), first.end());
        master.recurrence = every.toHours() % 24 == 0
                ? "RRULE:FREQ=DAILY;INTERVAL=" + every.toDays() + ";COUNT=" + count
                : "RRULE:FREQ=HOURLY;INTERVAL=" + every.toHours() + ";COUNT=" + count;
        calendar.touched(master);
        for (int i = 0; i < count; i++) {
            Instant start = first.start().plus(every.multipliedBy(i));
            GoogleFakeEvent occurrence = calendar.newInstance(master, start);
            fill(occurrence, first, start, start.plus(Duration.between(first.start(), first.end())));
            calendar.touched(occurrence);
        }
        return master.id;
    }

    private static void fill(GoogleFakeEvent e, FakeEvent event, Instant start, Instant end) {
        e.title = event.title();
        e.description = event.description();
        e.start = start;
        e.end = end;
        e.zone = event.zone();
        e.transparent = !event.busy();
        e.organizerSelf = event.organizedByOwner();
        e.guests = event.guests();
    }

    @Override
    public synchronized void move(String eventId, Instant start, Instant end) {
        GoogleFakeEvent e = calendar.find(eventId);
        e.start = start;
        e.end = end;
        calendar.touched(e);
    }

    /** The owner edits the event's description in Google Calendar. */
    public synchronized void editDescription(String eventId, String description) {
        GoogleFakeEvent e = calendar.find(eventId);
        e.description = description;
        calendar.touched(e);
    }

    @Override
    public synchronized void remove(String eventId) {
        calendar.cancel(calendar.find(eventId));
    }

    @Override
    public synchronized String description(String eventId) {
        return calendar.find(eventId).description;
    }

    /** The event's etag as Google hands it out (a quoted string). */
    public synchronized String etag(String eventId) {
        return calendar.find(eventId).etagValue();
    }

    /** More calendars in the account's calendar list (to page through it). */
    public synchronized void addCalendar(String id, String summary, String accessRole) {
        otherCalendars.put(id, new String[] {summary, accessRole});
    }

    // --- faults and the grant ----------------------------------------------------------------------

    @Override
    public synchronized void failWith(int status, String retryAfterSeconds) {
        failWith(GoogleFakeWire.fault(status), retryAfterSeconds);
    }

    /** Every API call answers Google's error with this domain and reason (e.g. 403 usageLimits/userRateLimitExceeded). */
    public synchronized void failWith(int status, String domain, String reason, String message, String retryAfterSeconds) {
        failWith(GoogleFakeWire.error(status, domain, reason, message, null, null), retryAfterSeconds);
    }

    private void failWith(ResponseDefinition error, String retryAfterSeconds) {
        ResponseDefinitionBuilder answer = ResponseDefinitionBuilder.like(error);
        if (retryAfterSeconds != null) {
            answer = answer.withHeader("Retry-After", retryAfterSeconds);
        }
        faults.add(server().wireMock().stubFor(any(urlPathMatching("/calendar/v3/.*")).atPriority(FAULT_PRIORITY).willReturn(answer)));
    }

    @Override
    public synchronized void clearFaults() {
        faults.forEach(server().wireMock()::removeStub);
        faults.clear();
    }

    @Override
    public synchronized void revokeGrant() {
        tokens.revoke();
    }

    /** The access tokens handed out so far expire; refreshing still works. */
    public synchronized void expireAccessTokens() {
        tokens.expireAccessTokens();
    }

    /** A code Google's consent screen hands to our redirect URL, to be traded at the token endpoint. */
    public synchronized void issueCode(String code) {
        tokens.issueCode(code, null);
    }

    /** As {@link #issueCode(String)}, for a consent started with this PKCE S256 challenge. */
    public synchronized void issueCode(String code, String codeChallenge) {
        tokens.issueCode(code, codeChallenge);
    }

    @Override
    public synchronized void expireCursors() {
        calendar.expireSyncTokens();
    }

    // --- HTTP ----------------------------------------------------------------------------------------

    private synchronized ResponseDefinition answer(Request request) {
        String url = request.getUrl();
        int q = url.indexOf('?');
        String path = q < 0 ? url : url.substring(0, q);
        Map<String, String> query = GoogleFakeWire.params(q < 0 ? null : url.substring(q + 1));
        String method = request.getMethod().getName();
        if (path.equals("/token") && method.equals("POST")) {
            return tokens.answer(request);
        }
        if (!path.startsWith(API)) {
            return GoogleFakeWire.notFound();
        }
        if (!tokens.accepts(request.getHeader("Authorization"))) {
            return GoogleFakeWire.invalidCredentials();
        }
        List<String> parts = Arrays.stream(path.substring(API.length()).split("/")).map(GoogleFakeWire::segment).toList();
        if (parts.equals(List.of("users", "me", "calendarList")) && method.equals("GET")) {
            return GoogleFakeLists.calendars(otherCalendars, query);
        }
        if (parts.size() < 3 || !parts.get(0).equals("calendars") || !parts.get(2).equals("events")) {
            return GoogleFakeWire.notFound();
        }
        String calendarId = parts.get(1).equals("primary") ? CALENDAR_ID : parts.get(1);
        if (!calendarId.equals(CALENDAR_ID)) {
            return otherCalendars.containsKey(calendarId) && method.equals("GET") && parts.size() == 3
                    ? new GoogleFakeCalendar(calendarId, ZoneId.of("UTC")).list(query) : GoogleFakeWire.notFound();
        }
        String sendUpdates = query.get("sendUpdates");
        if (sendUpdates != null && !List.of("all", "externalOnly", "none").contains(sendUpdates)) {
            return GoogleFakeWire.badRequest("invalid", "Invalid Value", "sendUpdates");
        }
        String eventId = parts.size() == 4 ? parts.get(3) : null;
        return switch (method + (eventId == null ? " list" : " one")) {
            case "GET list" -> calendar.list(query);
            case "POST list" -> body(request) instanceof ObjectNode body ? calendar.insert(body) : parseError();
            case "GET one" -> calendar.get(eventId);
            case "PATCH one" -> body(request) instanceof ObjectNode body ? calendar.patch(eventId, request.getHeader("If-Match"), body)
                    : parseError();
            case "DELETE one" -> calendar.delete(eventId, request.getHeader("If-Match"));
            default -> GoogleFakeWire.notFound();
        };
    }

    private static JsonNode body(Request request) {
        String type = request.getHeader("Content-Type");
        if (type == null || !type.startsWith("application/json")) {
            return null;
        }
        try {
            return GoogleFakeWire.JSON.readTree(request.getBodyAsString());
        } catch (Exception e) {
            return null;
        }
    }

    private static ResponseDefinition parseError() {
        return GoogleFakeWire.badRequest("parseError", "Parse Error", null);
    }
}
