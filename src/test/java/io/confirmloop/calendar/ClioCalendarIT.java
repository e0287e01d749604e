package io.confirmloop.calendar;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.confirmloop.calendar.ProviderFake.FakeEvent;
import io.confirmloop.calendar.clio.ClioCalendar;
import io.confirmloop.support.ProviderServers;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestTemplate;

/**
 * Clio Manage behind the seam, against {@link ClioFake}: the owner-visible behaviour every provider
 * keeps, the seam's contract, and what is Clio's own — the requests it is sent (fields, expanded
 * series, pages, If-Match), its error and rate-limit answers, the token refresh, all-day entries.
 */
class ClioCalendarIT extends ProviderBehaviourSuite {

    private static final ClioFake CLIO = new ClioFake();

    @Autowired
    ClioCalendar clio;

    @Override
    protected ProviderFake fake() {
        return CLIO;
    }

    /** A Clio entry's attendees are Clio contacts and users, named without an email address. */
    @Override
    protected boolean eventsNameGuestsByEmail() {
        return false;
    }

    /** The requests to the fake, oldest first. */
    private static List<ServeEvent> served() {
        List<ServeEvent> served = new ArrayList<>(CLIO.server().wireMock().getAllServeEvents());
        Collections.reverse(served);
        return served;
    }

    private List<LoggedRequest> requests(RequestMethod method, String pathStart) {
        return served().stream().map(ServeEvent::getRequest)
                .filter(r -> r.getMethod().equals(method) && r.getUrl().startsWith(pathStart)).toList();
    }

    @Nested
    class Contract extends CalendarProviderContract {
        @Override
        protected CalendarProvider provider() {
            return clio;
        }

        @Override
        protected CalendarAccess emptyCalendar() {
            return access();
        }

        @Override
        protected int pageSize() {
            return clio.pageSize();
        }

        @Override
        protected boolean expireCursors() {
            CLIO.expireCursors();
            return false; // Clio has no change feed the seam could use: every sync reads the window
        }
    }

    @Test
    void theWindowAsksForTheChosenCalendarsTimedEntriesWithSeriesExpandedAndTheFieldsItReads() {
        CLIO.add(FakeEvent.of("Check-up +1 201-555-0180", TOMORROW, HALF_HOUR));

        sync();

        LoggedRequest list = requests(RequestMethod.GET, "/api/v4/calendar_entries.json").get(0);
        assertThat(list.queryParameter("calendar_id").firstValue()).isEqualTo(ClioFake.OWNER_CALENDAR);
        assertThat(list.queryParameter("expanded").firstValue()).isEqualTo("true");
        assertThat(list.queryParameter("is_all_day").firstValue()).isEqualTo("false");
        assertThat(list.queryParameter("limit").firstValue()).isEqualTo("200");
        assertThat(Instant.parse(list.queryParameter("from").firstValue())).isEqualTo(NOW);
        assertThat(list.queryParameter("fields").firstValue()).contains("etag", "start_at", "end_at", "parent_calendar_entry_id",
                "calendar_owner{id,name,type}", "calendar_entry_event_type{id,name}");
        assertThat(list.getHeader("Authorization")).isEqualTo("Bearer " + CLIO.accessToken());
        assertThat(list.getHeader("Accept")).isEqualTo("application/json");
    }

    @Test
    void laterPagesAreTheNextLinksClioGave() {
        for (int i = 0; i < 401; i++) {
            CLIO.add(FakeEvent.of("Block " + i, NOW.plus(Duration.ofHours(1)).plus(Duration.ofMinutes(20L * i)), HALF_HOUR));
        }

        assertThat(sync().get("eventsRead").asInt()).isEqualTo(401);

        List<ServeEvent> pages = served().stream()
                .filter(e -> e.getRequest().getUrl().startsWith("/api/v4/calendar_entries.json")).toList();
        assertThat(pages).hasSize(3);
        for (int i = 0; i < 2; i++) {
            String next = read(pages.get(i).getResponse().getBodyAsString()).path("meta").path("paging").path("next").asText();
            assertThat(pages.get(i + 1).getRequest().getAbsoluteUrl()).isEqualTo(next);
        }
        assertThat(read(pages.get(2).getResponse().getBodyAsString()).path("meta").path("paging").has("next")).isFalse();
    }

    @Test
    void aDescriptionIsPatchedWithIfMatchAndAStaleEtagIsAConflict() {
        ProviderEvent created = clio.create(access(), new NewEvent("Check-up", "Bring the referral letter", null, TOMORROW,
                TOMORROW.plus(HALF_HOUR), null));

        ProviderEvent written = clio.updateDescription(access(), created.eventId(), created.version(), "[ConfirmLoop] reminded\nBring it");

        LoggedRequest patch = requests(RequestMethod.PATCH, "/api/v4/calendar_entries/" + created.eventId() + ".json").get(0);
        assertThat(patch.getHeader("If-Match")).isEqualTo(created.version());
        assertThat(read(patch.getBodyAsString()).toString()).isEqualTo("{\"data\":{\"description\":\"[ConfirmLoop] reminded\\nBring it\"}}");
        assertThat(written.version()).isNotEqualTo(created.version());

        assertThatThrownBy(() -> clio.updateDescription(access(), created.eventId(), created.version(), "lost update"))
                .isInstanceOf(CalendarProviderException.VersionConflict.class).hasMessageContaining("412");
        assertThat(CLIO.description(created.eventId())).isEqualTo("[ConfirmLoop] reminded\nBring it");
    }

    @Test
    void aStatusLineOnAnOccurrenceChangesThatOccurrenceOnly() {
        String series = CLIO.addSeries(FakeEvent.of("Physio +1 201-555-0181", TOMORROW, HALF_HOUR), 3, Duration.ofDays(1));
        List<ProviderEvent> occurrences = clio.readWindow(access(), NOW, NOW.plus(Duration.ofDays(14)), null).events();
        assertThat(occurrences).hasSize(3).allSatisfy(o -> assertThat(o.seriesId()).isEqualTo(series));
        ProviderEvent second = occurrences.get(1);

        clio.updateDescription(access(), second.eventId(), second.version(), "[ConfirmLoop] confirmed\nBring the referral letter");

        assertThat(CLIO.description(second.eventId())).startsWith("[ConfirmLoop] confirmed");
        assertThat(CLIO.description(occurrences.get(0).eventId())).isEqualTo("Bring the referral letter");
        assertThat(clio.read(access(), second.eventId()).orElseThrow().start()).isEqualTo(TOMORROW.plus(Duration.ofDays(1)));
    }

    @Test
    void throttlingIsUnavailableWithClioRetryAfterAndRateLimitHeaders() {
        CLIO.failWith(429, "120");

        assertThatThrownBy(() -> clio.readWindow(access(), NOW, NOW.plus(Duration.ofDays(14)), null))
                .isInstanceOfSatisfying(CalendarProviderException.Unavailable.class, e -> {
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(120));
                    assertThat(e.getMessage()).contains("429", "RateLimited").doesNotContain(CLIO.accessToken());
                });
        ServeEvent throttled = CLIO.server().wireMock().getAllServeEvents().get(0);
        assertThat(throttled.getResponse().getHeaders().getHeader("X-RateLimit-Remaining").firstValue()).isEqualTo("0");
        assertThat(throttled.getResponse().getHeaders().getHeader("X-RateLimit-Limit").firstValue()).isEqualTo("50");
    }

    @Test
    void anExpiredAccessTokenIsRefreshedOnceAndTheCallRepeated() {
        String id = CLIO.add(FakeEvent.of("Check-up +1 201-555-0182", TOMORROW, HALF_HOUR));
        String stored = CLIO.accessToken();
        CLIO.expireAccessToken();

        assertThat(clio.read(access(), id)).isPresent();

        List<LoggedRequest> tokenCalls = requests(RequestMethod.POST, "/oauth/token");
        assertThat(tokenCalls).singleElement().satisfies(t -> assertThat(t.getBodyAsString()).contains("grant_type=refresh_token",
                "refresh_token=clio-refresh-", "client_id=" + ProviderServers.CLIENT_ID));
        List<LoggedRequest> reads = requests(RequestMethod.GET, "/api/v4/calendar_entries/" + id + ".json");
        assertThat(reads).extracting(r -> r.getHeader("Authorization"))
                .containsExactly("Bearer " + stored, "Bearer " + CLIO.accessToken());
        assertThat(((Connection.Clio) access().connection()).accessToken().reveal()).isEqualTo(CLIO.accessToken());
    }

    @Test
    void aRevokedGrantIsUnauthorizedAfterOneRefusedRefresh() {
        CLIO.revokeGrant();

        assertThatThrownBy(() -> clio.readWindow(access(), NOW, NOW.plus(Duration.ofDays(14)), null))
                .isInstanceOf(CalendarProviderException.Unauthorized.class).hasMessageContaining("reconnect")
                .message().doesNotContain("clio-access-", "clio-refresh-");
        ServeEvent refresh = CLIO.server().wireMock().getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().equals("/oauth/token")).findFirst().orElseThrow();
        assertThat(refresh.getResponse().getStatus()).isEqualTo(400);
        assertThat(read(refresh.getResponse().getBodyAsString()).get("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void clioErrorsBecomeTheSeamsExceptionsWithClioWords() {
        assertThatThrownBy(() -> clio.delete(access(), "424242"))
                .isInstanceOf(CalendarProviderException.NotFound.class).hasMessageContaining("RecordNotFound");
        assertThatThrownBy(() -> clio.create(access(), new NewEvent("Backwards", null, null, TOMORROW, TOMORROW.minus(HALF_HOUR), null)))
                .isInstanceOfSatisfying(CalendarProviderException.Rejected.class, e -> assertThat(e.status()).isEqualTo(422))
                .hasMessageContaining("ValidationError");
        CLIO.server().wireMock().stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(anyUrl()).atPriority(1).willReturn(aResponse().withStatus(200).withBody("<html>maintenance</html>")));
        assertThatThrownBy(() -> clio.readWindow(access(), NOW, NOW.plus(Duration.ofDays(14)), null))
                .isInstanceOf(CalendarProviderException.Unavailable.class);
    }

    @Test
    void aPageTokenClioNoLongerKnowsIsRefused() {
        for (int i = 0; i < 201; i++) {
            CLIO.add(FakeEvent.of("Block " + i, NOW.plus(Duration.ofHours(1)).plus(Duration.ofMinutes(20L * i)), HALF_HOUR));
        }
        WindowPage first = clio.readWindow(access(), NOW, NOW.plus(Duration.ofDays(14)), null);
        CLIO.expireCursors();

        assertThatThrownBy(() -> clio.readWindow(access(), NOW, NOW.plus(Duration.ofDays(14)), first.nextPageToken()))
                .isInstanceOfSatisfying(CalendarProviderException.Rejected.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void allDayEntriesAreNotAppointmentsAndDoNotBlock() {
        String allDay = CLIO.addAllDay("Office closed +1 201-555-0183", LocalDate.of(2026, 12, 2));
        String timed = CLIO.add(FakeEvent.of("Check-up +1 201-555-0184", TOMORROW, HALF_HOUR));

        assertThat(sync().get("eventsRead").asInt()).isEqualTo(1);

        assertThat(appointments()).extracting(a -> a.get("eventId").asText()).containsExactly(timed);
        assertThat(clio.read(access(), allDay)).isEmpty();
    }

    @Test
    void entriesThatOnlyTouchTheWindowAreLeftOut() {
        Instant from = TOMORROW;
        CLIO.add(FakeEvent.of("Ends as the window opens", from.minus(HALF_HOUR), HALF_HOUR));
        String inside = CLIO.add(FakeEvent.of("Inside", from, HALF_HOUR));
        CLIO.add(FakeEvent.of("Starts as the window closes", from.plus(Duration.ofHours(2)), HALF_HOUR));

        assertThat(clio.readWindow(access(), from, from.plus(Duration.ofHours(2)), null).events())
                .extracting(ProviderEvent::eventId).containsExactly(inside);
    }

    @Test
    void theAccountsCalendarsSayWhichIsTheOwnersAndWhichCanBeWritten() {
        List<ProviderCalendar> calendars = clio.listCalendars(access().connection());

        assertThat(calendars).extracting(ProviderCalendar::id).containsExactly("9001", "9002", "9003");
        assertThat(calendars).filteredOn(ProviderCalendar::primary).extracting(ProviderCalendar::name).containsExactly("Pat Owner");
        assertThat(calendars).filteredOn(ProviderCalendar::canWrite).extracting(ProviderCalendar::id).containsExactly("9001", "9003");
        assertThat(requests(RequestMethod.GET, "/api/v4/calendars.json")).singleElement()
                .satisfies(r -> assertThat(r.queryParameter("fields").firstValue()).isEqualTo("id,name,type,permission"));
    }

    @Test
    void theTokenEndpointTradesAnIssuedCodeOnce() {
        CLIO.issueCode("consent-code-1");
        String form = "grant_type=authorization_code&code=consent-code-1&redirect_uri=http%3A%2F%2Flocalhost%2Foauth%2Fcallback&client_id="
                + ProviderServers.CLIENT_ID + "&client_secret=" + ProviderServers.CLIENT_SECRET;

        JsonNode tokens = tokenCall(form);
        assertThat(tokens.get("token_type").asText()).isEqualTo("bearer");
        assertThat(tokens.get("access_token").asText()).isEqualTo(CLIO.accessToken());
        assertThat(tokens.get("refresh_token").asText()).startsWith("clio-refresh-");
        assertThat(tokens.get("expires_in").asInt()).isEqualTo(604800);
        assertThat(tokenCall(form).get("error").asText()).isEqualTo("invalid_grant");
    }

    /** The token endpoint's JSON answer, whatever its status. */
    private JsonNode tokenCall(String form) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        try {
            return read(new RestTemplate(new SimpleClientHttpRequestFactory()).exchange(CLIO.server().baseUrl() + "/oauth/token",
                    HttpMethod.POST, new HttpEntity<>(form, headers), String.class).getBody());
        } catch (HttpClientErrorException refused) {
            return read(refused.getResponseBodyAsString());
        }
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("Not JSON: " + body, e);
        }
    }
}
