package io.confirmloop.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import io.confirmloop.support.AbstractIT;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** Finding a client by name, number or email, with their opt-out and the number they texted STOP to. */
class ClientsIT extends AbstractIT {

    private static final String OWNER = "ines";
    private static final Instant NOW = Instant.parse("2026-12-01T15:00:00Z");
    private static final Instant START = Instant.parse("2026-12-02T15:00:00Z");

    String calendarId;

    @BeforeEach
    void setUp() {
        setClock(NOW);
        owner(OWNER, "clinicCl");
        owner("jon", "clinicClOther");
        calendarId = calendar(OWNER, "Client lane clinic");
    }

    @Test
    void aClientIsFoundByNameNumberOrEmailAndOnlyByTheirOwnAccount() {
        event(OWNER, calendarId, "Check-up Juana Perez +1 201-555-0236 juana.perez@example.com", START, START.plus(Duration.ofMinutes(30)));
        String later = event(OWNER, calendarId, "Follow-up Juana Perez +1 201-555-0236", START.plus(Duration.ofDays(1)),
                START.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(30)));

        for (String q : new String[] {"juana", "201-555-0236", "(201) 555 0236", "JUANA.PEREZ@EXAMPLE"}) {
            JsonNode found = get(OWNER, "/api/clients?q=" + q);
            assertThat(found).as("q=%s", q).singleElement().satisfies(c -> {
                assertThat(c.get("phone").asText()).isEqualTo("+12015550236");
                assertThat(c.get("displayPhone").asText()).isEqualTo("+1 201-555-0236");
                // named and linked as the latest appointment names them
                assertThat(c.get("name").asText()).isEqualTo("Follow-up Juana Perez");
                assertThat(c.at("/latestAppointment/id").asText())
                        .isEqualTo(appointmentOfEvent(OWNER, calendarId, later).get("id").asText());
                assertThat(c.get("smsOptedOut").asBoolean()).isFalse();
            });
        }
        assertThat(get("jon", "/api/clients?q=juana")).isEmpty();
        assertThat(get(OWNER, "/api/clients?q=nobody-here")).isEmpty();
    }

    @Test
    void aClientWhoTextedStopShowsTheNumberTheyTextedItTo() {
        event(OWNER, calendarId, "Cleaning Ravi +1 201-555-0237", START, START.plus(Duration.ofMinutes(30)));
        runDueJobs();
        String ourNumber = stream(get(OWNER, "/api/dev/sms/outbox")).filter(m -> m.get("to").asText().equals("+12015550237"))
                .findFirst().orElseThrow().get("from").asText();

        reply(OWNER, "+12015550237", "STOP");
        runDueJobs();

        assertThat(get(OWNER, "/api/clients?q=ravi")).singleElement().satisfies(c -> {
            assertThat(c.get("smsOptedOut").asBoolean()).isTrue();
            assertThat(c.get("optedOutVia").asText()).isEqualTo(ourNumber);
        });

        reply(OWNER, "+12015550237", "START");
        runDueJobs();
        assertThat(get(OWNER, "/api/clients/+12015550237/log").get("changes")).extracting(c -> c.get("text").asText())
                .containsExactly("Opted out of texts via " + ourNumber, "Opted in to texts again");
    }

    @Test
    void aSearchTooShortIsRefused() {
        ResponseEntity<String> response = call(OWNER, HttpMethod.GET, "/api/clients?q=a", null);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(read(response).get("error").asText()).isEqualTo("QUERY_TOO_SHORT");
        ResponseEntity<String> status = call(OWNER, HttpMethod.GET, "/api/appointments?status=MAYBE", null);
        assertThat(status.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(read(status).get("error").asText()).isEqualTo("INVALID_STATUS");
    }
}
