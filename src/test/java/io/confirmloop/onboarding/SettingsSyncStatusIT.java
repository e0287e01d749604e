package io.confirmloop.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import io.confirmloop.calendar.FakeRemoteCalendar;
import io.confirmloop.support.AbstractIT;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * "Change calendar settings" for a provider calendar whose last read failed: the owner sees when it
 * was last read and the last error, in the list of calendars and on the settings form (the
 * in-memory provider stand-in fails on demand).
 */
@Import(FakeRemoteCalendar.InContext.class)
class SettingsSyncStatusIT extends AbstractIT {

    private static final String OWNER = "sina";
    private static final Instant NOW = Instant.parse("2026-12-01T15:00:00Z");

    @Autowired
    FakeRemoteCalendar remote;

    @BeforeEach
    void setUp() {
        setClock(NOW);
        remote.reset();
        owner(OWNER, "clinicSi");
    }

    private JsonNode task(String processInstanceId) {
        JsonNode tasks = engine(OWNER, HttpMethod.GET, "/task?processInstanceId=" + processInstanceId, null);
        assertThat(tasks).as("open tasks").hasSize(1);
        return tasks.get(0);
    }

    private JsonNode taskVariables(JsonNode task) {
        return engine(OWNER, HttpMethod.GET, "/task/" + task.get("id").asText() + "/form-variables?deserializeValues=false", null);
    }

    private void complete(JsonNode task, Object... pairs) {
        ResponseEntity<String> answer = engineCall(OWNER, HttpMethod.POST, "/task/" + task.get("id").asText() + "/submit-form", formVariables(pairs));
        assertThat(answer.getStatusCode().is2xxSuccessful()).as("%s", answer.getBody()).isTrue();
        runDueJobs();
    }

    @Test
    void theLastReadAndTheLastErrorAreShownToTheOwner() {
        String remoteId = "settings-" + System.nanoTime() + "@group.calendar.google.com";
        String calendarId = googleCalendar(OWNER, remoteId, "ya29.settings-access", "1//settings-refresh");
        remote.put(remoteId, "e1", "Check-up +1 201-555-0157", null, NOW.plus(Duration.ofDays(1)), Duration.ofMinutes(30), true);
        assertThat(post(OWNER, "/api/calendars/" + calendarId + "/sync", null).get("status").asText()).isEqualTo("SYNCED");
        setClock(NOW.plus(Duration.ofMinutes(45)));
        remote.failNextCalls(1);
        JsonNode failed = post(OWNER, "/api/calendars/" + calendarId + "/sync", null);
        assertThat(failed.get("status").asText()).isEqualTo("FAILED");
        queues.drainAll();

        String pi = engine(OWNER, HttpMethod.POST, "/process-definition/key/" + CalendarProcesses.SETTINGS + "/submit-form",
                formVariables()).get("id").asText();
        JsonNode pick = task(pi);
        assertThat(taskVariables(pick).get("calendarsSummary").get("value").asText())
                .contains("Riverside (Google Calendar, America/Chicago): active; last read Tue 1 Dec 15:00 UTC"
                        + "; last error Tue 1 Dec 15:45 UTC: 503 Service Unavailable");

        complete(pick, "calendarId", calendarId, "calendarAction", "CHANGE");
        assertThat(taskVariables(task(pi)).get("syncStatus").get("value").asText())
                .isEqualTo("Riverside (Google Calendar, America/Chicago): active; last read Tue 1 Dec 15:00 UTC"
                        + "; last error Tue 1 Dec 15:45 UTC: 503 Service Unavailable");

        setClock(Instant.parse("2026-12-01T16:10:00Z"));
        post(OWNER, "/api/calendars/" + calendarId + "/sync", null);
        queues.drainAll();
        String again = engine(OWNER, HttpMethod.POST, "/process-definition/key/" + CalendarProcesses.SETTINGS + "/submit-form",
                formVariables()).get("id").asText();
        assertThat(taskVariables(task(again)).get("calendarsSummary").get("value").asText())
                .as("an error a later read got past is not shown as the calendar's state")
                .contains("Riverside (Google Calendar, America/Chicago): active; last read Tue 1 Dec 16:10 UTC").doesNotContain("last error");
    }
}
