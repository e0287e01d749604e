package io.confirmloop.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.confirmloop.support.AbstractIT;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/** "A client says they got nothing": the troubleshooting answer for a number. */
class TroubleshootingIT extends AbstractIT {

    /** Tuesday 1 December 2026, 10:00 in New York. */
    private static final Instant NOW = Instant.parse("2026-12-01T15:00:00Z");
    private static final Instant START = Instant.parse("2026-12-02T15:00:00Z");

    @Test
    void aTextStoppedByTheAccountSettingsSaysSoAndWhatStandsInTheWay() {
        setClock(NOW);
        owner("tessa", "clinicTs1");
        String calendarId = calendar("tessa", "Help desk clinic");
        ok(call("tessa", HttpMethod.PUT, "/api/settings/communication", Map.of("texts", Map.of("reminders", false))));
        event("tessa", calendarId, "Check-up +1 201-555-0241", START, START.plus(Duration.ofMinutes(30)));
        runDueJobs();

        JsonNode answer = get("tessa", "/api/clients/+12015550241/troubleshooting");

        assertThat(answer.get("summary").asText()).isEqualTo(
                "The last text, of Tue 1 Dec 10:00 (America/New_York), was not sent: texts (reminders) switched off in account settings.");
        assertThat(answer.at("/lastText/status").asText()).isEqualTo("SKIPPED");
        assertThat(answer.get("blockers")).extracting(JsonNode::asText)
                .containsExactly("Texts (reminders) are switched off in the account settings of clinicTs1");
        // the 2 h reminder is still planned: it would go once texts are on again
        assertThat(answer.at("/nextText/deferredByQuietHours").asBoolean()).isFalse();
        assertThat(answer.at("/nextText/text").asText()).isEqualTo("Due Wed 2 Dec 08:00 (America/New_York)");
    }

    @Test
    void aClientWhoOptedOutIsToldWhereToTextStart() {
        setClock(NOW);
        owner("tom", "clinicTs2");
        String calendarId = calendar("tom", "Opt lane clinic");
        event("tom", calendarId, "Check-up +1 201-555-0242", START, START.plus(Duration.ofMinutes(30)));
        runDueJobs();
        String ourNumber = stream(get("tom", "/api/dev/sms/outbox")).filter(m -> m.get("to").asText().equals("+12015550242"))
                .findFirst().orElseThrow().get("from").asText();
        reply("tom", "+12015550242", "STOP");
        runDueJobs();

        JsonNode answer = get("tom", "/api/clients/+12015550242/troubleshooting");

        assertThat(answer.get("optedOut").asBoolean()).isTrue();
        assertThat(answer.get("optedOutVia").asText()).isEqualTo(ourNumber);
        assertThat(answer.get("blockers")).extracting(JsonNode::asText).containsExactly("The client opted out of texts via " + ourNumber
                + ": they text START to " + ourNumber + " to receive texts again");
    }

    @Test
    void aTextDueAtNightIsDeferredByQuietHoursUntilTheMorning() {
        // Monday 30 November, 22:30 in New York: the 24 h request for Tuesday 10:00 has passed, the late one waits for 08:00
        setClock(Instant.parse("2026-12-01T03:30:00Z"));
        owner("tina", "clinicTs3");
        String calendarId = calendar("tina", "Night clinic");
        Instant start = Instant.parse("2026-12-01T15:00:00Z");
        event("tina", calendarId, "Check-up +1 201-555-0243", start, start.plus(Duration.ofMinutes(30)));
        runDueJobs();

        JsonNode answer = get("tina", "/api/clients/+12015550243/troubleshooting");

        assertThat(answer.get("summary").asText()).isEqualTo("No text has been sent to this number yet.");
        assertThat(answer.at("/nextText/deferredByQuietHours").asBoolean()).isTrue();
        assertThat(answer.at("/nextText/text").asText()).isEqualTo("Deferred by quiet hours until Tue 1 Dec 08:00 (America/New_York)");
        assertThat(answer.get("blockers")).isEmpty();
    }

    @Test
    void anUnknownOrInvalidNumberIsAClearError() {
        owner("tim", "clinicTs4");
        assertThat(call("tim", HttpMethod.GET, "/api/clients/+12015550244/troubleshooting", null).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        var invalid = call("tim", HttpMethod.GET, "/api/clients/555-0199/troubleshooting", null);
        assertThat(invalid.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(read(invalid).get("error").asText()).isEqualTo("INVALID_PHONE");
    }
}
