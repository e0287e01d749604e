package io.confirmloop.calendar;

import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.confirmloop.calendar.ProviderFake.FakeEvent;
import io.confirmloop.calendar.google.GoogleCalendar;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/**
 * The Google Calendar adapter against {@link GoogleFake}: what every provider does for an owner
 * ({@link ProviderBehaviourSuite}), the seam's contract, and what is Google's own — the requests as
 * Google documents them (singleEvents, sync tokens without time bounds, If-Match with the quoted
 * etag, no guest mail, encoded calendar ids), its error formats, 403 rate limits, all-day events, the
 * token refresh, a revoked grant, and signing in again ending the reconnect and resuming the reads.
 */
class GoogleCalendarIT extends ProviderBehaviourSuite {

    static final GoogleFake GOOGLE = new GoogleFake();
    private static final String EVENTS = "/calendar/v3/calendars/frontdesk.parkside%40gmail.com/events";
    private static final Instant FROM = Instant.parse("2026-12-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-12-15T00:00:00Z");

    @Autowired
    GoogleCalendar google;
    @Autowired
    ProviderHttp http;
    @Autowired
    OAuthClient oauth;
    @Autowired
    HistoryService history;

    @Override
    protected ProviderFake fake() {
        return GOOGLE;
    }

    @Nested
    class Contract extends CalendarProviderContract {
        @Override
        protected CalendarProvider provider() {
            return google;
        }

        @Override
        protected CalendarAccess emptyCalendar() {
            return access();
        }

        @Override
        protected int pageSize() {
            return google.pageSize();
        }

        @Override
        protected boolean expireCursors() {
            GOOGLE.expireCursors();
            return true;
        }
    }

    private List<LoggedRequest> requests(RequestPatternBuilder pattern) {
        return GOOGLE.server().wireMock().findAll(pattern);
    }

    private WindowPage lastPage() {
        WindowPage page = google.readWindow(access(), FROM, TO, null);
        while (!page.last()) {
            page = google.readWindow(access(), FROM, TO, page.nextPageToken());
        }
        return page;
    }

    @Test
    void aWindowIsListedAsGoogleDocumentsItPageByPage() {
        for (int i = 0; i < google.pageSize() + 1; i++) {
            GOOGLE.add(FakeEvent.of("Block " + i, TOMORROW.plus(Duration.ofMinutes(30L * i)), HALF_HOUR));
        }
        GOOGLE.server().wireMock().resetRequests();

        WindowPage last = lastPage();

        assertThat(last.cursor()).isNotBlank();
        List<LoggedRequest> pages = requests(getRequestedFor(urlPathEqualTo(EVENTS)));
        assertThat(pages).hasSize(2).allSatisfy(r -> {
            assertThat(r.queryParameter("singleEvents").firstValue()).isEqualTo("true");
            assertThat(r.queryParameter("showDeleted").firstValue()).isEqualTo("false");
            assertThat(r.queryParameter("timeMin").firstValue()).isEqualTo("2026-12-01T00:00:00Z");
            assertThat(r.queryParameter("timeMax").firstValue()).isEqualTo("2026-12-15T00:00:00Z");
            assertThat(r.queryParameter("maxResults").firstValue()).isEqualTo(String.valueOf(google.pageSize()));
            assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + GOOGLE.connection().get("accessToken"));
            assertThat(r.getHeader("Accept")).isEqualTo("application/json");
        });
        assertThat(pages.get(0).queryParameter("pageToken").isPresent()).isFalse();
        assertThat(pages.get(1).queryParameter("pageToken").isPresent()).isTrue();
    }

    @Test
    void theChangeFeedAsksWithTheSyncTokenAloneAndFollowsItsPages() {
        String cursor = lastPage().cursor();
        List<String> added = new ArrayList<>();
        for (int i = 0; i < google.pageSize() + 1; i++) {
            added.add(GOOGLE.add(FakeEvent.of("Block " + i, TOMORROW.plus(Duration.ofMinutes(30L * i)), HALF_HOUR)));
        }
        GOOGLE.server().wireMock().resetRequests();

        List<String> changed = new ArrayList<>();
        ChangePage page = google.changesSince(access(), cursor, null).orElseThrow();
        changed.addAll(page.changed().stream().map(ProviderEvent::eventId).toList());
        assertThat(page.cursor()).isNull();
        page = google.changesSince(access(), cursor, page.nextPageToken()).orElseThrow();
        changed.addAll(page.changed().stream().map(ProviderEvent::eventId).toList());

        assertThat(page.last()).isTrue();
        assertThat(page.cursor()).isNotBlank().isNotEqualTo(cursor);
        assertThat(changed).containsExactlyInAnyOrderElementsOf(added);
        assertThat(requests(getRequestedFor(urlPathEqualTo(EVENTS)))).hasSize(2).allSatisfy(r -> {
            assertThat(r.queryParameter("syncToken").firstValue()).isEqualTo(cursor);
            assertThat(r.queryParameter("singleEvents").firstValue()).isEqualTo("true");
            assertThat(r.getQueryParams()).doesNotContainKeys("timeMin", "timeMax", "showDeleted");
        });
    }

    @Test
    void aDescriptionIsPatchedAloneWithTheQuotedEtagAndNoGuestMail() {
        String id = GOOGLE.add(FakeEvent.of("Check-up", TOMORROW, HALF_HOUR));
        String etag = GOOGLE.etag(id);
        assertThat(etag).startsWith("\"").endsWith("\"");

        ProviderEvent written = google.updateDescription(access(), id, etag, "[ConfirmLoop] Zoë: confirmed ✓\nBring the referral letter");

        assertThat(GOOGLE.description(id)).isEqualTo("[ConfirmLoop] Zoë: confirmed ✓\nBring the referral letter");
        assertThat(written.version()).isEqualTo(GOOGLE.etag(id)).isNotEqualTo(etag);
        LoggedRequest patch = requests(patchRequestedFor(urlPathEqualTo(EVENTS + "/" + id))).get(0);
        assertThat(patch.getHeader("If-Match")).isEqualTo(etag);
        assertThat(patch.queryParameter("sendUpdates").firstValue()).isEqualTo("none");
        JsonNode body = read(patch.getBodyAsString());
        assertThat(body.fieldNames()).toIterable().containsExactly("description");
    }

    @Test
    void anOwnersEditMeanwhileIsAConflictAndSurvives() {
        String id = GOOGLE.add(FakeEvent.of("Check-up", TOMORROW, HALF_HOUR));
        String etag = GOOGLE.etag(id);
        GOOGLE.editDescription(id, "Bring the referral letter and the X-ray");

        assertThatThrownBy(() -> google.updateDescription(access(), id, etag, "[ConfirmLoop] confirmed"))
                .isInstanceOf(CalendarProviderException.VersionConflict.class).hasMessageContaining("412");
        assertThat(GOOGLE.description(id)).isEqualTo("Bring the referral letter and the X-ray");
    }

    @Test
    void writesGoToTheEncodedCalendarWithoutGuestMailAndKeepTheEventsZone() {
        ZoneId london = ZoneId.of("Europe/London");
        ProviderEvent created = google.create(access(), new NewEvent("Check-up", "Room 2 — Zoë", "Parkside", TOMORROW,
                TOMORROW.plus(HALF_HOUR), london));
        ProviderEvent moved = google.move(access(), created.eventId(), TOMORROW.plus(Duration.ofHours(1)),
                TOMORROW.plus(Duration.ofHours(1)).plus(HALF_HOUR));
        google.delete(access(), created.eventId());

        assertThat(created.timeZone()).isEqualTo(london);
        assertThat(created.description()).isEqualTo("Room 2 — Zoë");
        assertThat(moved.timeZone()).isEqualTo(london);
        assertThat(moved.start()).isEqualTo(TOMORROW.plus(Duration.ofHours(1)));
        LoggedRequest insert = requests(postRequestedFor(urlPathEqualTo(EVENTS))).get(0);
        assertThat(insert.queryParameter("sendUpdates").firstValue()).isEqualTo("none");
        assertThat(read(insert.getBodyAsString()).at("/start/timeZone").asText()).isEqualTo("Europe/London");
        assertThat(read(insert.getBodyAsString()).at("/start/dateTime").asText()).isEqualTo("2026-12-02T15:00:00Z");
        assertThat(requests(patchRequestedFor(urlPathEqualTo(EVENTS + "/" + created.eventId())))).singleElement()
                .satisfies(r -> assertThat(r.queryParameter("sendUpdates").firstValue()).isEqualTo("none"));
        assertThat(requests(deleteRequestedFor(urlPathEqualTo(EVENTS + "/" + created.eventId())))).singleElement()
                .satisfies(r -> assertThat(r.queryParameter("sendUpdates").firstValue()).isEqualTo("none"));
        // Google answers 410 Gone for an event deleted before: that is "not found", not an expired cursor
        assertThatThrownBy(() -> google.move(access(), created.eventId(), TOMORROW, TOMORROW.plus(HALF_HOUR)))
                .isInstanceOf(CalendarProviderException.NotFound.class);
    }

    @Test
    void allDayEventsAreNoAppointmentsAndTurningOneAllDayRemovesIt() {
        String allDay = GOOGLE.addAllDay("Vacation +1 201-555-0180", LocalDate.parse("2026-12-03"));
        String timed = GOOGLE.add(FakeEvent.of("Check-up", TOMORROW, HALF_HOUR));
        String cursor = lastPage().cursor();

        assertThat(google.readWindow(access(), FROM, TO, null).events()).extracting(ProviderEvent::eventId).containsExactly(timed);
        assertThat(google.read(access(), allDay)).isEmpty();

        GOOGLE.remove(timed);
        ChangePage changes = google.changesSince(access(), cursor, null).orElseThrow();
        assertThat(changes.removed()).containsExactly(timed);
        assertThat(google.read(access(), timed)).isEmpty();
    }

    @Test
    void eventsMapFromGooglesFields() {
        String free = GOOGLE.add(FakeEvent.of("Lunch", TOMORROW, HALF_HOUR).free().invited().in(ZoneId.of("Asia/Tokyo")));
        String series = GOOGLE.addSeries(FakeEvent.of("Physio", TOMORROW.plus(Duration.ofHours(2)), HALF_HOUR), 2, Duration.ofDays(1));

        List<ProviderEvent> listed = google.readWindow(access(), FROM, TO, null).events();

        assertThat(listed).filteredOn(e -> e.eventId().equals(free)).singleElement().satisfies(e -> {
            assertThat(e.busy()).isFalse();
            assertThat(e.organizedByOwner()).isFalse();
            assertThat(e.timeZone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
            assertThat(e.start()).isEqualTo(TOMORROW);
            assertThat(e.seriesId()).isNull();
        });
        assertThat(listed).filteredOn(e -> series.equals(e.seriesId())).hasSize(2)
                .allSatisfy(e -> assertThat(e.eventId()).startsWith(series + "_"))
                .allSatisfy(e -> assertThat(e.organizedByOwner()).isTrue());
    }

    @Test
    void googlesRateLimitsAre403sOrA429AndMeanTryLater() {
        GOOGLE.failWith(403, "usageLimits", "userRateLimitExceeded", "User Rate Limit Exceeded", null);
        assertThatThrownBy(() -> google.readWindow(access(), FROM, TO, null)).isInstanceOf(CalendarProviderException.Unavailable.class)
                .hasMessageContaining("userRateLimitExceeded");
        GOOGLE.clearFaults();

        GOOGLE.failWith(429, "30");
        assertThatThrownBy(() -> google.read(access(), "abc")).isInstanceOfSatisfying(CalendarProviderException.Unavailable.class,
                e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(30)));
        // asked once: the caller backs off as Google asked, nothing waits it out and asks again meanwhile
        assertThat(requests(getRequestedFor(urlPathEqualTo(EVENTS + "/abc")))).hasSize(1);
        GOOGLE.clearFaults();

        GOOGLE.failWith(403, "calendar", "forbiddenForNonOrganizer", "Shared properties can only be changed by the organizer of the event.", null);
        assertThatThrownBy(() -> google.updateDescription(access(), "abc", "\"1\"", "x"))
                .isInstanceOfSatisfying(CalendarProviderException.Rejected.class, e -> assertThat(e.status()).isEqualTo(403))
                .hasMessageContaining("forbiddenForNonOrganizer");
        GOOGLE.clearFaults();

        GOOGLE.failWith(503, null);
        // any sync token: the outage answers first
        assertThatThrownBy(() -> google.changesSince(access(), "CbWlzc2luZw", null))
                .isInstanceOf(CalendarProviderException.Unavailable.class).hasMessageContaining("503");
    }

    @Test
    void anExpiredSyncTokenIsGooglesFullSyncRequired() {
        String cursor = lastPage().cursor();
        GOOGLE.expireCursors();

        assertThatThrownBy(() -> google.changesSince(access(), cursor, null)).isInstanceOf(CalendarProviderException.CursorExpired.class)
                .hasMessageContaining("410");
    }

    @Test
    void anExpiredAccessTokenIsRefreshedOnceAndTheCallMadeAgain() {
        String id = GOOGLE.add(FakeEvent.of("Check-up", TOMORROW, HALF_HOUR));
        GOOGLE.expireAccessTokens();

        assertThat(google.read(access(), id)).isPresent();

        List<LoggedRequest> refreshes = requests(postRequestedFor(urlPathEqualTo("/token")));
        assertThat(refreshes).singleElement().satisfies(r -> {
            assertThat(r.getBodyAsString()).contains("grant_type=refresh_token", "client_id=confirmloop-test-client");
        });
        List<LoggedRequest> reads = requests(getRequestedFor(urlPathEqualTo(EVENTS + "/" + id)));
        assertThat(reads).hasSize(2);
        assertThat(reads.get(1).getHeader("Authorization")).isNotEqualTo(reads.get(0).getHeader("Authorization"));
        // the new token was stored: the next call uses it without refreshing again
        google.read(access(), id);
        assertThat(requests(postRequestedFor(urlPathEqualTo("/token")))).hasSize(1);
    }

    @Test
    void aRevokedGrantIsUnauthorizedWithoutTheTokenInTheMessage() {
        GOOGLE.revokeGrant();

        assertThatThrownBy(() -> google.readWindow(access(), FROM, TO, null)).isInstanceOf(CalendarProviderException.Unauthorized.class)
                .hasMessageContaining("reconnect").hasMessageNotContaining("ya29").hasMessageNotContaining("1//04");
    }

    @Test
    void signingInAgainEndsTheReconnectTaskAndTheCalendarIsReadAgain() {
        String before = GOOGLE.add(FakeEvent.of("Check-up +1 201-555-0181", TOMORROW, HALF_HOUR));
        sync();
        GOOGLE.revokeGrant();
        assertThat(sync().get("status").asText()).isEqualTo("FAILED");
        runDueJobs();
        Task reconnect = tasks.createTaskQuery().processInstanceBusinessKey(calendarId).singleResult();
        assertThat(reconnect.getName()).startsWith("Reconnect");
        String reconnectProcess = reconnect.getProcessInstanceId();
        assertThat(get(OWNER, "/api/calendars/" + calendarId).get("connectionState").asText()).isEqualTo("RECONNECT");

        // the owner follows the sign-in link; Google's consent screen sends the browser back with a code
        Map<String, String> consent = query(get(OWNER, "/api/calendars/" + calendarId + "/sign-in").get("url").asText());
        GOOGLE.issueCode("4/0AeanS0b-parkside-again", consent.get("code_challenge"));
        ResponseEntity<String> back = rest.getForEntity("/oauth/callback?state=" + consent.get("state") + "&code=4/0AeanS0b-parkside-again",
                String.class);
        assertThat(back.getStatusCode().value()).as(back.getBody()).isEqualTo(200);
        runDueJobs();

        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(calendarId).list()).as("the Reconnect task ends by itself").isEmpty();
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(reconnectProcess).count()).isZero();
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(reconnectProcess).activityId("EndEvent_SignedInAgain")
                .finished().count()).as("ended by the sign-in, not cancelled").isEqualTo(1);
        assertThat(get(OWNER, "/api/calendars/" + calendarId).get("connectionState").asText()).isEqualTo("CONNECTED");

        String after = GOOGLE.add(FakeEvent.of("Filling +1 201-555-0182", TOMORROW.plus(Duration.ofHours(2)), HALF_HOUR));
        assertThat(sync().get("status").asText()).isEqualTo("SYNCED");
        assertThat(Instant.parse(appointment(after).get("start").asText())).isEqualTo(TOMORROW.plus(Duration.ofHours(2)));
        assertThat(appointment(before).get("status").asText()).isEqualTo("ACTIVE");
    }

    private static Map<String, String> query(String url) {
        return Arrays.stream(URI.create(url).getRawQuery().split("&")).map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
    }

    @Test
    void theAccountsCalendarsArePagedAndSayWhichMayBeWritten() {
        for (int i = 0; i < 260; i++) {
            GOOGLE.addCalendar("team" + i + "@group.calendar.google.com", "Team " + i, i % 2 == 0 ? "writer" : "freeBusyReader");
        }

        List<ProviderCalendar> calendars = google.listCalendars(access().connection());

        assertThat(calendars).hasSize(262);
        assertThat(calendars.get(0)).isEqualTo(new ProviderCalendar(GoogleFake.CALENDAR_ID, GoogleFake.CALENDAR_ID, "America/Chicago", true, true));
        assertThat(calendars).filteredOn(c -> c.id().equals(GoogleFake.HOLIDAYS_ID)).singleElement()
                .satisfies(c -> assertThat(c.canWrite()).isFalse());
        assertThat(calendars).filteredOn(c -> c.id().equals("team0@group.calendar.google.com")).singleElement()
                .satisfies(c -> assertThat(c.canWrite()).isTrue());
        assertThat(requests(getRequestedFor(urlPathEqualTo("/calendar/v3/users/me/calendarList")))).hasSize(2);
    }

    @Test
    void aConsentCodeIsTradedOnceForTokensThatListTheAccountsCalendars() throws Exception {
        String verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        GOOGLE.issueCode("4/0AeanS0b-parkside", challenge);
        GOOGLE.issueCode("4/0AeanS0b-other", challenge);

        OAuthClient.Tokens tokens = oauth.exchangeCode(Provider.GOOGLE, null, "4/0AeanS0b-parkside", verifier);
        // onboarding: the account's calendars are listed before any calendar is stored
        List<ProviderCalendar> calendars = google.listCalendars(new Connection.Google(null, tokens.accessToken(), tokens.refreshToken(),
                tokens.expiresAt()));

        assertThat(tokens.refreshToken()).isNotNull();
        assertThat(calendars).extracting(ProviderCalendar::id).containsExactly(GoogleFake.CALENDAR_ID, GoogleFake.HOLIDAYS_ID);
        LoggedRequest exchange = requests(postRequestedFor(urlPathEqualTo("/token"))).get(0);
        assertThat(exchange.getBodyAsString()).contains("grant_type=authorization_code", "code_verifier=" + verifier, "redirect_uri=");
        assertThatThrownBy(() -> oauth.exchangeCode(Provider.GOOGLE, null, "4/0AeanS0b-parkside", verifier))
                .isInstanceOf(CalendarProviderException.Unauthorized.class).hasMessageContaining("invalid_grant");
        assertThatThrownBy(() -> oauth.exchangeCode(Provider.GOOGLE, null, "4/0AeanS0b-other", "another-verifier"))
                .isInstanceOf(CalendarProviderException.Unauthorized.class);
    }

    @Test
    void requestsGoogleWouldRefuseAreRefusedInItsFormat() {
        assertThatThrownBy(() -> google.readWindow(access(), FROM, FROM, null))
                .isInstanceOfSatisfying(CalendarProviderException.Rejected.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("timeRangeEmpty");
        String cursor = lastPage().cursor();
        String withTimeBounds = GOOGLE.server().baseUrl() + EVENTS + "?syncToken=" + cursor + "&singleEvents=true&timeMin=2026-12-01T00%3A00%3A00Z";
        assertThat(http.send(access(), ProviderRequest.get(withTimeBounds).passing(400)).body())
                .contains("\"reason\":\"syncTokenWithRequestRestrictions\"", "\"code\":400");
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (Exception e) {
            throw new AssertionError(body, e);
        }
    }
}
