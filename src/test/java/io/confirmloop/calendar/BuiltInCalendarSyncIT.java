package io.confirmloop.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import io.confirmloop.appointment.AppointmentProcess;
import io.confirmloop.support.AbstractIT;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The built-in calendar's edits through the REST API: each commits and answers at once, and the
 * appointment side follows from the durable queue in a transaction of its own.
 */
class BuiltInCalendarSyncIT extends AbstractIT {

    private static final String OWNER = "bea";
    private static final Instant NOW = Instant.parse("2026-12-01T15:00:00Z");
    private static final Instant START = Instant.parse("2026-12-02T15:00:00Z");
    private static final Instant END = START.plus(Duration.ofMinutes(30));

    @Autowired
    DataSource dataSource;
    @Autowired
    RepositoryService repository;

    String calendarId;

    @BeforeEach
    void setUp() {
        setClock(NOW);
        owner(OWNER, "clinicB");
        calendarId = calendar(OWNER, "Builtin clinic");
    }

    private ResponseEntity<String> create(String title) {
        return call(OWNER, HttpMethod.POST, "/api/calendars/" + calendarId + "/events",
                Map.of("title", title, "start", START.toString(), "end", END.toString()));
    }

    private ResponseEntity<String> move(String eventId, Instant start) {
        return call(OWNER, HttpMethod.PUT, "/api/calendars/" + calendarId + "/events/" + eventId,
                Map.of("title", "Check-up +1 201-555-0142", "start", start.toString(), "end", start.plus(Duration.ofMinutes(30)).toString()));
    }

    private JsonNode appointments() {
        return get(OWNER, "/api/appointments?calendarId=" + calendarId + "&from=2026-11-01T00:00:00Z&to=2027-01-31T00:00:00Z");
    }

    private String processOf(String appointmentId) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(AppointmentProcess.PROCESS_ID)
                .processInstanceBusinessKey(appointmentId).singleResult().getId();
    }

    /** The items of the calendar-changes queue this node took, by outcome, from the metrics endpoint. */
    private double queueItems(String outcome) {
        JsonNode metric = ok(rest.withBasicAuth(OWNER, PASSWORD).getForEntity(
                "/actuator/metrics/confirmloop.queue.items?tag=queue:calendar-event-changes&tag=outcome:" + outcome, String.class));
        return metric.at("/measurements/0/value").asDouble();
    }

    @Test
    void anEditAnswersAtOnceAndTheAppointmentFollowsFromTheQueue() {
        ResponseEntity<String> created = create("Check-up Jane +1 201-555-0141");

        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(appointments()).isEmpty();
        assertThat(queues.pending()).containsEntry("calendar-event-changes", 1);
        double handledBefore = queueItems("handled");

        queues.drainAll();
        assertThat(queueItems("handled")).as("the node's metric of items taken").isEqualTo(handledBefore + 1);

        JsonNode appointment = appointments().get(0);
        assertThat(appointment.get("eventId").asText()).isEqualTo(read(created).get("id").asText());
        assertThat(appointment.at("/attendees/0/phone").asText()).isEqualTo("+12015550141");
        assertThat(processOf(appointment.get("id").asText())).isNotNull();
        assertThat(queues.pending()).containsEntry("calendar-event-changes", 0);
    }

    @Test
    void anEditCommitsWhileTheProcessIsBusyAndTheAppointmentCatchesUpOnRetry() throws Exception {
        String eventId = event(OWNER, calendarId, "Check-up +1 201-555-0142", START, END);
        String appointmentId = appointments().get(0).get("id").asText();
        String processId = processOf(appointmentId);
        Instant later = START.plus(Duration.ofHours(3));

        try (Connection busyStep = dataSource.getConnection()) {
            // A step of the process is running on another node: it holds its execution rows and will change them.
            busyStep.setAutoCommit(false);
            try (var statement = busyStep.prepareStatement("update ACT_RU_EXECUTION set REV_ = REV_ + 1 where PROC_INST_ID_ = ?")) {
                statement.setString(1, processId);
                assertThat(statement.executeUpdate()).isPositive();
            }

            ResponseEntity<String> edit = CompletableFuture.supplyAsync(() -> move(eventId, later)).get(20, TimeUnit.SECONDS);
            assertThat(edit.getStatusCode()).isEqualTo(HttpStatus.OK);

            CompletableFuture<Void> catchUp = CompletableFuture.runAsync(queues::drainAll);
            // the sync's first attempt waits for the step's rows...
            await().atMost(Duration.ofSeconds(30)).until(() -> JdbcClient.create(dataSource)
                    .sql("select count(*) from pg_stat_activity where wait_event_type = 'Lock'").query(Long.class).single() > 0);
            busyStep.commit(); // ...and, once the step ends, meets a newer revision: it fails and is tried again
            catchUp.get(60, TimeUnit.SECONDS);
        }

        JsonNode appointment = get(OWNER, "/api/appointments/" + appointmentId);
        assertThat(Instant.parse(appointment.get("start").asText())).isEqualTo(later);
        assertThat(logTexts(OWNER, appointmentId)).anyMatch(t -> t.startsWith("Moved in the calendar to"));
        assertThat(get(OWNER, "/api/calendars/" + calendarId + "/sync-status").get("failedEvents")).isEmpty();
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(appointmentId).count()).isEqualTo(1);
    }

    @Test
    void aMoveAndThenARemovalEndAsACancellation() {
        String eventId = event(OWNER, calendarId, "Check-up +1 201-555-0143", START, END);
        String appointmentId = appointments().get(0).get("id").asText();

        assertThat(move(eventId, START.plus(Duration.ofHours(1))).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(call(OWNER, HttpMethod.DELETE, "/api/calendars/" + calendarId + "/events/" + eventId, null).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        runDueJobs();

        assertThat(get(OWNER, "/api/appointments/" + appointmentId).get("status").asText()).isEqualTo("CANCELLED");
        assertThat(logTexts(OWNER, appointmentId)).contains("Removed from the calendar").noneMatch(t -> t.startsWith("Back in"));
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(appointmentId).count()).isZero();
        assertThat(JdbcClient.create(dataSource).sql("select count(*) from calendar_event where event_id = ?").param(eventId)
                .query(Long.class).single()).as("the removal, once taken in, is forgotten").isZero();
    }

    @Test
    void aChangeThatKeepsFailingIsVisibleAndIsTakenInOnceItCan() {
        repository.suspendProcessDefinitionByKey(AppointmentProcess.PROCESS_ID);
        try {
            assertThat(create("Check-up +1 201-555-0144").getStatusCode()).isEqualTo(HttpStatus.CREATED);
            double failedBefore = queueItems("failed");
            queues.drainAll();
            assertThat(queueItems("failed")).isEqualTo(failedBefore + 1);

            assertThat(appointments()).isEmpty();
            JsonNode status = get(OWNER, "/api/calendars/" + calendarId + "/sync-status");
            assertThat(status.get("failedEvents")).singleElement().satisfies(failed -> {
                assertThat(failed.get("title").asText()).isEqualTo("Check-up +1 201-555-0144");
                assertThat(failed.get("error").asText()).containsIgnoringCase("suspended");
                assertThat(failed.get("failures").asInt()).isEqualTo(1);
            });
            JsonNode health = ok(rest.withBasicAuth(OWNER, PASSWORD).getForEntity("/actuator/health", String.class));
            assertThat(health.at("/components/calendarSync/details/eventChangesFailing").asLong()).isPositive();
        } finally {
            repository.activateProcessDefinitionByKey(AppointmentProcess.PROCESS_ID);
        }

        setClock(NOW.plus(Duration.ofMinutes(2)));
        JsonNode sync = post(OWNER, "/api/calendars/" + calendarId + "/sync", null);
        assertThat(sync.get("status").asText()).isEqualTo("SYNCED");
        assertThat(sync.get("changesQueued").asInt()).isEqualTo(1);
        queues.drainAll();

        assertThat(appointments()).hasSize(1);
        assertThat(get(OWNER, "/api/calendars/" + calendarId + "/sync-status").get("failedEvents")).isEmpty();
    }

    @Test
    void aChangeWhoseQueueItemWasLostIsTakenInByTheNextSync() {
        assertThat(create("Check-up +1 201-555-0145").getStatusCode()).isEqualTo(HttpStatus.CREATED);
        JdbcClient.create(dataSource).sql("delete from INT_CHANNEL_MESSAGE").update();

        assertThat(post(OWNER, "/api/calendars/" + calendarId + "/sync", null).get("changesQueued").asInt())
                .as("a change that just came in is left to its own item for a grace period").isZero();
        setClock(NOW.plus(Duration.ofMinutes(2)));
        assertThat(post(OWNER, "/api/calendars/" + calendarId + "/sync", null).get("changesQueued").asInt()).isEqualTo(1);
        queues.drainAll();

        assertThat(appointments()).hasSize(1);
    }

    @Test
    void anItemThatCannotBeReadIsDroppedAndDoesNotBlockTheQueue() {
        JdbcClient.create(dataSource).sql("""
                insert into INT_CHANNEL_MESSAGE (MESSAGE_ID, GROUP_KEY, CREATED_DATE, MESSAGE_BYTES, REGION)
                values ('00000000-0000-0000-0000-000000000001', ?, 0, ?, 'confirmloop')""")
                .params(org.springframework.integration.util.UUIDConverter.getUUID("calendar-event-changes").toString(),
                        new byte[] {1, 2, 3})
                .update();
        assertThat(create("Check-up +1 201-555-0146").getStatusCode()).isEqualTo(HttpStatus.CREATED);

        queues.drainAll();

        assertThat(appointments()).hasSize(1);
        assertThat(queues.pending()).containsEntry("calendar-event-changes", 0);
    }
}
