package io.confirmloop.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import io.confirmloop.support.AbstractIT;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A provider calendar synced through the seam (an in-memory stand-in that keeps the seam's
 * contract): what is read, what becomes a change, and that outages, partial and suspicious answers
 * never cancel an appointment.
 */
@ExtendWith(OutputCaptureExtension.class)
@Import(FakeRemoteCalendar.InContext.class)
class RemoteCalendarSyncIT extends AbstractIT {

    private static final String OWNER = "rio";
    private static final String ACCESS_TOKEN = "ya29.a0-SECRET-ACCESS-TOKEN-4711";
    private static final String REFRESH_TOKEN = "1//0g-SECRET-REFRESH-TOKEN-0815";
    private static final Instant NOW = Instant.parse("2026-12-01T15:00:00Z");
    private static final Instant TOMORROW = Instant.parse("2026-12-02T15:00:00Z");
    private static final Duration HALF_HOUR = Duration.ofMinutes(30);

    @Autowired
    FakeRemoteCalendar google;
    @Autowired
    DataSource dataSource;

    String calendarId;
    String remoteId;

    @BeforeEach
    void setUp() {
        setClock(NOW);
        google.reset();
        owner(OWNER, "clinicR");
        remoteId = "frontdesk-" + System.nanoTime() + "@group.calendar.google.com";
        calendarId = googleCalendar(OWNER, remoteId, ACCESS_TOKEN, REFRESH_TOKEN);
    }

    private JsonNode sync() {
        return post(OWNER, "/api/calendars/" + calendarId + "/sync", null);
    }

    private JsonNode syncAndTakeIn() {
        JsonNode result = sync();
        queues.drainAll();
        return result;
    }

    private List<JsonNode> appointments() {
        return stream(get(OWNER, "/api/appointments?calendarId=" + calendarId + "&from=2026-11-01T00:00:00Z&to=2027-03-01T00:00:00Z"))
                .toList();
    }

    private List<String> statuses() {
        return appointments().stream().map(a -> a.get("status").asText()).toList();
    }

    private void fourEvents() {
        google.put(remoteId, "e1", "Check-up +1 201-555-0151", null, TOMORROW, HALF_HOUR, true);
        google.put(remoteId, "e2", "Filling +1 201-555-0152", null, TOMORROW.plus(Duration.ofHours(1)), HALF_HOUR, true);
        google.put(remoteId, "e3", "Cleaning +1 201-555-0153", null, TOMORROW.plus(Duration.ofHours(2)), HALF_HOUR, true);
        google.put(remoteId, "e4", "Team lunch", null, TOMORROW.plus(Duration.ofHours(3)), HALF_HOUR, false);
    }

    @Test
    void eventsBecomeAppointmentsAndASyncWithNoChangeCostsOneCallAndChangesNothing() {
        fourEvents();

        JsonNode first = syncAndTakeIn();
        assertThat(first.get("status").asText()).isEqualTo("SYNCED");
        assertThat(first.get("eventsRead").asInt()).isEqualTo(4);
        assertThat(first.get("eventsChanged").asInt()).isEqualTo(4);
        assertThat(appointments()).extracting(a -> a.get("eventId").asText()).containsExactlyInAnyOrder("e1", "e2", "e3");

        int before = google.calls.get();
        JsonNode second = syncAndTakeIn();
        assertThat(google.calls.get() - before).as("one call to the change feed").isEqualTo(1);
        assertThat(second.get("eventsChanged").asInt()).isZero();
        assertThat(second.get("changesQueued").asInt()).isZero();
        assertThat(get(OWNER, "/api/calendars/" + calendarId).get("lastSyncedAt").isNull()).isFalse();
    }

    @Test
    void changesFromTheFeedMoveAddAndCancel() {
        fourEvents();
        syncAndTakeIn();

        google.put(remoteId, "e1", "Check-up +1 201-555-0151", null, TOMORROW.plus(Duration.ofHours(5)), HALF_HOUR, true);
        google.remove(remoteId, "e2");
        google.put(remoteId, "e5", "New patient +1 201-555-0155", null, TOMORROW.plus(Duration.ofHours(6)), HALF_HOUR, true);
        JsonNode result = syncAndTakeIn();

        assertThat(result.get("eventsRemoved").asInt()).isEqualTo(1);
        JsonNode e1 = appointments().stream().filter(a -> a.get("eventId").asText().equals("e1")).findFirst().orElseThrow();
        assertThat(Instant.parse(e1.get("start").asText())).isEqualTo(TOMORROW.plus(Duration.ofHours(5)));
        assertThat(appointments()).filteredOn(a -> a.get("eventId").asText().equals("e2")).singleElement()
                .satisfies(a -> assertThat(a.get("status").asText()).isEqualTo("CANCELLED"));
        assertThat(appointments()).anySatisfy(a -> assertThat(a.get("eventId").asText()).isEqualTo("e5"));
    }

    @Test
    void anOutageCancelsNothingAndIsShownOnTheCalendar() {
        fourEvents();
        syncAndTakeIn();
        google.remove(remoteId, "e3");
        google.failNextCalls(1);

        JsonNode result = syncAndTakeIn();

        assertThat(result.get("status").asText()).isEqualTo("FAILED");
        assertThat(result.get("error").asText()).contains("503");
        assertThat(statuses()).containsOnly("ACTIVE").hasSize(3);
        JsonNode calendar = get(OWNER, "/api/calendars/" + calendarId);
        assertThat(calendar.get("lastError").asText()).contains("503");
        assertThat(calendar.get("lastErrorAt").isNull()).isFalse();
    }

    @Test
    void aPartialListingCancelsNothingAndTheNextCompleteOneDoes() {
        google.pageSize(2);
        fourEvents();
        syncAndTakeIn();
        google.remove(remoteId, "e1");
        google.expireCursors();
        google.failOnPage(1);

        assertThat(syncAndTakeIn().get("status").asText()).isEqualTo("FAILED");
        assertThat(statuses()).containsOnly("ACTIVE").hasSize(3);

        google.failOnPage(-1);
        JsonNode complete = syncAndTakeIn();
        assertThat(complete.get("status").asText()).isEqualTo("SYNCED");
        assertThat(complete.get("eventsRemoved").asInt()).isEqualTo(1);
        assertThat(appointments()).filteredOn(a -> a.get("status").asText().equals("CANCELLED"))
                .extracting(a -> a.get("eventId").asText()).containsExactly("e1");
    }

    @Test
    void anEmptyAnswerRightAfterAnErrorCancelsNothing() {
        fourEvents();
        syncAndTakeIn();
        google.failNextCalls(1);
        assertThat(syncAndTakeIn().get("status").asText()).isEqualTo("FAILED");

        google.expireCursors();
        google.answerEmpty(1);
        JsonNode empty = syncAndTakeIn();

        assertThat(empty.get("status").asText()).isEqualTo("SYNCED");
        assertThat(empty.get("removalsHeld").asBoolean()).isTrue();
        assertThat(statuses()).containsOnly("ACTIVE").hasSize(3);

        // the events were there all along: the next sync finds nothing to remove
        google.expireCursors();
        JsonNode next = syncAndTakeIn();
        assertThat(next.get("eventsRemoved").asInt()).isZero();
        assertThat(statuses()).containsOnly("ACTIVE").hasSize(3);
    }

    @Test
    void removalsHeldAfterAnErrorAreConfirmedByTheNextFullRead() {
        fourEvents();
        syncAndTakeIn();
        google.failNextCalls(1);
        assertThat(syncAndTakeIn().get("status").asText()).isEqualTo("FAILED");
        google.remove(remoteId, "e1");
        google.expireCursors();
        // a change after the cursors expired, so the cursor the next listing hands out is a valid one
        google.put(remoteId, "e5", "Lunch", null, TOMORROW.plus(Duration.ofHours(5)), HALF_HOUR, false);
        google.answerEmpty(1);

        assertThat(syncAndTakeIn().get("removalsHeld").asBoolean()).isTrue();
        assertThat(statuses()).containsOnly("ACTIVE").hasSize(3);

        // that listing's cursor was not kept: the next sync reads the window again and confirms the removal
        JsonNode next = syncAndTakeIn();
        assertThat(next.get("eventsRemoved").asInt()).isEqualTo(1);
        assertThat(appointments()).filteredOn(a -> a.get("status").asText().equals("CANCELLED"))
                .extracting(a -> a.get("eventId").asText()).containsExactly("e1");
    }

    @Test
    void anEventMovedOutOfTheWindowIsMovedNotCancelled() {
        fourEvents();
        syncAndTakeIn();
        google.put(remoteId, "e3", "Cleaning +1 201-555-0153", null, NOW.plus(Duration.ofDays(30)), HALF_HOUR, true);
        google.expireCursors();

        JsonNode result = syncAndTakeIn();

        assertThat(result.get("eventsRemoved").asInt()).isZero();
        JsonNode e3 = appointments().stream().filter(a -> a.get("eventId").asText().equals("e3")).findFirst().orElseThrow();
        assertThat(e3.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(Instant.parse(e3.get("start").asText())).isEqualTo(NOW.plus(Duration.ofDays(30)));
    }

    @Test
    void credentialsAreEncryptedAtRestAndNeverShownOrLogged(CapturedOutput output) {
        JsonNode calendar = get(OWNER, "/api/calendars/" + calendarId);
        assertThat(calendar.get("connection").get("calendarId").asText()).isEqualTo(remoteId);
        assertThat(calendar.get("connection").get("refreshTokenSet").asBoolean()).isTrue();
        assertThat(calendar.toString()).doesNotContain(ACCESS_TOKEN).doesNotContain(REFRESH_TOKEN);

        String stored = JdbcClient.create(dataSource).sql("select connection_secret from calendar where id = ?").param(calendarId)
                .query(String.class).single();
        assertThat(stored).startsWith("v1:").doesNotContain(ACCESS_TOKEN).doesNotContain(REFRESH_TOKEN).doesNotContain(remoteId);

        String newToken = "ya29.a0-SECRET-NEW-ACCESS-TOKEN-9999";
        JsonNode patched = ok(call(OWNER, HttpMethod.PATCH, "/api/calendars/" + calendarId,
                Map.of("connection", Map.of("accessToken", newToken))));
        assertThat(patched.toString()).doesNotContain(newToken);
        assertThat(patched.get("connection").get("refreshTokenSet").asBoolean()).as("the refresh token is kept").isTrue();

        String malformed = "{\"connection\": {\"accessToken\": " + newToken + "}}";
        assertThat(call(OWNER, HttpMethod.PATCH, "/api/calendars/" + calendarId, malformed).getBody())
                .contains("MALFORMED_REQUEST").doesNotContain(newToken);

        google.failNextCalls(1);
        sync();
        assertThat(output.getAll()).doesNotContain(ACCESS_TOKEN).doesNotContain(REFRESH_TOKEN).doesNotContain(newToken);
    }
}
