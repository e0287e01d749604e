package io.confirmloop.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.confirmloop.calendar.FakeRemoteCalendar;
import io.confirmloop.support.AbstractIT;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * "Update appointment descriptions" on a provider calendar: the status lines are written by a
 * step of their own, against the event's version, never in the way of a reminder.
 */
@Import(io.confirmloop.calendar.FakeRemoteCalendar.InContext.class)
class StatusLineWriteBackIT extends AbstractIT {

    private static final String OWNER = "sol";
    private static final Instant NOW = Instant.parse("2026-12-01T15:00:00Z");
    private static final Instant TOMORROW = Instant.parse("2026-12-02T15:00:00Z");
    private static final Duration HALF_HOUR = Duration.ofMinutes(30);

    @Autowired
    FakeRemoteCalendar google;
    @Autowired
    StatusLineWriter statusLines;

    String calendarId;
    String remoteId;

    @BeforeEach
    void setUp() {
        setClock(NOW);
        google.reset();
        owner(OWNER, "clinicSol");
        remoteId = "sol-" + System.nanoTime() + "@group.calendar.google.com";
        calendarId = googleCalendar(OWNER, remoteId, "ya29.token", "1//refresh");
    }

    private JsonNode syncAndTakeIn() {
        JsonNode result = post(OWNER, "/api/calendars/" + calendarId + "/sync", null);
        queues.drainAll();
        return result;
    }

    private String onlyAppointment() {
        return get(OWNER, "/api/appointments?calendarId=" + calendarId).get(0).get("id").asText();
    }

    @Test
    void ourOwnStatusLinesAreWrittenAgainstTheVersionAndNeverComeBackAsAChange() {
        google.put(remoteId, "e1", "Check-up +1 201-555-0161", "Bring the X-rays", TOMORROW, HALF_HOUR, true);
        syncAndTakeIn();
        String appointmentId = onlyAppointment();
        runDueJobs(); // the 24 h confirmation request is due now; the status lines follow

        assertThat(textsTo(OWNER, "+12015550161")).hasSize(1);
        assertThat(google.event(remoteId, "e1").orElseThrow().description())
                .isEqualTo("[ConfirmLoop] +1 201-555-0161: reminded\nBring the X-rays");
        List<String> logBefore = logTexts(OWNER, appointmentId);

        JsonNode next = syncAndTakeIn();

        assertThat(next.get("eventsChanged").asInt()).isZero();
        assertThat(next.get("changesQueued").asInt()).isZero();
        assertThat(logTexts(OWNER, appointmentId)).isEqualTo(logBefore);
        assertThat(get(OWNER, "/api/appointments/" + appointmentId).get("statusLines").isNull()).isTrue();
    }

    @Test
    void aCalendarThatIsDownNeverFailsAReminderAndTheLinesAreWrittenLater() {
        google.put(remoteId, "e1", "Check-up +1 201-555-0162", null, TOMORROW, HALF_HOUR, true);
        syncAndTakeIn();
        String appointmentId = onlyAppointment();
        google.failDescriptionWrites(100);

        runDueJobs();

        assertThat(textsTo(OWNER, "+12015550162")).hasSize(1);
        assertThat(runtime.createIncidentQuery().count()).isZero();
        JsonNode pending = get(OWNER, "/api/appointments/" + appointmentId).get("statusLines");
        assertThat(pending.get("pending").asBoolean()).isTrue();
        assertThat(pending.get("error").asText()).contains("503");

        google.failDescriptionWrites(0);
        setClock(NOW.plus(Duration.ofMinutes(5)));
        statusLines.sweep();
        queues.drainAll();

        assertThat(google.event(remoteId, "e1").orElseThrow().description()).startsWith("[ConfirmLoop] +1 201-555-0162: reminded");
        assertThat(get(OWNER, "/api/appointments/" + appointmentId).get("statusLines").isNull()).isTrue();
    }

    @Test
    void anOwnerEditBetweenReadAndWriteIsKeptAndTheLinesGoOnTop() {
        google.put(remoteId, "e1", "Check-up +1 201-555-0163", "Old note", TOMORROW, HALF_HOUR, true);
        syncAndTakeIn();
        // the owner edits the note in Google after the last sync: our copy has the old version
        google.put(remoteId, "e1", "Check-up +1 201-555-0163", "New note from the owner", TOMORROW, HALF_HOUR, true);

        runDueJobs();

        assertThat(google.event(remoteId, "e1").orElseThrow().description())
                .isEqualTo("[ConfirmLoop] +1 201-555-0163: reminded\nNew note from the owner");
    }
}
