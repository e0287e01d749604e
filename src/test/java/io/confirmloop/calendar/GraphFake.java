package io.confirmloop.calendar;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.confirmloop.calendar.GraphFakeMailbox.Item;
import io.confirmloop.support.ProviderServer;
import io.confirmloop.support.ProviderServers;

/**
 * Microsoft 365 as Microsoft Graph v1.0 and the Microsoft identity platform answer it, on
 * {@link ProviderServers#GRAPH}: a stateful mailbox ({@link GraphFakeMailbox}) behind the documented
 * URLs, JSON and errors. It checks our requests as Graph does: the bearer token (401
 * {@code InvalidAuthenticationToken}), the time window of a calendarView, {@code If-Match} against
 * the change key (412 {@code ErrorIrresolvableConflict}), malformed ids (400) and unknown ones (404);
 * it pages by {@code Prefer: odata.maxpagesize}, runs delta rounds with skip and delta tokens that
 * can expire (410 {@code SyncStateNotFound}), and answers times and bodies as {@code Prefer} asks.
 * The token endpoint trades refresh tokens and authorization codes ({@link #issueCode}).
 */
public class GraphFake implements ProviderFake {

    public static final String TOKEN_PATH = "/common/oauth2/v2.0/token";

    private final ObjectMapper json = new ObjectMapper();
    private final GraphFakeTokens tokens = new GraphFakeTokens(json);
    private GraphFakeMailbox mailbox = new GraphFakeMailbox();
    private GraphFakeApi api;
    private final List<StubMapping> faults = new ArrayList<>();

    @Override
    public Provider provider() {
        return Provider.GRAPH;
    }

    @Override
    public ProviderServer server() {
        return ProviderServers.GRAPH;
    }

    @Override
    public synchronized void reset() {
        server().reset();
        faults.clear();
        mailbox = new GraphFakeMailbox();
        tokens.reset();
        api = new GraphFakeApi(mailbox, tokens, server().baseUrl());
        server().answerWith(this::answer);
    }

    @Override
    public synchronized Map<String, Object> connection() {
        return Map.of("calendarId", mailbox.defaultCalendarId(), "accessToken", tokens.accessToken(), "refreshToken",
                tokens.refreshToken());
    }

    public synchronized String defaultCalendarId() {
        return mailbox.defaultCalendarId();
    }

    /** The access token issued last: the one API calls must carry. */
    public synchronized String accessToken() {
        return tokens.accessToken();
    }

    // --- what the owner does in Outlook ------------------------------------------------------------

    @Override
    public synchronized String add(FakeEvent event) {
        Item item = mailbox.newItem(mailbox.defaultCalendarId());
        write(item, event, event.start(), event.end());
        return item.id;
    }

    @Override
    public synchronized String addSeries(FakeEvent first, int count, Duration every) {
        Item master = mailbox.newItem(mailbox.defaultCalendarId());
        write(master, first, first.start(), first.start().plus(every.multipliedBy(count - 1L)).plus(Duration.between(first.start(),
                first.end())));
        master.type = "seriesMaster";
        master.count = count;
        master.every = every;
        for (int i = 0; i < count; i++) {
            Item occurrence = mailbox.newItem(master.calendarId);
            write(occurrence, first, first.start().plus(every.multipliedBy(i)), first.end().plus(every.multipliedBy(i)));
            occurrence.type = "occurrence";
            occurrence.seriesMasterId = master.id;
        }
        return master.id;
    }

    /** An all-day event on {@code date} in {@code zone}. */
    public synchronized String addAllDay(String title, LocalDate date, ZoneId zone) {
        Item item = mailbox.newItem(mailbox.defaultCalendarId());
        Instant start = date.atStartOfDay(zone).toInstant();
        write(item, FakeEvent.of(title, start, Duration.ofDays(1)).in(zone), start, date.plusDays(1).atStartOfDay(zone).toInstant());
        item.allDay = true;
        return item.id;
    }

    /** A calendar of the account besides the default one. */
    public synchronized String addCalendar(String name, boolean canEdit) {
        GraphFakeMailbox.Cal c = new GraphFakeMailbox.Cal(GraphFakeMailbox.newId("AAMkADCal"), name, false, canEdit);
        mailbox.calendars.add(c);
        return c.id();
    }

    private void write(Item item, FakeEvent event, Instant start, Instant end) {
        item.subject = event.title();
        item.body = event.description();
        item.start = start;
        item.end = end;
        item.zone = GraphFakeMailbox.windowsName(event.zone());
        item.showAs = event.busy() ? "busy" : "free";
        item.organizer = event.organizedByOwner();
        item.guests = event.guests();
    }

    @Override
    public synchronized void move(String eventId, Instant start, Instant end) {
        Item item = mailbox.live(eventId);
        if ("seriesMaster".equals(item.type)) {
            Duration shift = Duration.between(item.start, start);
            mailbox.items.values().stream().filter(i -> eventId.equals(i.seriesMasterId) && !i.deleted).forEach(i -> {
                i.start = i.start.plus(shift);
                i.end = i.end.plus(shift);
                mailbox.touch(i);
            });
        } else if ("occurrence".equals(item.type)) {
            item.type = "exception";
        }
        item.start = start;
        item.end = end;
        mailbox.touch(item);
    }

    @Override
    public synchronized void remove(String eventId) {
        mailbox.delete(mailbox.live(eventId));
    }

    /** The organizer cancelled the meeting: it stays in the calendar with {@code isCancelled}. */
    public synchronized void cancel(String eventId) {
        Item item = mailbox.live(eventId);
        item.cancelled = true;
        item.subject = "Canceled: " + item.subject;
        mailbox.touch(item);
    }

    @Override
    public synchronized String description(String eventId) {
        return mailbox.items.get(eventId).body;
    }

    /** The etag Graph shows for the event now. */
    public synchronized String etag(String eventId) {
        return mailbox.items.get(eventId).etag();
    }

    // --- faults and the grant ------------------------------------------------------------------------

    @Override
    public synchronized void failWith(int status, String retryAfterSeconds) {
        String code = switch (status) {
            case 429 -> "TooManyRequests";
            case 503 -> "ServiceNotAvailable";
            case 504 -> "UnknownError";
            default -> status >= 500 ? "generalException" : "BadRequest";
        };
        ResponseDefinitionBuilder answer = aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody(GraphFakeApi.error(code, status == 429 ? "Application is over its MailboxConcurrency limit." : "The service is unavailable."));
        if (retryAfterSeconds != null) {
            answer = answer.withHeader("Retry-After", retryAfterSeconds);
        }
        faults.add(server().wireMock().stubFor(any(urlPathMatching("/v1\\.0/.*")).atPriority(1).willReturn(answer)));
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

    /** The access token expires (the grant stays): the next API call answers 401 until it is refreshed. */
    public synchronized void expireAccessToken() {
        tokens.expireAccessTokens();
    }

    /** An authorization code the token endpoint will trade once (as if the owner had just consented). */
    public synchronized void issueCode(String code) {
        tokens.issueCode(code, null);
    }

    /** As {@link #issueCode(String)}, for an authorization request that carried a PKCE S256 challenge. */
    public synchronized void issueCode(String code, String codeChallenge) {
        tokens.issueCode(code, codeChallenge);
    }

    @Override
    public synchronized void expireCursors() {
        api.expireCursors();
    }

    private synchronized ResponseDefinition answer(Request request) {
        return api.answer(request);
    }

    // --- the HTTP side -----------------------------------------------------------------------------
}
