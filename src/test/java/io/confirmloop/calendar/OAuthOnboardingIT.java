package io.confirmloop.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.confirmloop.calendar.ProviderFake.FakeEvent;
import io.confirmloop.support.AbstractIT;
import io.confirmloop.support.ProviderServers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * "Connect a calendar" end to end for a provider that signs in with OAuth (Microsoft 365, against
 * its fake): the start form's variables, the sign-in task with its consent link, the provider's
 * callback moving the task on, the account's calendars to choose from, the next five days shown
 * in the zone the owner types, and the calendar active and read; the same for Clio, in the region
 * the owner picks on the start form. An unfinished one is discarded.
 */
class OAuthOnboardingIT extends AbstractIT {

    private static final String OWNER = "nora";
    private static final Instant NOW = Instant.parse("2026-12-01T15:00:00Z");
    private final GraphFake microsoft = new GraphFake();
    private final ClioFake clio = new ClioFake();

    @BeforeEach
    void setUp() {
        setClock(NOW);
        microsoft.reset();
        clio.reset();
        owner(OWNER, "clinicN");
    }

    private JsonNode openTask(String pi) {
        JsonNode tasks = engine(OWNER, HttpMethod.GET, "/task?processInstanceId=" + pi, null);
        assertThat(tasks).hasSize(1);
        return tasks.get(0);
    }

    private JsonNode form(JsonNode task) {
        return engine(OWNER, HttpMethod.GET, "/task/" + task.get("id").asText() + "/form-variables?deserializeValues=false", null);
    }

    private void complete(JsonNode task, Object... pairs) {
        engine(OWNER, HttpMethod.POST, "/task/" + task.get("id").asText() + "/submit-form", formVariables(pairs));
        runDueJobs();
    }

    private static Map<String, String> query(String url) {
        return Arrays.stream(URI.create(url).getRawQuery().split("&")).map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
    }

    private String startOnboarding() {
        return engine(OWNER, HttpMethod.POST, "/process-definition/key/calendar-onboarding/submit-form", formVariables("provider", "graph",
                "calendarName", "Dr. North", "notificationEmail", "north@clinic.example")).get("id").asText();
    }

    @Test
    void anOwnerConnectsAMicrosoft365Calendar() {
        String pi = startOnboarding();
        JsonNode signIn = openTask(pi);
        assertThat(signIn.get("name").asText()).isEqualTo("Sign in to Microsoft 365 for Dr. North");
        JsonNode signInForm = form(signIn);
        String calendarId = signInForm.get("calendarId").get("value").asText();
        String signInUrl = signInForm.get("signInUrl").get("value").asText();
        assertThat(signInUrl).endsWith("/api/calendars/" + calendarId + "/sign-in");
        assertThat(signInForm.get("signInHint").get("value").asText()).contains("Microsoft");
        assertThat(get(OWNER, "/api/calendars/" + calendarId).get("connectionState").asText()).isEqualTo("CONNECTING");

        // the owner follows the link: our sign-in answers with Microsoft's consent page, Microsoft sends the browser back
        String consent = get(OWNER, "/api/calendars/" + calendarId + "/sign-in").get("url").asText();
        Map<String, String> q = query(consent);
        assertThat(q.get("scope")).contains("Calendars.ReadWrite").contains("offline_access");
        microsoft.issueCode("M.C507_BAY.2.U.code", q.get("code_challenge"));
        microsoft.addCalendar("Birthdays", false);
        microsoft.add(FakeEvent.of("Check-up +1 201-555-0177", Instant.parse("2026-12-02T15:00:00Z"), Duration.ofMinutes(30)));
        ResponseEntity<String> back = rest.getForEntity("/oauth/callback?state=" + q.get("state") + "&code=M.C507_BAY.2.U.code", String.class);
        assertThat(back.getStatusCode().value()).as(back.getBody()).isEqualTo(200);
        runDueJobs();

        JsonNode choose = openTask(pi);
        assertThat(choose.get("name").asText()).isEqualTo("Choose the calendar for Dr. North");
        String choices = form(choose).get("calendarChoices").get("value").asText();
        assertThat(choices).contains("(main calendar)").contains("Birthdays (read only)");
        complete(choose, "providerCalendarId", microsoft.defaultCalendarId());

        JsonNode confirm = openTask(pi);
        assertThat(confirm.get("name").asText()).isEqualTo("Confirm the time zone of Dr. North");
        complete(confirm, "timeZone", "America/Chicago", "timeZoneAction", "REFRESH");
        JsonNode shown = openTask(pi);
        assertThat(form(shown).get("previewText").get("value").asText()).contains("Wed 2 Dec 2026 09:00").contains("Check-up")
                .contains("+12015550177");
        complete(shown, "timeZone", "America/Chicago", "timeZoneAction", "CONFIRM");

        assertThat(engine(OWNER, HttpMethod.GET, "/task?processInstanceId=" + pi, null)).isEmpty();
        JsonNode calendar = get(OWNER, "/api/calendars/" + calendarId);
        assertThat(calendar.get("active").asBoolean()).isTrue();
        assertThat(calendar.get("connectionState").asText()).isEqualTo("CONNECTED");
        assertThat(calendar.get("timeZone").asText()).isEqualTo("America/Chicago");
        assertThat(calendar.get("connection").get("calendarId").asText()).isEqualTo(microsoft.defaultCalendarId());
        assertThat(calendar.get("lastSyncedAt").isNull()).as("read at once").isFalse();
        queues.drainAll();
        assertThat(get(OWNER, "/api/appointments?calendarId=" + calendarId + "&from=2026-12-01T00:00:00Z&to=2026-12-31T00:00:00Z"))
                .singleElement().satisfies(a -> assertThat(a.get("title").asText()).contains("Check-up"));
    }

    @Test
    void anOwnerConnectsAClioCalendarInTheRegionPickedOnTheStartForm() {
        String pi = engine(OWNER, HttpMethod.POST, "/process-definition/key/calendar-onboarding/submit-form", formVariables("provider", "clio",
                "clioRegion", "eu", "calendarName", "Hale Law", "notificationEmail", "desk@halelaw.example")).get("id").asText();
        JsonNode signIn = openTask(pi);
        assertThat(signIn.get("name").asText()).isEqualTo("Sign in to Clio for Hale Law");
        JsonNode signInForm = form(signIn);
        String calendarId = signInForm.get("calendarId").get("value").asText();
        String signInUrl = signInForm.get("signInUrl").get("value").asText();
        assertThat(signInUrl).endsWith("/api/calendars/" + calendarId + "/sign-in?region=eu");
        JsonNode connecting = get(OWNER, "/api/calendars/" + calendarId);
        assertThat(connecting.get("provider").asText()).isEqualToIgnoringCase("clio");
        assertThat(connecting.get("connectionState").asText()).isEqualTo("CONNECTING");

        // the owner follows the link as the task gives it, region included; Clio sends the browser back
        URI link = URI.create(signInUrl);
        String consent = get(OWNER, link.getRawPath() + "?" + link.getRawQuery()).get("url").asText();
        assertThat(consent).startsWith(ProviderServers.CLIO.baseUrl() + "/oauth/authorize?");
        Map<String, String> q = query(consent);
        assertThat(q).containsEntry("response_type", "code").containsEntry("client_id", ProviderServers.CLIENT_ID).containsKey("state");
        assertThat(q.get("redirect_uri")).endsWith("/oauth/callback");
        clio.issueCode("clio-consent-code-7");
        clio.add(FakeEvent.of("Deposition prep +1 201-555-0178", Instant.parse("2026-12-02T16:00:00Z"), Duration.ofMinutes(45)));
        ResponseEntity<String> back = rest.getForEntity("/oauth/callback?state=" + q.get("state") + "&code=clio-consent-code-7", String.class);
        assertThat(back.getStatusCode().value()).as(back.getBody()).isEqualTo(200);
        assertThat(ProviderServers.CLIO.wireMock().getAllServeEvents()).anySatisfy(e -> {
            assertThat(e.getRequest().getUrl()).isEqualTo("/oauth/token");
            assertThat(e.getRequest().getBodyAsString()).contains("grant_type=authorization_code", "code=clio-consent-code-7");
            assertThat(e.getResponse().getStatus()).isEqualTo(200);
        });
        runDueJobs();

        JsonNode choose = openTask(pi);
        assertThat(choose.get("name").asText()).isEqualTo("Choose the calendar for Hale Law");
        String choices = form(choose).get("calendarChoices").get("value").asText();
        assertThat(choices).contains("Pat Owner").contains(ClioFake.COLLEAGUE_CALENDAR).contains(ClioFake.COURT_CALENDAR);
        complete(choose, "providerCalendarId", ClioFake.OWNER_CALENDAR);

        JsonNode confirm = openTask(pi);
        assertThat(confirm.get("name").asText()).isEqualTo("Confirm the time zone of Hale Law");
        complete(confirm, "timeZone", "America/Chicago", "timeZoneAction", "REFRESH");
        JsonNode shown = openTask(pi);
        assertThat(form(shown).get("previewText").get("value").asText()).contains("Wed 2 Dec 2026 10:00").contains("Deposition prep")
                .contains("+12015550178");
        complete(shown, "timeZone", "America/Chicago", "timeZoneAction", "CONFIRM");

        assertThat(engine(OWNER, HttpMethod.GET, "/task?processInstanceId=" + pi, null)).isEmpty();
        JsonNode calendar = get(OWNER, "/api/calendars/" + calendarId);
        assertThat(calendar.get("provider").asText()).as(calendar.toString()).isEqualToIgnoringCase("clio");
        assertThat(calendar.get("name").asText()).isEqualTo("Hale Law");
        assertThat(calendar.get("active").asBoolean()).isTrue();
        assertThat(calendar.get("connectionState").asText()).isEqualTo("CONNECTED");
        assertThat(calendar.get("timeZone").asText()).isEqualTo("America/Chicago");
        assertThat(calendar.get("connection").get("calendarId").asText()).isEqualTo(ClioFake.OWNER_CALENDAR);
        assertThat(calendar.get("connection").get("region").asText()).isEqualTo("eu");
        assertThat(calendar.get("connection").get("refreshTokenSet").asBoolean()).isTrue();
        assertThat(calendar.get("lastSyncedAt").isNull()).as("read at once").isFalse();
        queues.drainAll();
        assertThat(get(OWNER, "/api/appointments?calendarId=" + calendarId + "&from=2026-12-01T00:00:00Z&to=2026-12-31T00:00:00Z"))
                .singleElement().satisfies(a -> {
                    assertThat(a.get("title").asText()).contains("Deposition prep");
                    assertThat(java.time.OffsetDateTime.parse(a.get("start").asText()).toInstant()).isEqualTo("2026-12-02T16:00:00Z");
                });
        assertThat(ProviderServers.CLIO.wireMock().getAllServeEvents()).anySatisfy(e -> {
            assertThat(e.getRequest().getUrl()).startsWith("/api/v4/calendar_entries.json").contains("calendar_id=" + ClioFake.OWNER_CALENDAR);
            assertThat(e.getRequest().getHeader("Authorization")).isEqualTo("Bearer " + clio.accessToken());
        });
    }

    @Test
    void anOnboardingLeftAtTheSignInIsDiscardedAfter14Days() {
        String pi = startOnboarding();
        String calendarId = form(openTask(pi)).get("calendarId").get("value").asText();

        setClock(NOW.plus(Duration.ofDays(15)));
        runDueJobs();

        assertThat(engine(OWNER, HttpMethod.GET, "/task?processInstanceId=" + pi, null)).isEmpty();
        assertThat(call(OWNER, HttpMethod.GET, "/api/calendars/" + calendarId, null).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void aSignInThatDoesNotWorkComesBackToTheSignInTaskWithTheReason() {
        String pi = startOnboarding();
        JsonNode signIn = openTask(pi);

        complete(signIn);

        JsonNode again = openTask(pi);
        assertThat(again.get("name").asText()).startsWith("Sign in to Microsoft 365");
        assertThat(form(again).get("signInProblem").get("value").asText()).contains("Sign in to the calendar's provider first");
    }
}
