package io.confirmloop.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import io.confirmloop.calendar.ProviderFake.FakeEvent;
import io.confirmloop.support.AbstractIT;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What every calendar provider must do for an owner, end to end through the packaged application's
 * API against the provider's WireMock fake: reminders, moves, cancellations, busy time, the
 * owner-only filter, the status lines, a revoked sign-in, throttling and outages, paging, recurring
 * series, time zones and DST, and an expired change cursor. A provider's test extends this and
 * names its fake.
 */
public abstract class ProviderBehaviourSuite extends AbstractIT {

    protected static final String OWNER = "pat";
    protected static final Instant NOW = Instant.parse("2026-12-01T15:00:00Z");
    protected static final Instant TOMORROW = Instant.parse("2026-12-02T15:00:00Z");
    protected static final Duration HALF_HOUR = Duration.ofMinutes(30);
    protected static final String DESK = "desk@parkside.example";

    @Autowired
    DataSource dataSource;
    @Autowired
    TaskService tasks;
    @Autowired
    CalendarSync calendarSync;
    @Autowired
    CalendarConnections connections;
    @Autowired
    CalendarRepository calendarRepository;

    protected String calendarId;

    /** The provider's fake, reset. */
    protected abstract ProviderFake fake();

    @BeforeEach
    void connect() {
        setClock(NOW);
        fake().reset();
        owner(OWNER, "clinicP");
        calendarId = connectCalendar(true);
    }

    protected String connectCalendar(boolean ownerEventsOnly) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Parkside " + fake().provider().apiName());
        body.put("provider", fake().provider().apiName());
        body.put("timeZone", "America/Chicago");
        body.put("notificationEmail", DESK);
        body.put("updateDescriptions", true);
        body.put("ownerEventsOnly", ownerEventsOnly);
        body.put("connection", fake().connection());
        return post(OWNER, "/api/calendars", body).get("id").asText();
    }

    /** The calendar of the test with its connection, as the provider's adapter gets it. */
    protected CalendarAccess access() {
        return connections.access(calendarRepository.find(calendarId).orElseThrow());
    }

    protected JsonNode sync() {
        JsonNode result = post(OWNER, "/api/calendars/" + calendarId + "/sync", null);
        queues.drainAll();
        return result;
    }

    protected List<JsonNode> appointments() {
        return stream(get(OWNER, "/api/appointments?calendarId=" + calendarId + "&from=2026-01-01T00:00:00Z&to=2028-01-01T00:00:00Z"))
                .toList();
    }

    protected JsonNode appointment(String eventId) {
        return appointmentOfEvent(OWNER, calendarId, eventId);
    }

    /** The texts this calendar sent to {@code phone} (every provider's suite uses the same numbers, and the dev outbox keeps all). */
    protected List<String> texts(String phone) {
        String business = "Parkside " + fake().provider().apiName() + ":";
        return textsTo(OWNER, phone).stream().filter(t -> t.startsWith(business)).toList();
    }

    private JdbcClient jdbc() {
        return JdbcClient.create(dataSource);
    }

    @Test
    void aNewEventWithAPhoneNumberGetsItsReminder() {
        String id = fake().add(FakeEvent.of("Check-up +1 201-555-0161", TOMORROW, HALF_HOUR));

        assertThat(sync().get("status").asText()).isEqualTo("SYNCED");
        runDueJobs();

        JsonNode appointment = appointment(id);
        assertThat(Instant.parse(appointment.get("start").asText())).isEqualTo(TOMORROW);
        assertThat(appointment.get("attendees")).singleElement().satisfies(a -> assertThat(a.get("phone").asText()).isEqualTo("+12015550161"));
        assertThat(texts("+12015550161")).singleElement().asString().contains("Wed 2 Dec", "9:00");
    }

    /** Whether the provider's events name their invited guests by email address (Clio's name contacts). */
    protected boolean eventsNameGuestsByEmail() {
        return true;
    }

    @Test
    void aClientInvitedToTheEventGetsTheirEmailFromTheInvitation() {
        String invited = fake().add(FakeEvent.of("Check-up +1 201-555-0179", TOMORROW, HALF_HOUR).withGuests("Maria.Lopez@example.com"));
        String written = fake().add(FakeEvent.of("Check-up +1 201-555-0179 lee@example.org", TOMORROW.plus(HALF_HOUR), HALF_HOUR)
                .withGuests("maria.lopez@example.com"));

        sync();

        String expected = eventsNameGuestsByEmail() ? "maria.lopez@example.com" : null;
        assertThat(appointment(invited).get("attendees")).singleElement()
                .satisfies(a -> assertThat(a.path("email").textValue()).isEqualTo(expected));
        // an address written in the event goes first
        assertThat(appointment(written).get("attendees")).singleElement()
                .satisfies(a -> assertThat(a.path("email").textValue()).isEqualTo("lee@example.org"));
    }

    @Test
    void aMovedEventIsRescheduled() {
        String id = fake().add(FakeEvent.of("Check-up +1 201-555-0162", TOMORROW, HALF_HOUR));
        sync();
        runDueJobs();

        fake().move(id, TOMORROW.plus(Duration.ofHours(2)), TOMORROW.plus(Duration.ofHours(2)).plus(HALF_HOUR));
        sync();
        runDueJobs();

        assertThat(Instant.parse(appointment(id).get("start").asText())).isEqualTo(TOMORROW.plus(Duration.ofHours(2)));
        assertThat(texts("+12015550162")).hasSize(2).last().asString().contains("11:00");
    }

    @Test
    void aDeletedEventIsCancelled() {
        String id = fake().add(FakeEvent.of("Check-up +1 201-555-0163", TOMORROW, HALF_HOUR));
        sync();

        fake().remove(id);
        assertThat(sync().get("status").asText()).isEqualTo("SYNCED");

        assertThat(appointment(id).get("status").asText()).isEqualTo("CANCELLED");
    }

    @Test
    void aFreeEventDoesNotBlockAndABusyOneDoes() {
        String free = fake().add(FakeEvent.of("Lunch", TOMORROW, HALF_HOUR).free());
        String busy = fake().add(FakeEvent.of("Surgery", TOMORROW.plus(Duration.ofHours(1)), HALF_HOUR));

        sync();

        assertThat(busyOf(free)).isFalse();
        assertThat(busyOf(busy)).isTrue();
    }

    private boolean busyOf(String eventId) {
        return jdbc().sql("select busy from calendar_event where calendar_id = ? and event_id = ?").params(calendarId, eventId)
                .query(Boolean.class).single();
    }

    @Test
    void onlyTheOwnersOwnEventsWhenTheCalendarSaysSo() {
        String invited = fake().add(FakeEvent.of("Board meeting +1 201-555-0164", TOMORROW, HALF_HOUR).invited());
        String own = fake().add(FakeEvent.of("Check-up +1 201-555-0165", TOMORROW.plus(Duration.ofHours(1)), HALF_HOUR));

        sync();
        assertThat(appointments()).extracting(a -> a.get("eventId").asText()).containsExactly(own);

        ok(call(OWNER, HttpMethod.PATCH, "/api/calendars/" + calendarId, Map.of("ownerEventsOnly", false)));
        sync();
        assertThat(appointments()).extracting(a -> a.get("eventId").asText()).containsExactlyInAnyOrder(own, invited);
    }

    @Test
    void theStatusLineIsPrependedAndTheRestOfTheDescriptionSurvives() {
        String id = fake().add(FakeEvent.of("Check-up +1 201-555-0166", TOMORROW, HALF_HOUR));
        sync();
        runDueJobs();

        assertThat(fake().description(id)).startsWith("[ConfirmLoop] ").contains("+1 201-555-0166").endsWith("Bring the referral letter");

        reply(OWNER, "+12015550166", "YES");
        runDueJobs();
        assertThat(fake().description(id)).startsWith("[ConfirmLoop] ").contains("onfirmed").endsWith("Bring the referral letter");

        // our own write is no change that replans
        int texts = texts("+12015550166").size();
        fake().expireCursors();
        JsonNode again = sync();
        runDueJobs();
        assertThat(again.get("changesQueued").asInt()).isZero();
        assertThat(texts("+12015550166")).hasSize(texts);
    }

    @Test
    void aRevokedSignInPausesTheCalendarAndTellsTheOwnerOnce() {
        String id = fake().add(FakeEvent.of("Check-up +1 201-555-0167", TOMORROW, HALF_HOUR));
        sync();
        fake().revokeGrant();

        assertThat(sync().get("status").asText()).isEqualTo("FAILED");
        sync();
        calendarSync.syncAll();
        runDueJobs();

        JsonNode calendar = get(OWNER, "/api/calendars/" + calendarId);
        assertThat(calendar.get("connectionState").asText()).isEqualTo("RECONNECT");
        assertThat(calendar.get("lastError").asText()).containsIgnoringCase("reconnect");
        assertThat(mailsTo(OWNER, DESK)).filteredOn(m -> m.get("text").asText().contains(calendarId)).singleElement()
                .satisfies(m -> assertThat(m.get("subject").asText()).containsIgnoringCase("reconnect"));
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(calendarId).taskCandidateGroup("clinicP").list())
                .singleElement().satisfies(t -> assertThat(t.getName()).startsWith("Reconnect"));
        // nothing known is cancelled while the calendar cannot be read
        assertThat(appointment(id).get("status").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void throttlingAndOutagesBackOffAndCancelNothing() {
        // another event stays, so no listing is empty (an empty one right after an error is not trusted to remove)
        fake().add(FakeEvent.of("Team meeting", TOMORROW.plus(Duration.ofHours(3)), HALF_HOUR));
        String id = fake().add(FakeEvent.of("Check-up +1 201-555-0168", TOMORROW, HALF_HOUR));
        sync();
        fake().remove(id);
        fake().expireCursors();

        fake().failWith(429, "120");
        JsonNode throttled = sync();
        assertThat(throttled.get("status").asText()).isEqualTo("FAILED");
        assertThat(throttled.get("error").asText()).contains("429");
        assertThat(appointment(id).get("status").asText()).isEqualTo("ACTIVE");

        // the scheduled round leaves the calendar alone for as long as the provider asked (other tests' calendars stay out of it)
        jdbc().sql("update calendar set active = false where id <> ?").param(calendarId).update();
        fake().clearFaults();
        int served = fake().server().wireMock().getAllServeEvents().size();
        setClock(NOW.plusSeconds(60));
        calendarSync.syncAll();
        assertThat(fake().server().wireMock().getAllServeEvents()).hasSize(served);

        fake().failWith(503, null);
        setClock(NOW.plusSeconds(180));
        calendarSync.syncAll();
        queues.drainAll();
        assertThat(get(OWNER, "/api/calendars/" + calendarId).get("lastError").asText()).contains("503");
        assertThat(appointment(id).get("status").asText()).isEqualTo("ACTIVE");

        fake().clearFaults();
        setClock(NOW.plusSeconds(600));
        calendarSync.syncAll();
        queues.drainAll();
        assertThat(appointment(id).get("status").asText()).isEqualTo("CANCELLED");
    }

    @Test
    void aTenMinuteOutageIsVisibleCancelsNothingAndWhatChangedMeanwhileArrivesAfterIt() {
        fake().add(FakeEvent.of("Team meeting", TOMORROW.plus(Duration.ofHours(3)), HALF_HOUR));
        String moved = fake().add(FakeEvent.of("Check-up +1 201-555-0176", TOMORROW, HALF_HOUR));
        sync();
        // the scheduled rounds only (other tests' calendars stay out of them)
        jdbc().sql("update calendar set active = false where id <> ?").param(calendarId).update();

        // the provider answers 503 for ten minutes; meanwhile the owner moves one client and books another
        fake().failWith(503, null);
        fake().move(moved, TOMORROW.plus(Duration.ofHours(2)), TOMORROW.plus(Duration.ofHours(2)).plus(HALF_HOUR));
        String added = fake().add(FakeEvent.of("Check-up +1 201-555-0177", TOMORROW.plus(Duration.ofHours(1)), HALF_HOUR));
        int servedBefore = fake().server().wireMock().getAllServeEvents().size();
        for (int minute = 1; minute <= 10; minute++) {
            setClock(NOW.plus(Duration.ofMinutes(minute)));
            calendarSync.syncAll();
            queues.drainAll();
            assertThat(get(OWNER, "/api/calendars/" + calendarId).get("lastError").asText()).as("minute " + minute).contains("503");
            assertThat(appointment(moved).get("status").asText()).isEqualTo("ACTIVE");
            assertThat(Instant.parse(appointment(moved).get("start").asText())).isEqualTo(TOMORROW);
        }
        assertThat(appointments()).hasSize(1);
        assertThat(fake().server().wireMock().getAllServeEvents().size() - servedBefore)
                .as("a try every sync interval (2 minutes), not a storm of retries").isBetween(1, 15);

        fake().clearFaults();
        setClock(NOW.plus(Duration.ofMinutes(12)));
        calendarSync.syncAll();
        queues.drainAll();
        JsonNode calendar = get(OWNER, "/api/calendars/" + calendarId);
        assertThat(Instant.parse(calendar.get("lastSyncedAt").asText())).as("synced since the last error")
                .isAfter(Instant.parse(calendar.get("lastErrorAt").asText()));
        assertThat(Instant.parse(appointment(moved).get("start").asText())).isEqualTo(TOMORROW.plus(Duration.ofHours(2)));
        assertThat(appointment(added).get("status").asText()).isEqualTo("ACTIVE");
        assertThat(appointment(added).at("/attendees/0/phone").asText()).isEqualTo("+12015550177");
    }

    @Test
    void aWindowOfMoreThan500EventsIsReadPageByPage() {
        for (int i = 0; i < 520; i++) {
            fake().add(FakeEvent.of("Block " + i, NOW.plus(Duration.ofHours(1)).plus(Duration.ofMinutes(30L * i)), HALF_HOUR));
        }

        JsonNode result = sync();

        assertThat(result.get("status").asText()).isEqualTo("SYNCED");
        assertThat(result.get("eventsRead").asInt()).isEqualTo(520);
        assertThat(jdbc().sql("select count(*) from calendar_event where calendar_id = ? and deleted = false").param(calendarId)
                .query(Integer.class).single()).isEqualTo(520);
    }

    @Test
    void aRecurringSeriesIsExpandedIntoOneAppointmentPerOccurrence() {
        fake().addSeries(FakeEvent.of("Physio +1 201-555-0169", TOMORROW, HALF_HOUR), 3, Duration.ofDays(2));

        sync();

        assertThat(appointments()).extracting(a -> Instant.parse(a.get("start").asText()))
                .containsExactlyInAnyOrder(TOMORROW, TOMORROW.plus(Duration.ofDays(2)), TOMORROW.plus(Duration.ofDays(4)));
    }

    @Test
    void anEventWrittenInAnotherZoneAcrossTheDstChangeKeepsItsInstant() {
        // the US leaves standard time on 14 March 2027, the UK on 28 March: one week, two offsets
        Instant now = Instant.parse("2027-03-10T15:00:00Z");
        setClock(now);
        Instant start = Instant.parse("2027-03-15T14:00:00Z"); // 14:00 in London, 09:00 in Chicago (CDT)
        String id = fake().add(FakeEvent.of("Check-up +1 201-555-0170", start, HALF_HOUR).in(ZoneId.of("Europe/London")));

        sync();

        assertThat(Instant.parse(appointment(id).get("start").asText())).isEqualTo(start);
        JsonNode preview = get(OWNER, "/api/calendars/" + calendarId + "/preview?days=7");
        assertThat(preview.get("appointments")).singleElement()
                .satisfies(a -> assertThat(a.get("localStart").asText()).isEqualTo("Mon 15 Mar 2027 09:00"));
    }

    @Test
    void anExpiredChangeCursorLeadsToAFullReconcile() {
        String first = fake().add(FakeEvent.of("Check-up +1 201-555-0171", TOMORROW, HALF_HOUR));
        sync();

        fake().expireCursors();
        String second = fake().add(FakeEvent.of("Filling +1 201-555-0172", TOMORROW.plus(Duration.ofHours(1)), HALF_HOUR));
        fake().remove(first);
        JsonNode result = sync();

        assertThat(result.get("status").asText()).isEqualTo("SYNCED");
        assertThat(appointment(second).get("status").asText()).isEqualTo("ACTIVE");
        assertThat(appointment(first).get("status").asText()).isEqualTo("CANCELLED");
    }
}
