package io.confirmloop.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.confirmloop.support.AbstractIT;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The account's communication settings and a client's switches stop messages, visibly: the message
 * is kept as SKIPPED with the switch as its reason, the appointment's log says so, and the
 * client's log shows it and the change of the switch.
 */
class CommunicationSwitchesIT extends AbstractIT {

    private static final String OWNER = "carmen";
    private static final String GROUP = "clinicSw";
    /** Tuesday 1 December 2026, 10:00 in New York. */
    private static final Instant NOW = Instant.parse("2026-12-01T15:00:00Z");
    /** Wednesday 2 December 2026, 10:00 in New York. */
    private static final Instant START = Instant.parse("2026-12-02T15:00:00Z");
    private static final Instant END = START.plus(Duration.ofMinutes(30));

    String calendarId;

    @BeforeEach
    void setUp() {
        setClock(NOW);
        owner(OWNER, GROUP);
        owner("dora", "clinicSwOther");
        calendarId = calendar(OWNER, "Switch street clinic");
        put("/api/settings/communication", Map.of("texts", Map.of("reminders", true, "acknowledgements", true)));
    }

    @Test
    void remindersSwitchedOffInTheAccountAreSkippedAndLoggedAndTheNextOneGoesOnceOnAgain() {
        JsonNode settings = put("/api/settings/communication", Map.of("texts", Map.of("reminders", false)));
        assertThat(settings.at("/texts/reminders").asBoolean()).isFalse();
        assertThat(settings.at("/texts/acknowledgements").asBoolean()).isTrue();
        assertThat(settings.at("/emails/reminders").asBoolean()).isTrue();
        assertThat(get(OWNER, "/api/settings/communication").at("/texts/reminders").asBoolean()).isFalse();

        String eventId = event(OWNER, calendarId, "Check-up +1 201-555-0231", START, END);
        runDueJobs();

        assertThat(textsTo(OWNER, "+12015550231")).isEmpty();
        String appointmentId = appointmentOfEvent(OWNER, calendarId, eventId).get("id").asText();
        assertThat(logTexts(OWNER, appointmentId)).contains("Skipped text: texts (reminders) switched off in account settings");
        JsonNode client = get(OWNER, "/api/clients/+12015550231/log");
        assertThat(client.get("messages")).singleElement().satisfies(m -> {
            assertThat(m.get("status").asText()).isEqualTo("SKIPPED");
            assertThat(m.get("errorMessage").asText()).isEqualTo("texts (reminders) switched off in account settings");
            assertThat(m.get("body").asText()).contains("Switch street clinic", "Wed 2 Dec at 10:00");
        });
        assertThat(client.get("changes")).anySatisfy(c -> {
            assertThat(c.get("text").asText()).isEqualTo("Account settings: texts (reminders) switched off");
            assertThat(c.get("by").asText()).isEqualTo(OWNER);
        });

        put("/api/settings/communication", Map.of("texts", Map.of("reminders", true)));
        setClock(START.minus(Duration.ofHours(2)));
        runDueJobs();
        assertThat(textsTo(OWNER, "+12015550231")).singleElement().asString().contains("see you on Wed 2 Dec at 10:00");
    }

    @Test
    void aClientWhoMayNotReceiveTextsGetsNoneWhileTheOtherAttendeeDoes() {
        JsonNode switches = put("/api/clients/+1 201-555-0232/settings", Map.of("canReceiveTexts", false));
        assertThat(switches.get("phone").asText()).isEqualTo("+12015550232");
        assertThat(switches.get("canReceiveTexts").asBoolean()).isFalse();
        assertThat(switches.get("canReceiveEmails").asBoolean()).isTrue();

        String eventId = event(OWNER, calendarId, "Family check-up +1 201-555-0232 and +1 201-555-0233", START, END);
        runDueJobs();

        assertThat(textsTo(OWNER, "+12015550232")).isEmpty();
        assertThat(textsTo(OWNER, "+12015550233")).hasSize(1);
        String appointmentId = appointmentOfEvent(OWNER, calendarId, eventId).get("id").asText();
        assertThat(logTexts(OWNER, appointmentId)).contains("Skipped text: texts switched off for this client");
        JsonNode client = get(OWNER, "/api/clients/+12015550232/log");
        assertThat(client.get("switches")).singleElement().satisfies(s -> assertThat(s.get("canReceiveTexts").asBoolean()).isFalse());
        assertThat(client.get("changes")).anySatisfy(c -> assertThat(c.get("text").asText()).isEqualTo("Can receive texts switched off"));
    }

    @Test
    void acknowledgementsSwitchedOffLeaveTheConfirmationButSendNoAnswer() {
        String eventId = event(OWNER, calendarId, "Check-up +1 201-555-0234", START, END);
        runDueJobs();
        assertThat(textsTo(OWNER, "+12015550234")).hasSize(1);
        put("/api/settings/communication", Map.of("texts", Map.of("acknowledgements", false)));

        reply(OWNER, "+12015550234", "C");
        runDueJobs();

        JsonNode appointment = appointmentOfEvent(OWNER, calendarId, eventId);
        assertThat(appointment.at("/attendees/0/status").asText()).isEqualTo("CONFIRMED");
        assertThat(textsTo(OWNER, "+12015550234")).hasSize(1);
        assertThat(logTexts(OWNER, appointment.get("id").asText()))
                .contains("Skipped text: texts (acknowledgements) switched off in account settings");
    }

    @Test
    void badSettingsAreRefusedWithAClearMessageAndChangeNothing() {
        assertError(call(OWNER, HttpMethod.PUT, "/api/settings/communication", Map.of("texts", Map.of("remindrs", false))),
                HttpStatus.BAD_REQUEST, "UNKNOWN_SETTING", "remindrs");
        assertError(call(OWNER, HttpMethod.PUT, "/api/settings/communication", Map.of("faxes", Map.of("reminders", false))),
                HttpStatus.BAD_REQUEST, "UNKNOWN_SETTING", "faxes");
        assertError(call(OWNER, HttpMethod.PUT, "/api/settings/communication", Map.of("texts", Map.of("reminders", "no"))),
                HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST", "true or false");
        assertError(call(OWNER, HttpMethod.PUT, "/api/clients/555-0199/settings", Map.of("canReceiveTexts", false)),
                HttpStatus.BAD_REQUEST, "INVALID_PHONE", "555-0199");
        assertError(call(OWNER, HttpMethod.PUT, "/api/clients/+12015550235/settings", Map.of("canReceiveFaxes", false)),
                HttpStatus.BAD_REQUEST, "UNKNOWN_SETTING", "canReceiveFaxes");
        // another account's settings are not the caller's to read or change
        assertError(call(OWNER, HttpMethod.PUT, "/api/settings/communication?ownerGroup=clinicSwOther",
                Map.of("texts", Map.of("reminders", false))), HttpStatus.BAD_REQUEST, "INVALID_OWNER_GROUP", "clinicSwOther");
        assertThat(get("dora", "/api/settings/communication").at("/texts/reminders").asBoolean()).isTrue();
        assertThat(get(OWNER, "/api/settings/communication").at("/texts/reminders").asBoolean()).isTrue();
    }

    private JsonNode put(String path, Object body) {
        return ok(call(OWNER, HttpMethod.PUT, path, body));
    }

    private void assertError(ResponseEntity<String> response, HttpStatus status, String error, String messagePart) {
        assertThat(response.getStatusCode()).isEqualTo(status);
        JsonNode body = read(response);
        assertThat(body.get("error").asText()).isEqualTo(error);
        assertThat(body.get("message").asText()).contains(messagePart);
    }
}
