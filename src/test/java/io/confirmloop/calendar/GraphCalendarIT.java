package io.confirmloop.calendar;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.confirmloop.calendar.ProviderFake.FakeEvent;
import io.confirmloop.calendar.graph.GraphCalendar;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Microsoft 365 through Microsoft Graph, against {@link GraphFake}: the owner-visible behaviour
 * every provider shows, the seam's contract, and what is Graph's own — the headers and paging of
 * our requests, etags as If-Match, delta tokens, its error formats, token refresh.
 */
class GraphCalendarIT extends ProviderBehaviourSuite {

    private static final Instant FROM = Instant.parse("2026-12-01T00:00:00Z");
    private static final Instant TO = FROM.plus(Duration.ofDays(14));

    private final GraphFake graph = new GraphFake();

    @Autowired
    GraphCalendar adapter;

    @Override
    protected ProviderFake fake() {
        return graph;
    }

    @Nested
    class Contract extends CalendarProviderContract {
        @Override
        protected CalendarProvider provider() {
            return adapter;
        }

        @Override
        protected CalendarAccess emptyCalendar() {
            return access();
        }

        @Override
        protected int pageSize() {
            return adapter.pageSize();
        }

        @Override
        protected boolean expireCursors() {
            graph.expireCursors();
            return true;
        }
    }

    private WindowPage lastPage(CalendarAccess access) {
        WindowPage page = adapter.readWindow(access, FROM, TO, null);
        while (!page.last()) {
            page = adapter.readWindow(access, FROM, TO, page.nextPageToken());
        }
        return page;
    }

    private List<LoggedRequest> requests(String pathRegex) {
        return graph.server().wireMock().findAll(anyRequestedFor(urlPathMatching(pathRegex)));
    }

    @Test
    void aWindowIsTheFirstDeltaRoundInUtcWithTextBodiesPagedAndSignedIn() {
        for (int i = 0; i <= adapter.pageSize(); i++) {
            graph.add(FakeEvent.of("Visit " + i, TOMORROW.plus(Duration.ofMinutes(30L * i)), HALF_HOUR));
        }
        CalendarAccess access = access();

        WindowPage first = adapter.readWindow(access, FROM, TO, null);
        WindowPage second = adapter.readWindow(access, FROM, TO, first.nextPageToken());

        assertThat(first.events()).hasSize(adapter.pageSize());
        assertThat(first.cursor()).isNull();
        assertThat(second.events()).hasSize(1);
        assertThat(second.last()).isTrue();
        assertThat(second.cursor()).contains("/calendarView/delta?$deltatoken=");
        List<LoggedRequest> sent = requests("/v1.0/me/calendars/.*/calendarView/delta");
        assertThat(sent).hasSize(2).allSatisfy(r -> {
            assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + graph.accessToken());
            assertThat(r.getHeader("Prefer")).contains("outlook.timezone=\"UTC\"", "outlook.body-content-type=\"text\"",
                    "odata.maxpagesize=" + adapter.pageSize());
            assertThat(r.getHeader("Accept")).isEqualTo("application/json");
        });
        assertThat(sent.get(0).getUrl()).contains("/me/calendars/" + graph.defaultCalendarId().replace("=", "%3D") + "/calendarView/delta")
                .contains("startDateTime=" + FROM, "endDateTime=" + TO);
        assertThat(sent.get(1).getUrl()).contains("$skiptoken=").doesNotContain("startDateTime");
    }

    @Test
    void aDescriptionIsWrittenAsTextWithTheEtagAsIfMatch() throws Exception {
        String id = graph.add(FakeEvent.of("Check-up", TOMORROW, HALF_HOUR));
        CalendarAccess access = access();
        ProviderEvent event = adapter.read(access, id).orElseThrow();
        assertThat(event.version()).isEqualTo(graph.etag(id)).startsWith("W/\"");

        ProviderEvent written = adapter.updateDescription(access, id, event.version(), "[ConfirmLoop] +1 201-555-0101: reminded\nBring it");

        LoggedRequest patch = graph.server().wireMock().findAll(patchRequestedFor(urlPathMatching("/v1.0/me/events/.*"))).get(0);
        assertThat(patch.getHeader("If-Match")).isEqualTo(event.version());
        JsonNode body = json.readTree(patch.getBodyAsString());
        assertThat(body.path("body").path("contentType").asText()).isEqualTo("text");
        assertThat(body.path("body").path("content").asText()).isEqualTo("[ConfirmLoop] +1 201-555-0101: reminded\nBring it");
        assertThat(body.size()).isEqualTo(1);
        assertThat(written.version()).isEqualTo(graph.etag(id)).isNotEqualTo(event.version());
        assertThat(graph.description(id)).isEqualTo("[ConfirmLoop] +1 201-555-0101: reminded\nBring it");
    }

    @Test
    void aChangedEventIsAVersionConflictAndGraphsErrorIsKept() {
        String id = graph.add(FakeEvent.of("Check-up", TOMORROW, HALF_HOUR));
        CalendarAccess access = access();
        String version = adapter.read(access, id).orElseThrow().version();
        graph.move(id, TOMORROW.plus(Duration.ofHours(1)), TOMORROW.plus(Duration.ofHours(2)));

        assertThatThrownBy(() -> adapter.updateDescription(access, id, version, "new text"))
                .isInstanceOf(CalendarProviderException.VersionConflict.class).hasMessageContaining("412")
                .hasMessageContaining("ErrorIrresolvableConflict");
        assertThat(graph.description(id)).isEqualTo("Bring the referral letter");
    }

    @Test
    void throttlingIsUnavailableWithTheRetryAfterAndNoCredential() {
        graph.failWith(429, "120");

        assertThatThrownBy(() -> adapter.readWindow(access(), FROM, TO, null))
                .isInstanceOfSatisfying(CalendarProviderException.Unavailable.class, e -> {
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(120));
                    assertThat(e.getMessage()).contains("429").contains("TooManyRequests").doesNotContain(graph.accessToken());
                });
    }

    @Test
    void anExpiredAccessTokenIsRefreshedOnceAndTheCallMadeAgain() {
        String id = graph.add(FakeEvent.of("Check-up", TOMORROW, HALF_HOUR));
        String old = graph.accessToken();
        graph.expireAccessToken();

        assertThat(adapter.read(access(), id)).isPresent();

        List<LoggedRequest> token = graph.server().wireMock().findAll(postRequestedFor(urlPathEqualTo(GraphFake.TOKEN_PATH)));
        assertThat(token).singleElement().satisfies(r -> assertThat(r.getBodyAsString()).contains("grant_type=refresh_token"));
        List<LoggedRequest> reads = requests("/v1.0/me/events/.*");
        assertThat(reads).extracting(r -> r.getHeader("Authorization")).containsExactly("Bearer " + old, "Bearer " + graph.accessToken());
        assertThat(reads.get(1).getUrl()).contains("$select=").contains("showAs").contains("isOrganizer").contains("seriesMasterId");
    }

    @Test
    void aRevokedGrantIsUnauthorized() {
        graph.revokeGrant();

        assertThatThrownBy(() -> adapter.readWindow(access(), FROM, TO, null)).isInstanceOf(CalendarProviderException.Unauthorized.class)
                .hasMessageContaining("reconnect");
    }

    @Test
    void aDeltaTokenGraphNoLongerKnowsIsAnExpiredCursorWhether410Or400() {
        graph.add(FakeEvent.of("Check-up", TOMORROW, HALF_HOUR));
        CalendarAccess access = access();
        String cursor = lastPage(access).cursor();
        graph.expireCursors();

        assertThatThrownBy(() -> adapter.changesSince(access, cursor, null)).isInstanceOf(CalendarProviderException.CursorExpired.class);

        String fresh = lastPage(access).cursor();
        graph.server().wireMock().stubFor(WireMock.get(urlPathMatching("/v1.0/me/calendars/.*/calendarView/delta")).atPriority(1)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody(GraphFakeApi.error("syncStateNotFound", "The sync state generation is not found."))));
        assertThatThrownBy(() -> adapter.changesSince(access, fresh, null)).isInstanceOf(CalendarProviderException.CursorExpired.class);
    }

    @Test
    void cancelledAndAllDayEventsAreNoAppointmentsAndACancellationIsARemoval() {
        String kept = graph.add(FakeEvent.of("Check-up", TOMORROW, HALF_HOUR));
        String meeting = graph.add(FakeEvent.of("Board", TOMORROW.plus(Duration.ofHours(1)), HALF_HOUR).invited());
        graph.addAllDay("Conference +1 201-555-0101", LocalDate.of(2026, 12, 4), ZoneId.of("America/Chicago"));
        String cancelledBefore = graph.add(FakeEvent.of("Lunch", TOMORROW.plus(Duration.ofHours(2)), HALF_HOUR).invited());
        graph.cancel(cancelledBefore);
        CalendarAccess access = access();

        WindowPage page = lastPage(access);
        assertThat(adapter.readWindow(access, FROM, TO, null).events()).extracting(ProviderEvent::eventId).containsExactly(kept, meeting);
        assertThat(adapter.read(access, cancelledBefore)).isEmpty();

        graph.cancel(meeting);
        ChangePage changes = adapter.changesSince(access, page.cursor(), null).orElseThrow();
        assertThat(changes.changed()).isEmpty();
        assertThat(changes.removed()).containsExactly(meeting);
    }

    @Test
    void occurrencesOfASeriesCarryTheirSeriesAndTheMasterIsNeverListed() {
        String series = graph.addSeries(FakeEvent.of("Physio", TOMORROW, HALF_HOUR), 3, Duration.ofDays(2));
        CalendarAccess access = access();

        List<ProviderEvent> events = adapter.readWindow(access, FROM, TO, null).events();

        assertThat(events).hasSize(3).allSatisfy(e -> assertThat(e.seriesId()).isEqualTo(series))
                .extracting(ProviderEvent::start).containsExactly(TOMORROW, TOMORROW.plus(Duration.ofDays(2)), TOMORROW.plus(Duration.ofDays(4)));
        assertThat(events).extracting(ProviderEvent::eventId).doesNotHaveDuplicates().doesNotContain(series);
        assertThat(adapter.read(access, series)).isEmpty();
    }

    @Test
    void aPageLinkOrCursorIsOnlyEverSentToTheConfiguredGraph() {
        CalendarAccess access = access();
        String foreign = "https://graph.example.net/v1.0/me/calendars/" + graph.defaultCalendarId() + "/calendarView/delta?$skiptoken=abc";

        assertThatThrownBy(() -> adapter.readWindow(access, FROM, TO, foreign)).isInstanceOf(CalendarProviderException.CursorExpired.class);
        assertThat(requests("/v1.0/me/calendars/.*/calendarView/delta")).singleElement()
                .satisfies(r -> assertThat(r.getAbsoluteUrl()).startsWith(graph.server().baseUrl() + "/v1.0/me/calendars/"));

        assertThatThrownBy(() -> adapter.changesSince(access, "https://graph.example.net/other/place", null))
                .isInstanceOf(CalendarProviderException.Rejected.class);
    }

    @Test
    void theCalendarsOfTheAccountAreReadPageByPage() {
        for (int i = 0; i < 10; i++) {
            graph.addCalendar("Room " + i, i % 2 == 0);
        }

        List<ProviderCalendar> calendars = adapter.listCalendars(access().connection());

        assertThat(calendars).hasSize(12);
        assertThat(calendars.get(0)).satisfies(c -> {
            assertThat(c.id()).isEqualTo(graph.defaultCalendarId());
            assertThat(c.name()).isEqualTo("Calendar");
            assertThat(c.primary()).isTrue();
            assertThat(c.canWrite()).isTrue();
        });
        assertThat(calendars).filteredOn(c -> c.name().equals("United States holidays")).singleElement()
                .satisfies(c -> assertThat(c.canWrite()).isFalse());
        assertThat(requests("/v1.0/me/calendars")).hasSize(2).last().satisfies(r -> assertThat(r.getUrl()).contains("$skip=10"));
    }

    @Test
    void aCreatedEventIsWrittenInUtcIntoTheChosenCalendar() throws Exception {
        CalendarAccess access = access();
        ProviderEvent created = adapter.create(access, new NewEvent("Booked +1 201-555-0102", "Booked online", "Room 1", TOMORROW,
                TOMORROW.plus(HALF_HOUR), ZoneId.of("America/Chicago")));

        LoggedRequest post = graph.server().wireMock().findAll(postRequestedFor(urlPathMatching("/v1.0/me/calendars/.*/events"))).get(0);
        JsonNode body = json.readTree(post.getBodyAsString());
        assertThat(body.path("start").path("dateTime").asText()).isEqualTo("2026-12-02T15:00:00");
        assertThat(body.path("start").path("timeZone").asText()).isEqualTo("UTC");
        assertThat(body.path("body").path("contentType").asText()).isEqualTo("text");
        assertThat(created.location()).isEqualTo("Room 1");
        assertThat(created.organizedByOwner()).isTrue();
        assertThat(Optional.of(created)).isEqualTo(adapter.read(access, created.eventId()));
    }
}
