package io.confirmloop.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.confirmloop.appointment.ReminderOutbox;
import io.confirmloop.system.WorkQueues;
import org.camunda.bpm.container.RuntimeContainerDelegate;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application on embedded PostgreSQL, driven over HTTP. The job executor is off: tests
 * move Camunda's clock and run the jobs that are due, so every step is deterministic.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
@ContextConfiguration(initializers = EmbeddedPostgresInitializer.class)
public abstract class AbstractIT {

    /** The providers' base URLs and OAuth endpoints: their WireMock fakes. */
    @DynamicPropertySource
    static void providerServers(DynamicPropertyRegistry registry) {
        ProviderServers.register(registry);
    }

    protected static final String PASSWORD = "secret-pw";

    @Autowired
    protected TestRestTemplate rest;
    @Autowired
    protected IdentityService identity;
    @Autowired
    protected RuntimeService runtime;
    @Autowired
    protected ManagementService management;
    @Autowired
    protected ObjectMapper json;
    @Autowired
    protected WorkQueues queues;
    @Autowired
    protected ReminderOutbox outbox;
    @Autowired
    private org.springframework.jdbc.core.simple.JdbcClient reminders;

    @Autowired
    private ProcessEngine processEngine;

    /**
     * Camunda's REST API finds the engine by name in a JVM-wide registry. A test class with a context
     * of its own (EmbeddedDefaultIT) unregisters "default" when its context closes; this context's
     * engine is registered again so that the REST API and the webapps keep serving it, whatever order
     * the classes run in.
     */
    @BeforeEach
    void engineRestServesThisEngine() {
        if (ProcessEngines.getProcessEngines().get(processEngine.getName()) != processEngine) {
            ProcessEngines.registerProcessEngine(processEngine);
        }
        // the container registry: where the webapps (Tasklist, Cockpit) and the REST API's sign-in look the engine up
        RuntimeContainerDelegate container = RuntimeContainerDelegate.INSTANCE.get();
        ProcessEngine registered = container.getProcessEngineService().getProcessEngine(processEngine.getName());
        if (registered != processEngine) {
            if (registered != null) {
                container.unregisterProcessEngine(registered);
            }
            container.registerProcessEngine(processEngine);
        }
    }

    @AfterEach
    void resetEngine() {
        queues.drainAll();
        runtime.createProcessInstanceQuery().rootProcessInstances().list()
                .forEach(pi -> runtime.deleteProcessInstance(pi.getId(), "test finished", true, true));
        // the outbox sends what is planned as long as the appointment is active: nothing of this test for the next
        reminders.sql("update reminder set state = 'SKIPPED', note = 'test finished' where state = 'PLANNED'").update();
        ClockUtil.reset();
    }

    protected static void setClock(Instant now) {
        ClockUtil.setCurrentTime(Date.from(now));
    }

    /** An owner: a Camunda user in the account group {@code group}. */
    protected void owner(String user, String group) {
        if (identity.createGroupQuery().groupId(group).count() == 0) {
            Group g = identity.newGroup(group);
            g.setName(group);
            g.setType("WORKFLOW");
            identity.saveGroup(g);
        }
        if (identity.createUserQuery().userId(user).count() == 0) {
            User u = identity.newUser(user);
            u.setPassword(PASSWORD);
            u.setFirstName(user);
            u.setLastName("Owner");
            u.setEmail(user + "@example.com");
            identity.saveUser(u);
            identity.createMembership(user, group);
        }
    }

    protected ResponseEntity<String> call(String user, HttpMethod method, String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setAccept(List.of(MediaType.APPLICATION_JSON));
        TestRestTemplate client = user == null ? rest : rest.withBasicAuth(user, PASSWORD);
        return client.exchange(path, method, new HttpEntity<>(body, headers), String.class);
    }

    protected JsonNode ok(ResponseEntity<String> response) {
        assertThat(response.getStatusCode().is2xxSuccessful()).as("HTTP %s: %s", response.getStatusCode(), response.getBody()).isTrue();
        return read(response);
    }

    protected JsonNode read(ResponseEntity<String> response) {
        try {
            return response.getBody() == null ? json.nullNode() : json.readTree(response.getBody());
        } catch (Exception e) {
            throw new AssertionError("Not JSON: " + response.getBody(), e);
        }
    }

    /** Camunda's REST API as Tasklist calls it, signed in as {@code user}. */
    protected ResponseEntity<String> engineCall(String user, HttpMethod method, String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.withBasicAuth(user, PASSWORD).exchange("/engine-rest" + path, method, new HttpEntity<>(body, headers), String.class);
    }

    protected JsonNode engine(String user, HttpMethod method, String path, Object body) {
        return ok(engineCall(user, method, path, body));
    }

    /** A form's values as Tasklist submits them: {@code {"variables": {name: {"value": v}}}}. */
    protected static Map<String, Object> formVariables(Object... pairs) {
        Map<String, Object> variables = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            variables.put((String) pairs[i], Map.of("value", pairs[i + 1]));
        }
        return Map.of("variables", variables);
    }

    protected JsonNode get(String user, String path) {
        return ok(call(user, HttpMethod.GET, path, null));
    }

    protected JsonNode post(String user, String path, Object body) {
        return ok(call(user, HttpMethod.POST, path, body));
    }

    /** A built-in calendar in New York for {@code user}'s account. */
    protected String calendar(String user, String name) {
        return post(user, "/api/calendars", Map.of("name", name, "provider", "internal", "timeZone", "America/New_York",
                "notificationEmail", "frontdesk@" + user + ".example", "updateDescriptions", true)).get("id").asText();
    }

    /** A built-in event; the appointment side has taken it in when this returns. */
    /** A Google calendar (the in-memory stand-in of {@link io.confirmloop.calendar.FakeRemoteCalendar.InContext}) in Chicago that writes status lines, for {@code user}'s account. */
    protected String googleCalendar(String user, String remoteId, String accessToken, String refreshToken) {
        return post(user, "/api/calendars", Map.of("name", "Riverside", "provider", "google", "timeZone", "America/Chicago",
                "notificationEmail", "desk@riverside.example", "updateDescriptions", true,
                "connection", Map.of("calendarId", remoteId, "accessToken", accessToken, "refreshToken", refreshToken)))
                .get("id").asText();
    }

    protected String event(String user, String calendarId, String title, Instant start, Instant end) {
        String id = post(user, "/api/calendars/" + calendarId + "/events",
                Map.of("title", title, "start", start.toString(), "end", end.toString())).get("id").asText();
        queues.drainAll();
        return id;
    }

    /**
     * Takes every waiting queue item (changed events, status-line writes) and runs every job that is
     * due by Camunda's clock, including the ones those create. One job at a time, queried afresh,
     * since a job may replace others (e.g. an interrupted branch's timer).
     */
    protected void runDueJobs() {
        for (int round = 0; round < 500; round++) {
            queues.drainAll();
            outbox.drainAll();
            queues.drainAll();
            List<Job> due = management.createJobQuery().executable().orderByJobDuedate().asc().listPage(0, 1);
            if (due.isEmpty()) {
                return;
            }
            management.executeJob(due.get(0).getId());
        }
        throw new AssertionError("Jobs kept coming for 500 runs");
    }

    protected JsonNode appointmentOfEvent(String user, String calendarId, String eventId) {
        for (JsonNode a : get(user, "/api/appointments?calendarId=" + calendarId + "&from=2026-01-01T00:00:00Z&to=2027-12-31T00:00:00Z")) {
            if (a.get("eventId").asText().equals(eventId)) {
                return a;
            }
        }
        throw new AssertionError("No appointment for event " + eventId);
    }

    protected List<String> textsTo(String user, String phone) {
        return stream(get(user, "/api/dev/sms/outbox")).filter(m -> m.get("to").asText().equals(phone))
                .map(m -> m.get("body").asText()).toList();
    }

    protected List<JsonNode> mailsTo(String user, String address) {
        return stream(get(user, "/api/dev/mail/outbox")).filter(m -> m.get("to").asText().equals(address)).toList();
    }

    protected JsonNode reply(String user, String from, String body) {
        return ok(call(user, HttpMethod.POST, "/api/dev/sms/inbound", Map.of("from", from, "body", body)));
    }

    protected List<String> logTexts(String user, String appointmentId) {
        return stream(get(user, "/api/appointments/" + appointmentId + "/log")).filter(e -> e.get("kind").asText().equals("EVENT"))
                .map(e -> e.get("text").asText()).toList();
    }

    protected static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false);
    }
}
