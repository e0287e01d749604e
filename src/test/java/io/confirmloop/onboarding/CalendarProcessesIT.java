package io.confirmloop.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.confirmloop.support.AbstractIT;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * The owner's calendar flows, driven the way Tasklist drives them (Camunda's REST API, signed in as
 * the owner): connecting a built-in calendar and confirming its time zone, changing settings with a
 * mistake and a fix, the four switches and when the calendar was last read, deleting, and another
 * account's calendar out of reach.
 */
class CalendarProcessesIT extends AbstractIT {

    private static final String OWNER = "olga";
    private static final String OTHER = "otto";

    @BeforeEach
    void setUp() {
        setClock(Instant.parse("2026-12-01T15:00:00Z"));
        owner(OWNER, "clinicO");
        owner(OTHER, "clinicX");
    }

    private String start(String user, String key, Object... pairs) {
        return engine(user, HttpMethod.POST, "/process-definition/key/" + key + "/submit-form", formVariables(pairs)).get("id").asText();
    }

    /** The one open task of the process, as the user's Tasklist lists it. */
    private JsonNode task(String user, String processInstanceId) {
        JsonNode tasks = engine(user, HttpMethod.GET, "/task?processInstanceId=" + processInstanceId, null);
        assertThat(tasks).as("open tasks").hasSize(1);
        return tasks.get(0);
    }

    private JsonNode taskVariables(String user, JsonNode task) {
        return engine(user, HttpMethod.GET, "/task/" + task.get("id").asText() + "/form-variables?deserializeValues=false", null);
    }

    private void complete(String user, JsonNode task, Object... pairs) {
        ResponseEntity<String> answer = engineCall(user, HttpMethod.POST, "/task/" + task.get("id").asText() + "/submit-form", formVariables(pairs));
        assertThat(answer.getStatusCode().is2xxSuccessful()).as("%s", answer.getBody()).isTrue();
        runDueJobs();
    }

    @Test
    void aBuiltInCalendarIsConnectedOnceItsTimeZoneIsConfirmed() {
        String pi = start(OWNER, CalendarProcesses.ONBOARDING, "provider", "internal", "calendarName", "Front desk",
                "notificationEmail", "desk@olga.example");
        runDueJobs();

        JsonNode confirm = task(OWNER, pi);
        assertThat(confirm.get("name").asText()).isEqualTo("Confirm the time zone of Front desk");
        assertThat(engine(OTHER, HttpMethod.GET, "/task?processInstanceId=" + pi, null)).as("another account sees nothing").isEmpty();
        String calendarId = taskVariables(OWNER, confirm).get("calendarId").get("value").asText();
        JsonNode draft = get(OWNER, "/api/calendars/" + calendarId);
        assertThat(draft.get("active").asBoolean()).as("not watched before it is confirmed").isFalse();
        assertThat(taskVariables(OWNER, confirm).get("previewText").get("value").asText()).contains("No appointments");

        post(OWNER, "/api/calendars/" + calendarId + "/events", Map.of("title", "Check-up +1 201-555-0190",
                "start", "2026-12-02T15:00:00Z", "end", "2026-12-02T15:30:00Z"));
        complete(OWNER, confirm, "timeZone", "Mars/Olympus", "timeZoneAction", "REFRESH");
        JsonNode again = task(OWNER, pi);
        assertThat(taskVariables(OWNER, again).get("previewProblem").get("value").asText()).contains("Unknown time zone 'Mars/Olympus'");

        complete(OWNER, again, "timeZone", "America/Chicago", "timeZoneAction", "CONFIRM");
        JsonNode refreshed = task(OWNER, pi);
        assertThat(taskVariables(OWNER, refreshed).get("previewText").get("value").asText())
                .as("a new zone is shown before it can be confirmed").contains("Wed 2 Dec 2026 09:00").contains("+12015550190");

        complete(OWNER, refreshed, "timeZone", "America/Chicago", "timeZoneAction", "CONFIRM");
        assertThat(engine(OWNER, HttpMethod.GET, "/task?processInstanceId=" + pi, null)).isEmpty();
        JsonNode active = get(OWNER, "/api/calendars/" + calendarId);
        assertThat(active.get("active").asBoolean()).isTrue();
        assertThat(active.get("timeZone").asText()).isEqualTo("America/Chicago");
        assertThat(active.get("connectionState").asText()).isEqualTo("CONNECTED");
        assertThat(active.get("ownerGroup").asText()).isEqualTo("clinicO");
    }

    @Test
    void settingsAreChangedWithAMistakeShownAndFixed() {
        String mine = calendar(OWNER, "Main room");
        String theirs = calendar(OTHER, "Their room");

        String pi = start(OWNER, CalendarProcesses.SETTINGS);
        JsonNode pick = task(OWNER, pi);
        JsonNode vars = taskVariables(OWNER, pick);
        assertThat(vars.get("calendarChoices").get("value").asText()).contains(mine).doesNotContain(theirs);
        assertThat(vars.get("calendarsSummary").get("value").asText()).contains("Main room").contains("active").doesNotContain("Their room");

        complete(OWNER, pick, "calendarId", mine, "calendarAction", "CHANGE");
        JsonNode change = task(OWNER, pi);
        assertThat(change.get("name").asText()).isEqualTo("Change the settings of Main room");
        assertThat(taskVariables(OWNER, change).get("timeZone").get("value").asText()).isEqualTo("America/New_York");

        complete(OWNER, change, "name", "Room 2", "timeZone", "Nowhere/Zone", "active", false);
        JsonNode fix = task(OWNER, pi);
        assertThat(taskVariables(OWNER, fix).get("settingsProblem").get("value").asText()).contains("Unknown time zone 'Nowhere/Zone'");
        assertThat(get(OWNER, "/api/calendars/" + mine).get("name").asText()).as("nothing saved yet").isEqualTo("Main room");

        complete(OWNER, fix, "name", "Room 2", "timeZone", "Europe/London", "active", false, "notificationEmail", "room2@olga.example");
        JsonNode saved = get(OWNER, "/api/calendars/" + mine);
        assertThat(saved.get("name").asText()).isEqualTo("Room 2");
        assertThat(saved.get("timeZone").asText()).isEqualTo("Europe/London");
        assertThat(saved.get("active").asBoolean()).isFalse();
        assertThat(saved.get("notificationEmail").asText()).isEqualTo("room2@olga.example");
    }

    @Test
    void theSwitchesAreChangedAndTheSummaryShowsWhenTheCalendarWasLastRead() {
        String mine = calendar(OWNER, "Main room");
        setClock(Instant.parse("2026-12-01T16:20:00Z"));
        assertThat(post(OWNER, "/api/calendars/" + mine + "/sync", null).get("status").asText()).isEqualTo("SYNCED");

        String pi = start(OWNER, CalendarProcesses.SETTINGS);
        JsonNode pick = task(OWNER, pi);
        assertThat(taskVariables(OWNER, pick).get("calendarsSummary").get("value").asText())
                .contains("Main room (the built-in calendar, America/New_York): active; last read Tue 1 Dec 16:20 UTC")
                .doesNotContain("last error");

        complete(OWNER, pick, "calendarId", mine, "calendarAction", "CHANGE");
        JsonNode change = task(OWNER, pi);
        JsonNode shown = taskVariables(OWNER, change);
        assertThat(shown.get("syncStatus").get("value").asText()).contains("last read Tue 1 Dec 16:20 UTC").doesNotContain("last error");
        assertThat(shown.get("ownerEventsOnly").get("value").asBoolean()).isTrue();
        assertThat(shown.get("updateDescriptions").get("value").asBoolean()).isTrue();
        assertThat(shown.get("copyAppointments").get("value").asBoolean()).isFalse();
        assertThat(shown.get("useForAvailability").get("value").asBoolean()).isTrue();

        complete(OWNER, change, "ownerEventsOnly", false, "updateDescriptions", false, "copyAppointments", true,
                "useForAvailability", false);
        assertThat(engine(OWNER, HttpMethod.GET, "/task?processInstanceId=" + pi, null)).as("saved at once").isEmpty();
        JsonNode saved = get(OWNER, "/api/calendars/" + mine);
        assertThat(saved.get("ownerEventsOnly").asBoolean()).isFalse();
        assertThat(saved.get("updateDescriptions").asBoolean()).isFalse();
        assertThat(saved.get("copyAppointments").asBoolean()).isTrue();
        assertThat(saved.get("useForAvailability").asBoolean()).isFalse();
        assertThat(saved.get("name").asText()).as("left as it was").isEqualTo("Main room");
        assertThat(saved.get("timeZone").asText()).isEqualTo("America/New_York");
        assertThat(saved.get("active").asBoolean()).isTrue();

        // and back again: each switch is read from the calendar and saved both ways
        String again = start(OWNER, CalendarProcesses.SETTINGS);
        complete(OWNER, task(OWNER, again), "calendarId", mine, "calendarAction", "CHANGE");
        JsonNode reopened = task(OWNER, again);
        JsonNode read = taskVariables(OWNER, reopened);
        assertThat(read.get("ownerEventsOnly").get("value").asBoolean()).isFalse();
        assertThat(read.get("updateDescriptions").get("value").asBoolean()).isFalse();
        assertThat(read.get("copyAppointments").get("value").asBoolean()).isTrue();
        assertThat(read.get("useForAvailability").get("value").asBoolean()).isFalse();
        complete(OWNER, reopened, "ownerEventsOnly", true, "updateDescriptions", true, "copyAppointments", false,
                "useForAvailability", true);
        JsonNode restored = get(OWNER, "/api/calendars/" + mine);
        assertThat(restored.get("ownerEventsOnly").asBoolean()).isTrue();
        assertThat(restored.get("updateDescriptions").asBoolean()).isTrue();
        assertThat(restored.get("copyAppointments").asBoolean()).isFalse();
        assertThat(restored.get("useForAvailability").asBoolean()).isTrue();
    }

    @Test
    void aCalendarIsDeletedOnlyWhenConfirmedAndOnlyTheOwnersOwn() {
        String mine = calendar(OWNER, "Old room");
        String theirs = calendar(OTHER, "Their room");

        String keep = start(OWNER, CalendarProcesses.SETTINGS);
        complete(OWNER, task(OWNER, keep), "calendarId", mine, "calendarAction", "DELETE");
        JsonNode confirm = task(OWNER, keep);
        assertThat(confirm.get("name").asText()).isEqualTo("Delete Old room?");
        complete(OWNER, confirm, "deleteConfirmed", false);
        assertThat(get(OWNER, "/api/calendars/" + mine).get("name").asText()).isEqualTo("Old room");

        String forged = start(OWNER, CalendarProcesses.SETTINGS);
        ResponseEntity<String> refused = engineCall(OWNER, HttpMethod.POST, "/task/" + task(OWNER, forged).get("id").asText() + "/submit-form",
                formVariables("calendarId", theirs, "calendarAction", "DELETE"));
        assertThat(refused.getStatusCode().value()).as(refused.getBody()).isEqualTo(403);
        assertThat(refused.getBody()).contains("is not one of yours");
        assertThat(get(OTHER, "/api/calendars/" + theirs).get("name").asText()).isEqualTo("Their room");

        String delete = start(OWNER, CalendarProcesses.SETTINGS);
        complete(OWNER, task(OWNER, delete), "calendarId", mine, "calendarAction", "DELETE");
        complete(OWNER, task(OWNER, delete), "deleteConfirmed", true);
        assertThat(call(OWNER, HttpMethod.GET, "/api/calendars/" + mine, null).getStatusCode().value()).isEqualTo(404);
        assertThat(List.of(get(OTHER, "/api/calendars/" + theirs).get("id").asText())).containsExactly(theirs);
    }
}
