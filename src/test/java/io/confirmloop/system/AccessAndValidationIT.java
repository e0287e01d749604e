package io.confirmloop.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.confirmloop.support.AbstractIT;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** Accounts see only their own calendars, appointments and logs; bad input gets a clear JSON error. */
class AccessAndValidationIT extends AbstractIT {

    @Autowired
    TaskService tasks;
    @Autowired
    FilterService filters;

    private static final Instant NOW = Instant.parse("2026-12-01T15:00:00Z");
    private static final Instant START = Instant.parse("2026-12-02T15:00:00Z");

    @BeforeEach
    void setUp() {
        setClock(NOW);
        owner("olivia", "clinicO");
        owner("bruno", "salonB");
    }

    @Test
    void ownersSeeOnlyTheirOwnAccount() {
        String oliviaCalendar = calendar("olivia", "Olivia's clinic");
        String brunoCalendar = calendar("bruno", "Bruno's salon");
        String eventId = event("olivia", oliviaCalendar, "Check-up 201-555-0120", START, START.plus(Duration.ofMinutes(30)));
        runDueJobs();
        String appointmentId = appointmentOfEvent("olivia", oliviaCalendar, eventId).get("id").asText();

        assertThat(stream(get("bruno", "/api/calendars")).map(c -> c.get("id").asText())).contains(brunoCalendar).doesNotContain(oliviaCalendar);
        assertThat(stream(get("bruno", "/api/appointments")).map(a -> a.get("id").asText())).doesNotContain(appointmentId);
        expectError(call("bruno", HttpMethod.GET, "/api/calendars/" + oliviaCalendar, null), HttpStatus.NOT_FOUND, "NOT_FOUND");
        expectError(call("bruno", HttpMethod.GET, "/api/appointments/" + appointmentId, null), HttpStatus.NOT_FOUND, "NOT_FOUND");
        expectError(call("bruno", HttpMethod.GET, "/api/appointments/" + appointmentId + "/log", null), HttpStatus.NOT_FOUND, "NOT_FOUND");
        expectError(call("bruno", HttpMethod.GET, "/api/clients/+12015550120/log", null), HttpStatus.NOT_FOUND, "NOT_FOUND");
        expectError(call("bruno", HttpMethod.DELETE, "/api/calendars/" + oliviaCalendar, null), HttpStatus.NOT_FOUND, "NOT_FOUND");
        expectError(call("bruno", HttpMethod.POST, "/api/calendars/" + oliviaCalendar + "/events",
                Map.of("title", "x", "start", START.toString(), "end", START.plusSeconds(60).toString())), HttpStatus.NOT_FOUND, "NOT_FOUND");
        expectError(call("bruno", HttpMethod.POST, "/api/calendars", calendarBody(Map.of("ownerGroup", "clinicO"))),
                HttpStatus.BAD_REQUEST, "INVALID_OWNER_GROUP");

        assertThat(get("olivia", "/api/appointments/" + appointmentId).get("title").asText()).isEqualTo("Check-up 201-555-0120");
        assertThat(get("olivia", "/api/clients/+12015550120/log").get("messages")).hasSize(1);

        // Tasklist: a declined appointment's follow-up task is Olivia's account's, and only theirs
        reply("olivia", "+12015550120", "NO");
        runDueJobs();
        assertThat(visibleTasks("olivia", "clinicO")).containsExactly(appointmentId);
        assertThat(visibleTasks("bruno", "salonB")).isEmpty();
        try {
            identity.setAuthentication("olivia", List.of("clinicO"));
            assertThat(filters.createFilterQuery().filterName("All tasks").count()).as("Tasklist shows owners a task filter").isOne();
        } finally {
            identity.clearAuthentication();
        }
    }

    /** What Tasklist lists for the user: Camunda's task query under the user's authorizations. */
    private List<String> visibleTasks(String user, String group) {
        List<String> instances;
        try {
            identity.setAuthentication(user, List.of(group));
            instances = tasks.createTaskQuery().list().stream().map(t -> t.getProcessInstanceId()).toList();
        } finally {
            identity.clearAuthentication();
        }
        return instances.stream()
                .map(id -> runtime.createProcessInstanceQuery().processInstanceId(id).singleResult().getBusinessKey())
                .toList();
    }

    @Test
    void apiNeedsAValidCamundaUser() {
        ResponseEntity<String> anonymous = call(null, HttpMethod.GET, "/api/calendars", null);
        expectError(anonymous, HttpStatus.UNAUTHORIZED, "UNAUTHORIZED");
        assertThat(anonymous.getHeaders().getFirst("WWW-Authenticate")).startsWith("Basic");
        // a user of its own: Camunda delays further logins of a user after a wrong password
        owner("mallory", "clinicM");
        ResponseEntity<String> wrong = rest.withBasicAuth("mallory", "wrong").getForEntity("/api/calendars", String.class);
        assertThat(wrong.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(rest.getForEntity("/engine-rest/process-instance", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void onlyThePublicBookingCallsAreOpenWithoutSigningIn() {
        expectError(call(null, HttpMethod.GET, "/api/booking/settings", null), HttpStatus.UNAUTHORIZED, "UNAUTHORIZED");
        expectError(call(null, HttpMethod.PUT, "/api/booking/settings", Map.of()), HttpStatus.UNAUTHORIZED, "UNAUTHORIZED");
        expectError(call(null, HttpMethod.DELETE, "/api/booking/some-calendar/appointments", null), HttpStatus.UNAUTHORIZED,
                "UNAUTHORIZED");
        assertThat(call(null, HttpMethod.GET, "/api/booking/some-calendar/slots", null).getStatusCode())
                .isNotEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void aPathTheFirewallRefusesGetsTheSameJsonError() throws Exception {
        java.net.HttpURLConnection connection = (java.net.HttpURLConnection) java.net.URI
                .create(rest.getRootUri() + "/api/appointments/..%2F..%2Fetc").toURL().openConnection();
        assertThat(connection.getResponseCode()).isEqualTo(400);
        assertThat(connection.getContentType()).startsWith("application/json");
        JsonNode body = json.readTree(connection.getErrorStream());
        assertThat(body.get("error").asText()).isEqualTo("INVALID_REQUEST");
        assertThat(body.get("message").asText()).isNotBlank();
    }

    @Test
    void theProbesSayReadyAndAlive() {
        assertThat(ok(rest.getForEntity("/actuator/health/readiness", String.class)).get("status").asText()).isEqualTo("UP");
        assertThat(ok(rest.getForEntity("/actuator/health/liveness", String.class)).get("status").asText()).isEqualTo("UP");
    }

    @Test
    void theApiIsDescribedFromTheCode() {
        JsonNode docs = ok(rest.getForEntity("/v3/api-docs", String.class));
        assertThat(docs.get("paths").has("/api/calendars/{id}/sync-status")).isTrue();
        assertThat(docs.get("paths").has("/api/appointments/{id}/log")).isTrue();
        assertThat(docs.get("paths").fieldNames()).toIterable().allMatch(path -> path.startsWith("/api/"));
        assertThat(rest.getForEntity("/swagger-ui.html", String.class).getStatusCode().is2xxSuccessful()
                || rest.getForEntity("/swagger-ui/index.html", String.class).getStatusCode().is2xxSuccessful()).isTrue();
    }

    @Test
    void badCalendarSettingsAreRefusedWithClearMessages() {
        expectError(call("olivia", HttpMethod.POST, "/api/calendars", calendarBody(Map.of("timeZone", "Mars/Olympus_Mons"))),
                HttpStatus.BAD_REQUEST, "INVALID_TIME_ZONE");
        expectError(call("olivia", HttpMethod.POST, "/api/calendars", calendarBody(Map.of("notificationEmail", "not-an-email"))),
                HttpStatus.BAD_REQUEST, "INVALID_EMAIL");
        expectError(call("olivia", HttpMethod.POST, "/api/calendars", calendarBody(Map.of("provider", "outlook"))),
                HttpStatus.BAD_REQUEST, "INVALID_PROVIDER");
        expectError(call("olivia", HttpMethod.POST, "/api/calendars", calendarBody(Map.of("region", "XX"))),
                HttpStatus.BAD_REQUEST, "INVALID_REGION");
        expectError(call("olivia", HttpMethod.POST, "/api/calendars", calendarBody(Map.of("name", " "))),
                HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");
        expectError(call("olivia", HttpMethod.POST, "/api/calendars", "{not json"), HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST");

        String calendarId = calendar("olivia", "Settings");
        expectError(call("olivia", HttpMethod.PATCH, "/api/calendars/" + calendarId, Map.of("timeZone", "Europe/Nowhere")),
                HttpStatus.BAD_REQUEST, "INVALID_TIME_ZONE");
        JsonNode patched = ok(call("olivia", HttpMethod.PATCH, "/api/calendars/" + calendarId,
                Map.of("timeZone", "Europe/Berlin", "active", false, "ownerEventsOnly", false)));
        assertThat(patched.get("timeZone").asText()).isEqualTo("Europe/Berlin");
        assertThat(patched.get("active").asBoolean()).isFalse();
        assertThat(get("olivia", "/api/calendars/" + calendarId).get("ownerEventsOnly").asBoolean()).isFalse();
    }

    @Test
    void badEventsAndRepliesAreRefused() {
        String calendarId = calendar("olivia", "Events");
        String events = "/api/calendars/" + calendarId + "/events";
        expectError(call("olivia", HttpMethod.POST, events, Map.of("title", "x", "start", "2026-12-02 10h", "end", "2026-12-02T11:00")),
                HttpStatus.BAD_REQUEST, "INVALID_DATE_TIME");
        // without an offset, a time is the calendar's wall clock (here New York's)
        assertThat(ok(call("olivia", HttpMethod.POST, events, Map.of("title", "x", "start", "2026-12-02T10:00", "end", "2026-12-02T11:00")))
                .get("start").asText()).isEqualTo("2026-12-02T10:00:00-05:00");
        expectError(call("olivia", HttpMethod.POST, events, Map.of("title", "x", "start", START.toString(), "end", START.minusSeconds(60).toString())),
                HttpStatus.BAD_REQUEST, "INVALID_TIME_RANGE");
        expectError(call("olivia", HttpMethod.POST, events, Map.of("start", START.toString(), "end", START.plusSeconds(60).toString())),
                HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");
        expectError(call("olivia", HttpMethod.PUT, events + "/no-such-event",
                Map.of("title", "x", "start", START.toString(), "end", START.plusSeconds(60).toString())), HttpStatus.NOT_FOUND, "NOT_FOUND");
        expectError(call("olivia", HttpMethod.POST, "/api/dev/sms/inbound", Map.of("from", "12", "body", "YES")),
                HttpStatus.BAD_REQUEST, "INVALID_PHONE");
        expectError(call("olivia", HttpMethod.GET, "/api/clients/not-a-number/log", null), HttpStatus.BAD_REQUEST, "INVALID_PHONE");
        expectError(call("olivia", HttpMethod.GET, "/api/calendars/" + calendarId + "/preview?days=90", null), HttpStatus.BAD_REQUEST,
                "INVALID_PARAMETER");
    }

    @Test
    void previewShowsUpcomingAppointmentsInTheChosenZone() {
        String calendarId = calendar("olivia", "Preview");
        event("olivia", calendarId, "Check-up 201-555-0121", START, START.plus(Duration.ofMinutes(30)));
        event("olivia", calendarId, "Staff meeting", START, START.plus(Duration.ofMinutes(30)));
        JsonNode preview = get("olivia", "/api/calendars/" + calendarId + "/preview?days=5");
        assertThat(preview.get("timeZone").asText()).isEqualTo("America/New_York");
        assertThat(preview.get("appointments")).hasSize(1);
        assertThat(preview.at("/appointments/0/localStart").asText()).isEqualTo("Wed 2 Dec 2026 10:00");
        assertThat(preview.at("/appointments/0/phones/0").asText()).isEqualTo("+12015550121");
        JsonNode inLondon = get("olivia", "/api/calendars/" + calendarId + "/preview?days=5&timeZone=Europe/London");
        assertThat(inLondon.at("/appointments/0/localStart").asText()).isEqualTo("Wed 2 Dec 2026 15:00");
    }

    @Test
    void deletingACalendarRemovesItsAppointmentsAndProcessesButNothingElse() {
        String doomed = calendar("olivia", "Doomed");
        String kept = calendar("olivia", "Kept");
        String doomedEvent = event("olivia", doomed, "A 201-555-0122", START, START.plus(Duration.ofMinutes(30)));
        String keptEvent = event("olivia", kept, "B 201-555-0123", START, START.plus(Duration.ofMinutes(30)));
        String doomedAppointment = appointmentOfEvent("olivia", doomed, doomedEvent).get("id").asText();
        String keptAppointment = appointmentOfEvent("olivia", kept, keptEvent).get("id").asText();

        ok(call("olivia", HttpMethod.DELETE, "/api/calendars/" + doomed, null));
        expectError(call("olivia", HttpMethod.GET, "/api/calendars/" + doomed, null), HttpStatus.NOT_FOUND, "NOT_FOUND");
        expectError(call("olivia", HttpMethod.GET, "/api/appointments/" + doomedAppointment, null), HttpStatus.NOT_FOUND, "NOT_FOUND");
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(doomedAppointment).count()).isZero();
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(keptAppointment).count()).isEqualTo(1);
    }

    private static Map<String, Object> calendarBody(Map<String, Object> overrides) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "Clinic", "provider", "internal", "timeZone", "America/New_York"));
        body.putAll(overrides);
        return body;
    }

    private void expectError(ResponseEntity<String> response, HttpStatus status, String code) {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
        JsonNode body = read(response);
        assertThat(body.get("error").asText()).isEqualTo(code);
        assertThat(body.get("message").asText()).isNotBlank();
    }
}
