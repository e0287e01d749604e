package io.confirmloop.booking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.confirmloop.support.AbstractIT;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The owner's availability calls: types (one client-facing per account, in-use types kept),
 * windows and exceptions of a calendar with each mistake named, the event defaults, and other
 * accounts and anonymous callers kept out.
 */
class AvailabilityApiIT extends AbstractIT {

    private void expectError(ResponseEntity<String> response, HttpStatus status, String code) {
        assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(status);
        assertThat(read(response).get("error").asText()).as("%s", response.getBody()).isEqualTo(code);
    }

    private String type(String user, String name, String color) {
        return post(user, "/api/availability-types", Map.of("name", name, "color", color)).get("id").asText();
    }

    private Map<String, Boolean> clientFacing(String user) {
        Map<String, Boolean> byName = new java.util.TreeMap<>();
        get(user, "/api/availability-types").forEach(t -> byName.put(t.get("name").asText(), t.get("clientFacing").asBoolean()));
        return byName;
    }

    @Test
    void typesKeepOneClientFacingAndCannotBeDeletedWhileInUse() {
        owner("tara", "typesT");
        String clients = type("tara", "Clients", "green");
        String admin = type("tara", "Paperwork", "Gray");
        assertThat(clientFacing("tara")).as("the first type is client-facing").containsEntry("Clients", true).containsEntry("Paperwork", false);
        assertThat(get("tara", "/api/availability-types/" + admin).get("color").asText()).isEqualTo("gray");

        JsonNode changed = ok(call("tara", HttpMethod.PATCH, "/api/availability-types/" + admin, Map.of("clientFacing", true, "name", "Walk-ins")));
        assertThat(changed.get("clientFacing").asBoolean()).isTrue();
        assertThat(clientFacing("tara")).containsEntry("Clients", false).containsEntry("Walk-ins", true);

        expectError(call("tara", HttpMethod.POST, "/api/availability-types", Map.of("name", "Pink", "color", "pink")),
                HttpStatus.BAD_REQUEST, "INVALID_COLOR");
        assertThat(read(call("tara", HttpMethod.POST, "/api/availability-types", Map.of("name", "Pink", "color", "pink"))).get("message").asText())
                .contains("blue, green, yellow, orange, red, purple, gray");
        expectError(call("tara", HttpMethod.POST, "/api/availability-types", Map.of("color", "red")), HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");
        expectError(call("tara", HttpMethod.POST, "/api/availability-types", Map.of("name", "x".repeat(101), "color", "red")),
                HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");
        expectError(call("tara", HttpMethod.PATCH, "/api/availability-types/" + clients, Map.of("color", "teal")),
                HttpStatus.BAD_REQUEST, "INVALID_COLOR");

        String calendarId = calendar("tara", "Tara's room");
        ok(call("tara", HttpMethod.PUT, "/api/calendars/" + calendarId + "/availability",
                Map.of("typeId", clients, "weekly", List.of(Map.of("day", "MONDAY", "from", "09:00", "to", "12:00")))));
        expectError(call("tara", HttpMethod.DELETE, "/api/availability-types/" + clients, null), HttpStatus.CONFLICT, "TYPE_IN_USE");
        ok(call("tara", HttpMethod.PUT, "/api/calendars/" + calendarId + "/availability", Map.of("weekly", List.of())));
        assertThat(call("tara", HttpMethod.DELETE, "/api/availability-types/" + clients, null).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(clientFacing("tara")).containsOnlyKeys("Walk-ins");
    }

    @Test
    void windowsAndExceptionsAreStoredInTheCalendarsZoneAndEachMistakeIsNamed() {
        owner("wanda", "windowsW");
        String calendarId = calendar("wanda", "Wanda's room");
        String clients = type("wanda", "Client hours", "green");
        String paperwork = type("wanda", "Paperwork", "purple");
        String path = "/api/calendars/" + calendarId + "/availability";

        assertThat(get("wanda", path).get("weekly")).isEmpty();
        JsonNode saved = ok(call("wanda", HttpMethod.PUT, path, Map.of("typeId", clients,
                "weekly", List.of(Map.of("day", "MONDAY", "from", "09:00", "to", "12:00"), Map.of("day", "monday", "from", "13:00", "to", "24:00"),
                        Map.of("day", "FRIDAY", "from", "08:00", "to", "10:00", "typeId", paperwork)),
                "exceptions", List.of(Map.of("date", "2026-12-24", "available", false),
                        Map.of("date", "2027-01-02", "from", "10:00", "to", "14:00", "available", true, "typeId", clients)))));
        JsonNode read = get("wanda", path);
        assertThat(read).isEqualTo(saved);
        assertThat(read.get("typeId").asText()).isEqualTo(clients);
        assertThat(read.get("timeZone").asText()).isEqualTo("America/New_York");
        assertThat(read.get("weekly")).hasSize(3);
        assertThat(read.get("weekly").get(1).get("to").asText()).as("midnight at the end of the day").isEqualTo("24:00");
        assertThat(read.get("weekly").get(2).get("typeId").asText()).isEqualTo(paperwork);
        assertThat(read.get("exceptions").get(0).get("typeId").isNull()).as("a holiday of every type").isTrue();
        assertThat(read.get("exceptions").get(1).get("from").asText()).isEqualTo("10:00");

        expectError(call("wanda", HttpMethod.PUT, path, Map.of("typeId", clients, "weekly", List.of(Map.of("day", "FUNDAY", "from", "09:00", "to", "10:00")))),
                HttpStatus.BAD_REQUEST, "INVALID_DAY");
        expectError(call("wanda", HttpMethod.PUT, path, Map.of("typeId", clients, "weekly", List.of(Map.of("day", "MONDAY", "from", "9am", "to", "10:00")))),
                HttpStatus.BAD_REQUEST, "INVALID_TIME");
        expectError(call("wanda", HttpMethod.PUT, path, Map.of("typeId", clients, "weekly", List.of(Map.of("day", "MONDAY", "from", "24:00", "to", "24:00")))),
                HttpStatus.BAD_REQUEST, "INVALID_TIME");
        expectError(call("wanda", HttpMethod.PUT, path, Map.of("typeId", clients, "weekly", List.of(Map.of("day", "MONDAY", "from", "12:00", "to", "09:00")))),
                HttpStatus.BAD_REQUEST, "INVALID_RANGE");
        expectError(call("wanda", HttpMethod.PUT, path, Map.of("weekly", List.of(Map.of("day", "MONDAY", "from", "09:00", "to", "10:00")))),
                HttpStatus.BAD_REQUEST, "TYPE_REQUIRED");
        expectError(call("wanda", HttpMethod.PUT, path, Map.of("exceptions", List.of(Map.of("date", "24.12.2026", "available", false)))),
                HttpStatus.BAD_REQUEST, "INVALID_DATE");
        expectError(call("wanda", HttpMethod.PUT, path, Map.of("exceptions", List.of(Map.of("date", "2026-12-24", "from", "09:00", "available", false)))),
                HttpStatus.BAD_REQUEST, "INVALID_EXCEPTION");
        expectError(call("wanda", HttpMethod.PUT, path, Map.of("exceptions", List.of(Map.of("date", "2026-12-24", "available", true)))),
                HttpStatus.BAD_REQUEST, "INVALID_EXCEPTION");
        expectError(call("wanda", HttpMethod.PUT, path, Map.of("exceptions", List.of(Map.of("date", "2026-12-24")))),
                HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");

        owner("xavier", "windowsX");
        String theirType = type("xavier", "Theirs", "red");
        expectError(call("wanda", HttpMethod.PUT, path, Map.of("typeId", theirType, "weekly", List.of(Map.of("day", "MONDAY", "from", "09:00", "to", "10:00")))),
                HttpStatus.BAD_REQUEST, "INVALID_TYPE");
        assertThat(get("wanda", path)).as("a refused body changes nothing").isEqualTo(saved);

        expectError(call("xavier", HttpMethod.GET, path, null), HttpStatus.NOT_FOUND, "NOT_FOUND");
        expectError(call("xavier", HttpMethod.PUT, path, Map.of("weekly", List.of())), HttpStatus.NOT_FOUND, "NOT_FOUND");
        expectError(call("wanda", HttpMethod.GET, "/api/calendars/no-such-calendar/availability", null), HttpStatus.NOT_FOUND, "NOT_FOUND");
        expectError(call("wanda", HttpMethod.GET, "/api/availability-types/" + theirType, null), HttpStatus.NOT_FOUND, "NOT_FOUND");
        expectError(call("wanda", HttpMethod.PATCH, "/api/availability-types/" + theirType, Map.of("name", "Mine")), HttpStatus.NOT_FOUND, "NOT_FOUND");
        expectError(call("wanda", HttpMethod.DELETE, "/api/availability-types/" + theirType, null), HttpStatus.NOT_FOUND, "NOT_FOUND");
        assertThat(stream(get("wanda", "/api/availability-types")).map(t -> t.get("id").asText())).doesNotContain(theirType);
        expectError(call("wanda", HttpMethod.GET, "/api/availability-types?ownerGroup=windowsX", null), HttpStatus.BAD_REQUEST, "INVALID_OWNER_GROUP");
    }

    @Test
    void eventDefaultsAreTheAccountsOwnAndChecked() {
        owner("sam", "settingsS");
        owner("sid", "settingsD");
        JsonNode defaults = get("sam", "/api/booking/settings");
        assertThat(defaults.get("defaultDurationMinutes").asInt()).isEqualTo(30);
        assertThat(defaults.get("daysToView").asInt()).isEqualTo(14);
        assertThat(defaults.get("eventRequestsEnabled").asBoolean()).isTrue();

        ok(call("sam", HttpMethod.PUT, "/api/booking/settings", Map.of("defaultDurationMinutes", 45, "daysToView", 60, "eventRequestsEnabled", false)));
        JsonNode saved = get("sam", "/api/booking/settings");
        assertThat(saved.get("defaultDurationMinutes").asInt()).isEqualTo(45);
        assertThat(saved.get("daysToView").asInt()).isEqualTo(60);
        assertThat(saved.get("eventRequestsEnabled").asBoolean()).isFalse();
        assertThat(get("sid", "/api/booking/settings").get("defaultDurationMinutes").asInt()).as("another account's").isEqualTo(30);

        expectError(call("sam", HttpMethod.PUT, "/api/booking/settings", Map.of("defaultDurationMinutes", 4, "daysToView", 14)),
                HttpStatus.BAD_REQUEST, "INVALID_DURATION");
        expectError(call("sam", HttpMethod.PUT, "/api/booking/settings", Map.of("defaultDurationMinutes", 481, "daysToView", 14)),
                HttpStatus.BAD_REQUEST, "INVALID_DURATION");
        expectError(call("sam", HttpMethod.PUT, "/api/booking/settings", Map.of("defaultDurationMinutes", 30, "daysToView", 366)),
                HttpStatus.BAD_REQUEST, "INVALID_DAYS_TO_VIEW");
        expectError(call("sam", HttpMethod.PUT, "/api/booking/settings", Map.of("daysToView", 14)), HttpStatus.BAD_REQUEST, "VALIDATION_FAILED");
        expectError(call("sam", HttpMethod.PUT, "/api/booking/settings?ownerGroup=settingsD", Map.of("defaultDurationMinutes", 30, "daysToView", 7)),
                HttpStatus.BAD_REQUEST, "INVALID_OWNER_GROUP");
        assertThat(get("sam", "/api/booking/settings")).as("refused settings change nothing").isEqualTo(saved);
    }

    @Test
    void anonymousCallersAreRefused() {
        expectError(call(null, HttpMethod.GET, "/api/booking/settings", null), HttpStatus.UNAUTHORIZED, "UNAUTHORIZED");
        expectError(call(null, HttpMethod.PUT, "/api/booking/settings", Map.of("defaultDurationMinutes", 30, "daysToView", 14)),
                HttpStatus.UNAUTHORIZED, "UNAUTHORIZED");
        expectError(call(null, HttpMethod.GET, "/api/availability-types", null), HttpStatus.UNAUTHORIZED, "UNAUTHORIZED");
        expectError(call(null, HttpMethod.PUT, "/api/calendars/any/availability", Map.of()), HttpStatus.UNAUTHORIZED, "UNAUTHORIZED");
    }

    @Test
    void everythingIsBusyIsACalendarSetting() {
        owner("bea", "busyB");
        String calendarId = calendar("bea", "Bea's room");
        assertThat(get("bea", "/api/calendars/" + calendarId).get("allEventsBusy").asBoolean()).isFalse();
        ok(call("bea", HttpMethod.PATCH, "/api/calendars/" + calendarId, Map.of("allEventsBusy", true)));
        assertThat(get("bea", "/api/calendars/" + calendarId).get("allEventsBusy").asBoolean()).isTrue();
        ok(call("bea", HttpMethod.PATCH, "/api/calendars/" + calendarId, Map.of("name", "Bea's big room")));
        assertThat(get("bea", "/api/calendars/" + calendarId).get("allEventsBusy").asBoolean()).as("kept by other changes").isTrue();
    }
}
