package io.confirmloop.calendar;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.LoggedResponse;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.confirmloop.calendar.Connection.EwsAuth;
import io.confirmloop.calendar.ProviderFake.FakeEvent;
import io.confirmloop.calendar.ews.EwsAutodiscover;
import io.confirmloop.calendar.ews.EwsCalendar;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Exchange on-premises (EWS) against its fake: the behaviour every provider has, the seam's
 * contract, and what is Exchange's own: SOAP requests (server version, ChangeKey, no meeting mail),
 * CalendarView paging, SyncFolderItems and recurring series, cancelled and all-day events,
 * ErrorServerBusy, Autodiscover (POX with a redirect, SOAP, Exchange Online refused) and NTLM.
 */
class EwsCalendarIT extends ProviderBehaviourSuite {

    static final EwsFake FAKE = new EwsFake();

    @Autowired
    EwsCalendar ews;
    @Autowired
    EwsAutodiscover autodiscover;

    @Override
    protected ProviderFake fake() {
        return FAKE;
    }

    @Nested
    class Contract extends CalendarProviderContract {

        @Override
        protected CalendarProvider provider() {
            return ews;
        }

        @Override
        protected CalendarAccess emptyCalendar() {
            return access();
        }

        @Override
        protected int pageSize() {
            return ews.pageSize();
        }

        @Override
        protected boolean expireCursors() {
            FAKE.expireCursors();
            return true;
        }
    }

    private String connectWith(Map<String, Object> changes, String... without) {
        Map<String, Object> connection = new LinkedHashMap<>(FAKE.connection());
        connection.putAll(changes);
        List.of(without).forEach(connection::remove);
        Map<String, Object> body = new LinkedHashMap<>(Map.of("name", "Parkside Exchange", "provider", "ews", "timeZone", "America/Chicago",
                "notificationEmail", DESK, "updateDescriptions", true, "ownerEventsOnly", true));
        body.put("connection", connection);
        calendarId = post(OWNER, "/api/calendars", body).get("id").asText();
        return calendarId;
    }

    private List<LoggedRequest> ewsRequests(String operation) {
        List<ServeEvent> events = new ArrayList<>(FAKE.server().wireMock().getAllServeEvents());
        java.util.Collections.reverse(events);
        return events.stream().map(ServeEvent::getRequest)
                .filter(r -> path(r).equals("/EWS/Exchange.asmx") && r.getBodyAsString().contains("<m:" + operation))
                .toList();
    }

    private static String path(LoggedRequest request) {
        return request.getUrl().replaceFirst("\\?.*", "");
    }

    @Test
    void theStatusLineIsWrittenAgainstTheChangeKeyWithoutMeetingMail() {
        String id = FAKE.add(FakeEvent.of("Check-up +1 201-555-0180", TOMORROW, HALF_HOUR));
        sync();
        String version = ews.read(access(), id).orElseThrow().version();

        runDueJobs();

        List<LoggedRequest> updates = ewsRequests("UpdateItem");
        assertThat(updates).singleElement().satisfies(r -> {
            String body = r.getBodyAsString();
            assertThat(body).contains("ConflictResolution=\"NeverOverwrite\"", "SendMeetingInvitationsOrCancellations=\"SendToNone\"",
                    "ChangeKey=\"" + version + "\"", "<t:FieldURI FieldURI=\"item:Body\"/>", "<t:Body BodyType=\"Text\">[ConfirmLoop] ",
                    "<t:RequestServerVersion Version=\"Exchange2013_SP1\"/>");
            assertThat(r.getHeader("Content-Type")).startsWith("text/xml").containsIgnoringCase("charset=utf-8");
            assertThat(r.getHeader("Authorization")).startsWith("Basic ");
        });
        assertThat(FAKE.description(id)).startsWith("[ConfirmLoop] ").endsWith("Bring the referral letter");
    }

    @Test
    void theWindowIsPagedWithCalendarViewAndTheCursorIsTakenBeforeTheFirstPage() {
        for (int i = 0; i < 230; i++) {
            FAKE.add(FakeEvent.of("Slot " + i, TOMORROW.plus(Duration.ofMinutes(15L * (i / 3))), HALF_HOUR));
        }
        List<String> ids = new ArrayList<>();
        WindowPage page = ews.readWindow(access(), NOW, NOW.plus(Duration.ofDays(14)), null);
        List<String> syncsBeforeFirstFind = ewsRequests("SyncFolderItems").stream().map(LoggedRequest::getBodyAsString).toList();
        page.events().forEach(e -> ids.add(e.eventId()));
        while (!page.last()) {
            assertThat(page.cursor()).isNull();
            page = ews.readWindow(access(), NOW, NOW.plus(Duration.ofDays(14)), page.nextPageToken());
            page.events().forEach(e -> ids.add(e.eventId()));
        }

        assertThat(ids).hasSize(230).doesNotHaveDuplicates();
        assertThat(page.cursor()).startsWith("ews1.");
        assertThat(syncsBeforeFirstFind).singleElement().asString().doesNotContain("<m:SyncState>").contains("<m:MaxChangesReturned>512<");
        List<LoggedRequest> finds = ewsRequests("FindItem");
        assertThat(finds).hasSize(3);
        assertThat(finds.get(0).getBodyAsString()).contains("MaxEntriesReturned=\"100\"", "StartDate=\"2026-12-01T15:00:00Z\"",
                "EndDate=\"2026-12-15T15:00:00Z\"", "<t:DistinguishedFolderId Id=\"calendar\"/>");
        // the next page starts just before the last listed start and asks for the boundary's items again
        assertThat(finds.get(1).getBodyAsString()).doesNotContain("StartDate=\"2026-12-01T15:00:00Z\"").doesNotContain("MaxEntriesReturned=\"100\"");
        assertThat(ewsRequests("GetItem")).allSatisfy(r -> assertThat(r.getBodyAsString()).contains("<t:BodyType>Text</t:BodyType>",
                "calendar:LegacyFreeBusyStatus", "calendar:IsOrganizer", "calendar:StartTimeZone"));
    }

    @Test
    void aChangedSeriesIsReadFromTheWindowAndADeletedSeriesCancelsEveryOccurrence() {
        FAKE.addSeries(FakeEvent.of("Physio +1 201-555-0181", TOMORROW, HALF_HOUR), 3, Duration.ofDays(2));
        sync();
        List<JsonNode> before = appointments();
        assertThat(before).hasSize(3);
        String second = before.stream().filter(a -> Instant.parse(a.get("start").asText()).equals(TOMORROW.plus(Duration.ofDays(2))))
                .findFirst().orElseThrow().get("eventId").asText();

        FAKE.move(second, TOMORROW.plus(Duration.ofDays(2)).plus(Duration.ofHours(1)), TOMORROW.plus(Duration.ofDays(2)).plus(Duration.ofHours(1)).plus(HALF_HOUR));
        assertThat(sync().get("status").asText()).isEqualTo("SYNCED");
        assertThat(Instant.parse(appointment(second).get("start").asText())).isEqualTo(TOMORROW.plus(Duration.ofDays(2)).plus(Duration.ofHours(1)));

        FAKE.removeSeriesOf(second);
        assertThat(sync().get("status").asText()).isEqualTo("SYNCED");
        assertThat(appointments()).allSatisfy(a -> assertThat(a.get("status").asText()).isEqualTo("CANCELLED"));
    }

    @Test
    void aCancelledMeetingIsACancellationAndAllDayEventsAreLeftOut() {
        String meeting = FAKE.add(FakeEvent.of("Check-up +1 201-555-0182", TOMORROW, HALF_HOUR));
        FAKE.add(FakeEvent.of("Conference +1 201-555-0183", TOMORROW, Duration.ofDays(1)), item -> item.allDay = true);
        sync();
        assertThat(appointments()).extracting(a -> a.get("eventId").asText()).containsExactly(meeting);

        FAKE.cancel(meeting);
        assertThat(sync().get("status").asText()).isEqualTo("SYNCED");

        assertThat(appointment(meeting).get("status").asText()).isEqualTo("CANCELLED");
        assertThat(ews.readWindow(access(), NOW, NOW.plus(Duration.ofDays(14)), null).events()).isEmpty();
        assertThat(ews.read(access(), meeting)).isEmpty();
    }

    @Test
    void aBusyServerIsUnavailableForItsBackOffAndA429ForItsRetryAfter() {
        FAKE.throttle(45_000);
        assertThatThrownBy(() -> ews.read(access(), "AAMkAGI2TG93bm9uZQ=="))
                .isInstanceOfSatisfying(CalendarProviderException.Unavailable.class, e -> {
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(45));
                    assertThat(e.getMessage()).contains("ErrorServerBusy");
                });
        FAKE.clearFaults();

        FAKE.failWith(429, "120");
        assertThatThrownBy(() -> ews.readWindow(access(), NOW, NOW.plus(Duration.ofDays(1)), null))
                .isInstanceOfSatisfying(CalendarProviderException.Unavailable.class, e -> {
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(120));
                    assertThat(e.getMessage()).contains("429");
                });
    }

    @Test
    void aWrongPasswordIsUnauthorizedAndNoMessageShowsIt() {
        FAKE.revokeGrant();
        assertThatThrownBy(() -> ews.read(access(), "AAMkAGI2TG93bm9uZQ=="))
                .isInstanceOf(CalendarProviderException.Unauthorized.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(EwsFake.PASSWORD).containsIgnoringCase("reconnect"));
        assertThatThrownBy(() -> autodiscover.discover(EwsFake.EMAIL, EwsFake.USERNAME, new Secret(EwsFake.PASSWORD), EwsAuth.BASIC))
                .isInstanceOf(CalendarProviderException.Unauthorized.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(EwsFake.PASSWORD));
    }

    @Test
    void anInvalidSyncStateIsAnExpiredCursor() {
        FAKE.add(FakeEvent.of("Check-up", TOMORROW, HALF_HOUR));
        WindowPage page = ews.readWindow(access(), NOW, NOW.plus(Duration.ofDays(14)), null);
        FAKE.expireCursors();

        assertThatThrownBy(() -> ews.changesSince(access(), page.cursor(), null)).isInstanceOf(CalendarProviderException.CursorExpired.class);
        assertThat(ewsRequests("SyncFolderItems")).last().satisfies(r -> assertThat(r.getBodyAsString()).contains("<m:SyncState>"));
        assertThat(FAKE.server().wireMock().getAllServeEvents()).extracting(ServeEvent::getResponse).extracting(LoggedResponse::getBodyAsString)
                .anySatisfy(b -> assertThat(b).contains("ResponseClass=\"Error\"", "<m:ResponseCode>ErrorInvalidSyncStateData</m:ResponseCode>"));
    }

    @Test
    void aCalendarWithoutServerUrlIsFoundByAutodiscoverFollowingARedirectAddr() {
        connectWith(Map.of("email", EwsFake.OLD_EMAIL), "serverUrl");
        String id = FAKE.add(FakeEvent.of("Check-up +1 201-555-0184", TOMORROW, HALF_HOUR));

        assertThat(sync().get("status").asText()).isEqualTo("SYNCED");

        assertThat(appointment(id).get("status").asText()).isEqualTo("ACTIVE");
        List<String> asked = FAKE.server().wireMock().getAllServeEvents().stream().map(ServeEvent::getRequest)
                .filter(r -> path(r).equals("/autodiscover/autodiscover.xml")).map(LoggedRequest::getBodyAsString).toList();
        assertThat(asked).as("requests to %s", FAKE.server().wireMock().getAllServeEvents().stream().map(e -> e.getRequest().getUrl()).toList()).hasSize(2).anySatisfy(b -> assertThat(b).contains("<EMailAddress>" + EwsFake.OLD_EMAIL + "</EMailAddress>"))
                .anySatisfy(b -> assertThat(b).contains("<EMailAddress>" + EwsFake.EMAIL + "</EMailAddress>"));
    }

    @Test
    void autodiscoverFallsBackToSoapAndRefusesExchangeOnline() {
        FAKE.server().wireMock().stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlPathEqualTo("/autodiscover/autodiscover.xml")).atPriority(5)
                .willReturn(aResponse().withStatus(404)));
        assertThat(autodiscover.discover(EwsFake.EMAIL, EwsFake.USERNAME, new Secret(EwsFake.PASSWORD), EwsAuth.BASIC))
                .isEqualTo(FAKE.ewsUrl());
        FAKE.server().reset();

        assertThatThrownBy(() -> autodiscover.discover(EwsFake.CLOUD_EMAIL, EwsFake.USERNAME, new Secret(EwsFake.PASSWORD), EwsAuth.BASIC))
                .isInstanceOf(CalendarProviderException.Rejected.class).hasMessageContaining("Microsoft 365");
        assertThatThrownBy(() -> autodiscover.discover("pat@nowhere.example", EwsFake.USERNAME, new Secret(EwsFake.PASSWORD), EwsAuth.BASIC))
                .isInstanceOf(CalendarProviderException.Rejected.class).hasMessageContaining("server URL");
    }

    @Test
    void anHttpRedirectFromTheAutodiscoverEndpointIsFollowedAndTheServerItNamesIsUsed() {
        String moved = FAKE.server().baseUrl().replace("//localhost:", "//127.0.0.1:") + "/autodiscover/autodiscover.xml";
        FAKE.server().wireMock().stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlPathEqualTo("/autodiscover/autodiscover.xml"))
                .withHost(com.github.tomakehurst.wiremock.client.WireMock.equalTo("localhost")).atPriority(5)
                .willReturn(aResponse().withStatus(302).withHeader("Location", moved)));
        connectWith(Map.of("email", EwsFake.EMAIL), "serverUrl");
        String id = FAKE.add(FakeEvent.of("Check-up +1 201-555-0186", TOMORROW, HALF_HOUR));

        assertThat(sync().get("status").asText()).isEqualTo("SYNCED");

        assertThat(appointment(id).get("status").asText()).isEqualTo("ACTIVE");
        List<ServeEvent> asked = new ArrayList<>(FAKE.server().wireMock().getAllServeEvents().stream()
                .filter(e -> path(e.getRequest()).startsWith("/autodiscover/")).toList());
        java.util.Collections.reverse(asked);
        assertThat(asked).extracting(e -> e.getRequest().getHost() + " " + path(e.getRequest()) + " " + e.getResponse().getStatus())
                .containsExactly("localhost /autodiscover/autodiscover.xml 302", "127.0.0.1 /autodiscover/autodiscover.xml 200");
        assertThat(asked).allSatisfy(e -> assertThat(e.getRequest().getBodyAsString()).contains("<EMailAddress>" + EwsFake.EMAIL + "</EMailAddress>"));
        assertThat(asked.get(1).getResponse().getBodyAsString()).contains("<EwsUrl>" + FAKE.ewsUrl() + "</EwsUrl>");
        assertThat(ewsRequests("FindItem")).isNotEmpty();
    }

    @Test
    void aCalendarSigningInWithNtlmNegotiatesOnTheConnection() {
        connectWith(Map.of("authType", "ntlm", "username", EwsFake.NTLM_USERNAME));
        String id = FAKE.add(FakeEvent.of("Check-up +1 201-555-0185", TOMORROW, HALF_HOUR));

        assertThat(sync().get("status").asText()).isEqualTo("SYNCED");
        runDueJobs();

        assertThat(appointment(id).get("status").asText()).isEqualTo("ACTIVE");
        assertThat(FAKE.description(id)).startsWith("[ConfirmLoop] ");
        List<String> authorizations = FAKE.server().wireMock().getAllServeEvents().stream().map(e -> e.getRequest().getHeader("Authorization"))
                .toList();
        assertThat(authorizations).noneMatch(a -> a != null && a.startsWith("Basic"));
        assertThat(authorizations).anyMatch(a -> a != null && EwsFakeNtlm.type(a) == 1);
        assertThat(authorizations).filteredOn(a -> a != null && EwsFakeNtlm.type(a) == 3)
                .isNotEmpty().allSatisfy(a -> assertThat(EwsFakeNtlm.user(a)).isEqualTo(EwsFake.NTLM_USERNAME));
    }

    @Test
    void theAccountListsTheDefaultCalendarFirst() {
        List<ProviderCalendar> calendars = ews.listCalendars(access().connection());

        assertThat(calendars).extracting(ProviderCalendar::id).first().isEqualTo("calendar");
        assertThat(calendars).extracting(ProviderCalendar::name).containsExactly("Calendar", "Team rota");
    }
}
