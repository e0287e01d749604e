package io.confirmloop.calendar;

import static com.github.tomakehurst.wiremock.http.RequestMethod.DELETE;
import static com.github.tomakehurst.wiremock.http.RequestMethod.GET;
import static com.github.tomakehurst.wiremock.http.RequestMethod.PATCH;
import static com.github.tomakehurst.wiremock.http.RequestMethod.POST;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import io.confirmloop.calendar.ClioFakeEntries.Entry;
import io.confirmloop.support.ProviderServer;
import io.confirmloop.support.ProviderServers;

/**
 * Clio Manage (API v4) as a stateful fake on {@link ProviderServers#CLIO}: the account's calendars,
 * its calendar entries ({@link ClioFakeEntries}), the OAuth token endpoint, and Clio's checks and
 * answers — bearer token, {@code fields=} selection, {@code limit} 1–200, cursor pages through
 * {@code meta.paging.next}, {@code If-Match} → 412, errors as {@code {"error":{"type","message"}}}
 * (OAuth errors as RFC 6749's {@code {"error": …}}), and the {@code X-RateLimit-*} headers with
 * {@code Retry-After} on a 429. Requests are answered one at a time.
 */
public final class ClioFake implements ProviderFake {

    static final String OWNER_CALENDAR = "9001";
    static final String COLLEAGUE_CALENDAR = "9002";
    static final String COURT_CALENDAR = "9003";
    /** The account user's time zone, which Clio gives entries created through the API. */
    static final ZoneId ACCOUNT_ZONE = ZoneId.of("America/Chicago");
    static final int RATE_LIMIT = 50;
    private static final String API = "/api/v4/";
    private static final Pattern ENTRY = Pattern.compile("calendar_entries/([^/]+)\\.json");

    private final ProviderServer server = ProviderServers.CLIO;
    private final ObjectMapper json = new ObjectMapper();
    private final ClioFakeEntries entries = new ClioFakeEntries();
    private final ClioFakeApi api = new ClioFakeApi(this, entries, json);
    private final ClioFakeGrant grant = new ClioFakeGrant();
    private Integer faultStatus;
    private String faultRetryAfter;
    private long window;
    private int servedInWindow;

    public ClioFake() {
        reset();
        server.answerWith(this::answer);
    }

    @Override
    public Provider provider() {
        return Provider.CLIO;
    }

    @Override
    public ProviderServer server() {
        return server;
    }

    @Override
    public synchronized void reset() {
        entries.clear();
        api.forgetPageTokens();
        grant.reset();
        clearFaults();
        server.reset();
    }

    @Override
    public synchronized Map<String, Object> connection() {
        return Map.of("calendarId", OWNER_CALENDAR, "accessToken", grant.accessToken(), "refreshToken", grant.refreshToken(),
                "region", "us");
    }

    @Override
    public synchronized String add(FakeEvent event) {
        return entry(event).publicId();
    }

    @Override
    public synchronized String addSeries(FakeEvent first, int count, Duration every) {
        Entry series = entry(first);
        series.count = count;
        series.every = every;
        return series.publicId();
    }

    /** An all-day entry on the owner's calendar. */
    public synchronized String addAllDay(String title, LocalDate day) {
        Entry e = entry(FakeEvent.of(title, day.atStartOfDay(ACCOUNT_ZONE).toInstant(), Duration.ofDays(1)).in(ACCOUNT_ZONE));
        e.allDay = true;
        return e.publicId();
    }

    private Entry entry(FakeEvent event) {
        Entry e = event.organizedByOwner() ? entries.add(OWNER_CALENDAR, List.of(OWNER_CALENDAR), Instant.now())
                : entries.add(COLLEAGUE_CALENDAR, List.of(COLLEAGUE_CALENDAR, OWNER_CALENDAR), Instant.now());
        e.summary = event.title();
        e.description = event.description();
        e.start = event.start();
        e.end = event.end();
        e.zone = event.zone();
        e.free = !event.busy();
        return e;
    }

    @Override
    public synchronized void move(String eventId, Instant start, Instant end) {
        Entry e = existing(eventId, true);
        e.start = start;
        e.end = end;
        entries.touch(e, Instant.now());
    }

    @Override
    public synchronized void remove(String eventId) {
        entries.remove(existing(eventId, true), Instant.now());
    }

    @Override
    public synchronized String description(String eventId) {
        return existing(eventId, false).description;
    }

    private Entry existing(String eventId, boolean toChange) {
        Entry e = entries.find(eventId, toChange);
        if (e == null) {
            throw new IllegalArgumentException("No Clio entry " + eventId);
        }
        return e;
    }

    @Override
    public synchronized void failWith(int status, String retryAfterSeconds) {
        faultStatus = status;
        faultRetryAfter = retryAfterSeconds;
    }

    @Override
    public synchronized void clearFaults() {
        faultStatus = null;
        faultRetryAfter = null;
    }

    @Override
    public synchronized void revokeGrant() {
        grant.revoke();
    }

    /** Clio's change filter ({@code updated_since}) never expires; its page tokens do. */
    @Override
    public synchronized void expireCursors() {
        api.forgetPageTokens();
    }

    /** The owner consents in Clio: the redirect carries this code, good once for new tokens. */
    public synchronized void issueCode(String code) {
        grant.issueCode(code);
    }

    /** Clio stops accepting the current access token (it expired); the refresh token still works. */
    public synchronized void expireAccessToken() {
        grant.expireAccessToken();
    }

    public synchronized String accessToken() {
        return grant.accessToken();
    }

    private synchronized ResponseDefinition answer(Request request) {
        String path = URI.create(request.getUrl()).getRawPath();
        if (path.equals("/oauth/token") && request.getMethod().equals(POST)) {
            Map.Entry<Integer, Map<String, Object>> answer = grant.token(form(request.getBodyAsString()));
            return respond(answer.getKey(), answer.getValue(), Map.of());
        }
        if (!path.startsWith(API)) {
            return error(404, "RecordNotFound", "No route matches " + path);
        }
        if (faultStatus != null) {
            return fault();
        }
        if (!grant.admits(request.getHeader("Authorization"))) {
            return respond(401, Map.of("error", "invalid_token", "error_description",
                    "The access token provided is expired, revoked, malformed or invalid for other reasons."), Map.of());
        }
        String resource = path.substring(API.length());
        try {
            if (resource.equals("calendars.json") && request.getMethod().equals(GET)) {
                return api.calendars(request);
            }
            if (resource.equals("calendar_entries.json") && request.getMethod().equals(GET)) {
                return api.index(request);
            }
            if (resource.equals("calendar_entries.json") && request.getMethod().equals(POST)) {
                return api.create(request);
            }
            Matcher entry = ENTRY.matcher(resource);
            if (entry.matches()) {
                String id = URLDecoder.decode(entry.group(1), StandardCharsets.UTF_8);
                if (request.getMethod().equals(GET)) {
                    return api.show(request, id);
                }
                if (request.getMethod().equals(PATCH)) {
                    return api.update(request, id);
                }
                if (request.getMethod().equals(DELETE)) {
                    return api.destroy(id);
                }
            }
            return error(404, "RecordNotFound", "No route matches " + request.getMethod() + " " + path);
        } catch (IllegalArgumentException refused) {
            return error(400, "ArgumentError", refused.getMessage());
        }
    }

    private ResponseDefinition fault() {
        Map<String, String> headers = new LinkedHashMap<>();
        if (faultRetryAfter != null) {
            headers.put("Retry-After", faultRetryAfter);
        }
        if (faultStatus == 429) {
            countRequest();
            servedInWindow = RATE_LIMIT - 1; // this answer uses the window up
            return respond(429, Map.of("error", Map.of("type", "RateLimited", "message",
                    "Rate limit exceeded. Retry in " + (faultRetryAfter == null ? "a few" : faultRetryAfter) + " seconds.")), headers);
        }
        return respond(faultStatus, Map.of("error", Map.of("type", "ServiceUnavailable", "message", "Clio is temporarily unavailable")), headers);
    }

    ResponseDefinition error(int status, String type, String message) {
        return respond(status, Map.of("error", Map.of("type", type, "message", message)), Map.of());
    }

    /** A JSON answer, with Clio's rate-limit headers on API calls. */
    ResponseDefinition respond(int status, Object body, Map<String, String> headers) {
        ResponseDefinitionBuilder answer = new ResponseDefinitionBuilder().withStatus(status);
        countRequest();
        servedInWindow = Math.min(RATE_LIMIT, servedInWindow + 1);
        answer.withHeader("X-RateLimit-Limit", String.valueOf(RATE_LIMIT))
                .withHeader("X-RateLimit-Remaining", String.valueOf(RATE_LIMIT - servedInWindow))
                .withHeader("X-RateLimit-Reset", String.valueOf((window + 1) * 60));
        headers.forEach(answer::withHeader);
        if (body != null) {
            try {
                answer.withHeader("Content-Type", "application/json; charset=utf-8").withBody(json.writeValueAsString(body));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return answer.build();
    }

    /** Clio counts requests per access token in 60-second windows. */
    private void countRequest() {
        long now = Instant.now().getEpochSecond();
        if (now / 60 != window) {
            window = now / 60;
            servedInWindow = 0;
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body == null ? new String[0] : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }
}
