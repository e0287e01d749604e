package io.confirmloop.booking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.confirmloop.support.AbstractIT;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * "Set availability" driven the way Tasklist drives it (Camunda's REST API, signed in as the
 * owner): the form shows what is stored, input that cannot be read comes back with what to correct
 * and nothing saved, good input is stored, and another account's calendar stays out of reach.
 */
class AvailabilityProcessIT extends AbstractIT {

    private String start(String user) {
        return engine(user, HttpMethod.POST, "/process-definition/key/" + AvailabilityProcess.KEY + "/submit-form", formVariables())
                .get("id").asText();
    }

    private JsonNode task(String user, String processInstanceId) {
        JsonNode tasks = engine(user, HttpMethod.GET, "/task?processInstanceId=" + processInstanceId, null);
        assertThat(tasks).as("open tasks").hasSize(1);
        assertThat(tasks.get(0).get("taskDefinitionKey").asText()).isEqualTo(AvailabilityProcess.Elements.SET_AVAILABILITY);
        return tasks.get(0);
    }

    private String value(String user, JsonNode task, String name) {
        JsonNode variables = engine(user, HttpMethod.GET, "/task/" + task.get("id").asText() + "/form-variables?deserializeValues=false", null);
        JsonNode variable = variables.get(name);
        return variable == null || variable.get("value").isNull() ? null : variable.get("value").asText();
    }

    private void complete(String user, JsonNode task, Object... pairs) {
        ResponseEntity<String> answer = engineCall(user, HttpMethod.POST, "/task/" + task.get("id").asText() + "/submit-form", formVariables(pairs));
        assertThat(answer.getStatusCode().is2xxSuccessful()).as("%s", answer.getBody()).isTrue();
    }

    private boolean ended(String user, String processInstanceId) {
        return engine(user, HttpMethod.GET, "/process-instance?processInstanceIds=" + processInstanceId, null).isEmpty();
    }

    @Test
    void badInputComesBackWithWhatToCorrectAndGoodInputIsStored() {
        owner("petra", "formP");
        owner("olaf", "formO");
        String calendarId = calendar("petra", "Petra's room");
        String paperwork = post("petra", "/api/availability-types", Map.of("name", "Paperwork", "color", "purple")).get("id").asText();
        ok(call("petra", HttpMethod.PUT, "/api/calendars/" + calendarId + "/availability", Map.of("typeId", paperwork,
                "weekly", List.of(Map.of("day", "FRIDAY", "from", "08:00", "to", "09:00")))));

        String pi = start("petra");
        JsonNode form = task("petra", pi);
        assertThat(form.get("name").asText()).isEqualTo("Set the availability of Petra's room");
        assertThat(value("petra", form, "friday")).as("only the client-facing type's hours are shown; Paperwork is it so far").isEqualTo("08:00-09:00");
        assertThat(value("petra", form, "defaultDurationMinutes")).isEqualTo("30");
        assertThat(engine("olaf", HttpMethod.GET, "/task?processInstanceId=" + pi, null)).as("another account sees nothing").isEmpty();

        complete("petra", form, "calendarId", calendarId, "monday", "9-12, 13:00-17:00", "friday", "08:00-09:00",
                "exceptions", "2026-12-24 closed", "defaultDurationMinutes", 3, "daysToView", 30, "eventRequestsEnabled", false);
        JsonNode again = task("petra", pi);
        assertThat(value("petra", again, "availabilityProblem")).startsWith("Nothing was saved")
                .contains("Monday: '9-12' is not a time range").contains("Exception line 1 '2026-12-24 closed'")
                .contains("defaultDurationMinutes must be between 5 and 480");
        assertThat(value("petra", again, "monday")).as("what the owner typed is kept").isEqualTo("9-12, 13:00-17:00");
        assertThat(get("petra", "/api/booking/settings").get("defaultDurationMinutes").asInt()).isEqualTo(30);
        assertThat(get("petra", "/api/calendars/" + calendarId + "/availability").get("weekly")).hasSize(1);

        ok(call("petra", HttpMethod.POST, "/api/availability-types", Map.of("name", "Client hours", "color", "green", "clientFacing", true)));
        complete("petra", again, "calendarId", calendarId, "monday", "09:00-12:00, 13:00-17:00", "friday", "",
                "exceptions", "2026-12-24 off\n2027-01-02 10:00-14:00 extra", "defaultDurationMinutes", 45, "daysToView", 30,
                "eventRequestsEnabled", false);
        assertThat(ended("petra", pi)).isTrue();

        JsonNode stored = get("petra", "/api/calendars/" + calendarId + "/availability");
        String clientHours = stored.get("typeId").asText();
        assertThat(clientHours).isNotEqualTo(paperwork);
        assertThat(stream(stored.get("weekly")).map(w -> w.get("day").asText() + " " + w.get("from").asText() + "-" + w.get("to").asText()
                + (w.get("typeId").asText().equals(clientHours) ? "" : " (paperwork)")))
                .containsExactly("MONDAY 09:00-12:00", "MONDAY 13:00-17:00", "FRIDAY 08:00-09:00 (paperwork)");
        assertThat(stream(stored.get("exceptions")).map(e -> e.get("date").asText() + " " + e.get("available").asBoolean()))
                .containsExactly("2026-12-24 false", "2027-01-02 true");
        JsonNode settings = get("petra", "/api/booking/settings");
        assertThat(settings.get("defaultDurationMinutes").asInt()).isEqualTo(45);
        assertThat(settings.get("daysToView").asInt()).isEqualTo(30);
        assertThat(settings.get("eventRequestsEnabled").asBoolean()).isFalse();
    }

    @Test
    void anAccountWithoutTypesGetsClientHoursAndAnotherCalendarIsShownBeforeItIsChanged() {
        owner("quinn", "formQ");
        owner("olaf", "formO");
        String first = calendar("quinn", "A room");
        String second = calendar("quinn", "B room");
        String theirs = calendar("olaf", "Their room");

        String pi = start("quinn");
        JsonNode form = task("quinn", pi);
        assertThat(value("quinn", form, "severalCalendars")).isEqualTo("true");
        assertThat(value("quinn", form, "calendarChoices")).contains(first).contains(second).doesNotContain(theirs);

        complete("quinn", form, "calendarId", theirs, "monday", "09:00-17:00", "defaultDurationMinutes", 30, "daysToView", 14);
        JsonNode refused = task("quinn", pi);
        assertThat(value("quinn", refused, "availabilityProblem")).isEqualTo("Choose one of your calendars.");
        assertThat(call("olaf", HttpMethod.GET, "/api/calendars/" + theirs + "/availability", null).getBody()).contains("\"weekly\":[]");

        complete("quinn", refused, "calendarId", second, "monday", "09:00-17:00", "defaultDurationMinutes", 30, "daysToView", 14);
        JsonNode shown = task("quinn", pi);
        assertThat(shown.get("name").asText()).isEqualTo("Set the availability of B room");
        assertThat(value("quinn", shown, "availabilityProblem")).contains("These are the hours of B room now");
        assertThat(value("quinn", shown, "monday")).as("B room's stored hours").isEmpty();

        complete("quinn", shown, "calendarId", second, "tuesday", "10:00-24:00", "defaultDurationMinutes", 20, "daysToView", 7,
                "eventRequestsEnabled", true);
        assertThat(ended("quinn", pi)).isTrue();
        JsonNode types = get("quinn", "/api/availability-types");
        assertThat(types).hasSize(1);
        assertThat(types.get(0).get("name").asText()).isEqualTo("Client hours");
        assertThat(types.get(0).get("color").asText()).isEqualTo("green");
        assertThat(types.get(0).get("clientFacing").asBoolean()).isTrue();
        JsonNode stored = get("quinn", "/api/calendars/" + second + "/availability");
        assertThat(stored.get("weekly")).hasSize(1);
        assertThat(stored.get("weekly").get(0).get("to").asText()).isEqualTo("24:00");
        assertThat(get("quinn", "/api/calendars/" + first + "/availability").get("weekly")).isEmpty();
    }

    @Test
    void anOwnerWithoutACalendarIsDoneAtOnce() {
        owner("nina", "formN");
        assertThat(ended("nina", start("nina"))).isTrue();
    }
}
