package io.confirmloop.booking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import io.confirmloop.calendar.CalendarRepository;
import io.confirmloop.calendar.FakeRemoteCalendar;
import io.confirmloop.support.AbstractIT;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Self-booking through the public API on PostgreSQL: the free slots, a booking that becomes an
 * appointment whose first text is the booking confirmation, each refusal, two clients racing for
 * one slot, and the copy into a calendar marked "copy appointments" that survives an outage.
 */
@Import(FakeRemoteCalendar.InContext.class)
class BookingIT extends AbstractIT {

    /** Monday 7 December 2026, 12:00 in New York. */
    private static final Instant NOW = Instant.parse("2026-12-07T17:00:00Z");
    private static final String WED_0900 = "2026-12-09T09:00-05:00";
    private static final String WED_0930 = "2026-12-09T09:30-05:00";

    @Autowired
    AvailabilityRepository availability;
    @Autowired
    CalendarRepository calendars;
    @Autowired
    BookingCopies copies;
    @Autowired
    FakeRemoteCalendar remote;
    @Autowired
    JdbcClient jdbc;

    private String user;
    private String calendarId;

    @BeforeEach
    void account() {
        setClock(NOW);
        user = "booker" + System.nanoTime();
        String group = user + "clinic";
        owner(user, group);
        calendarId = calendar(user, "Front desk");
        AvailabilityType hours = availability.insertType(group, "Client hours", AvailabilityType.Color.GREEN, true, NOW);
        List<Availability.Window> weekly = new ArrayList<>();
        for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            weekly.add(new Availability.Window(hours.id(), day, LocalTime.of(9, 0), LocalTime.of(12, 0)));
        }
        availability.replaceAvailability(calendarId, new Availability(weekly, List.of()));
        remote.reset();
    }

    private List<String> slotStarts() {
        List<String> starts = new ArrayList<>();
        get(null, "/api/booking/" + calendarId + "/slots").forEach(s -> starts.add(s.get("start").asText()));
        return starts;
    }

    private ResponseEntity<String> book(String name, String phone, String email, String start) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", name, "phone", phone, "start", start));
        if (email != null) {
            body.put("email", email);
        }
        return call(null, HttpMethod.POST, "/api/booking/" + calendarId + "/appointments", body);
    }

    private void assertRefused(ResponseEntity<String> response, int status, String code) {
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(status);
        assertThat(read(response).get("error").asText()).isEqualTo(code);
        assertThat(read(response).get("message").asText()).isNotBlank();
    }

    @Test
    void theSlotsAreTheFreeTimesTheRulesAllowAndShowNothingOfTheOwnersEvents() {
        event(user, calendarId, "Root canal, J. Smith +12015550123", Instant.parse("2026-12-09T14:30:00Z"), Instant.parse("2026-12-09T15:00:00Z"));

        JsonNode page = get(null, "/api/booking/" + calendarId);
        List<String> starts = slotStarts();

        assertThat(page.get("durationMinutes").asInt()).isEqualTo(30);
        assertThat(page.get("timeZone").asText()).isEqualTo("America/New_York");
        assertThat(starts).first().isEqualTo(WED_0900); // Tuesday morning is less than 24 h away
        assertThat(starts).doesNotContain(WED_0930).contains("2026-12-09T10:00-05:00", "2026-12-18T11:30-05:00")
                .noneMatch(s -> s.startsWith("2026-12-12") || s.startsWith("2026-12-13")) // the weekend
                .noneMatch(s -> s.startsWith("2026-12-21")); // beyond the 14 days to view
        assertThat(get(null, "/api/booking/" + calendarId + "/slots").toString()).doesNotContain("Smith").doesNotContain("canal");
        assertThat(call(null, HttpMethod.GET, "/api/booking/no-such-calendar/slots", null).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void aBookingBecomesAnAppointmentWhoseFirstTextIsTheBookingConfirmation() {
        ResponseEntity<String> response = book("Ana Lopez", "(201) 555-0192", "ana@example.com", WED_0900);

        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(201);
        String eventId = read(response).get("eventId").asText();
        runDueJobs();
        JsonNode appointment = appointmentOfEvent(user, calendarId, eventId);
        assertThat(OffsetDateTime.parse(appointment.get("start").asText()).toInstant()).isEqualTo(Instant.parse("2026-12-09T14:00:00Z"));
        assertThat(appointment.get("attendees").get(0).get("phone").asText()).isEqualTo("+12015550192");
        assertThat(appointment.get("attendees").get(0).get("email").asText()).isEqualTo("ana@example.com");
        assertThat(textsTo(user, "+12015550192")).singleElement().asString().contains("is booked").contains("Wed 9 Dec at 09:00");
        assertThat(logTexts(user, appointment.get("id").asText())).contains("Sent booking confirmation text");
        assertThat(slotStarts()).doesNotContain(WED_0900).contains(WED_0930);
    }

    @Test
    void theOwnerMakesABookedAppointmentLongerOnlyWhileTheLongerTimeIsFree() {
        String eventId = read(book("Ana Lopez", "+12015550143", null, WED_0900)).get("eventId").asText();
        event(user, calendarId, "Team meeting", Instant.parse("2026-12-09T15:00:00Z"), Instant.parse("2026-12-09T15:30:00Z"));
        String path = "/api/calendars/" + calendarId + "/events/" + eventId;
        String title = stream(get(user, "/api/calendars/" + calendarId + "/events")).filter(e -> e.get("id").asText().equals(eventId))
                .findFirst().orElseThrow().get("title").asText();

        ResponseEntity<String> hour = call(user, HttpMethod.PUT, path, Map.of("title", title, "start", WED_0900, "end", "2026-12-09T10:00-05:00"));
        ResponseEntity<String> intoTheMeeting = call(user, HttpMethod.PUT, path,
                Map.of("title", title, "start", WED_0900, "end", "2026-12-09T10:15-05:00"));
        ResponseEntity<String> shorter = call(user, HttpMethod.PUT, path, Map.of("title", title, "start", WED_0900, "end", WED_0930));

        assertThat(hour.getStatusCode().value()).as(hour.getBody()).isEqualTo(200);
        assertRefused(intoTheMeeting, 409, "TIME_NOT_FREE");
        assertThat(read(intoTheMeeting).get("message").asText()).contains("Wed 9 Dec 10:15");
        assertThat(shorter.getStatusCode().value()).as(shorter.getBody()).isEqualTo(200);
        assertThat(jdbc.sql("select end_at from booking where event_id = ?").param(eventId).query(java.sql.Timestamp.class).single().toInstant())
                .isEqualTo(Instant.parse("2026-12-09T14:30:00Z"));
        assertThat(slotStarts()).contains(WED_0930).doesNotContain("2026-12-09T10:00-05:00");
    }

    @Test
    void eachRuleRefusesWithItsCodeAndMessage() {
        assertRefused(book("Ana", "+12015550143", null, "2026-12-08T10:00-05:00"), 422, "TOO_SOON");
        assertRefused(book("Ana", "+12015550143", null, "2026-12-21T09:00-05:00"), 422, "TOO_FAR");
        assertRefused(book("Ana", "+12015550143", null, "2026-12-09T09:10-05:00"), 422, "NOT_A_SLOT");
        for (String start : List.of(WED_0900, WED_0930, "2026-12-14T09:00-05:00")) {
            assertThat(book("Ana", "+12015550143", null, start).getStatusCode().value()).isEqualTo(201);
        }
        ResponseEntity<String> fourth = book("Ana", "+1 201 555 0143", null, "2026-12-15T09:00-05:00");
        assertRefused(fourth, 422, "DAILY_LIMIT");
        assertThat(read(fourth).get("message").asText()).contains("3 appointments today");
        setClock(NOW.plusSeconds(12 * 3600)); // the next day in New York
        assertThat(book("Ana", "+12015550143", null, "2026-12-15T09:00-05:00").getStatusCode().value()).isEqualTo(201);
    }

    @Test
    void aTakenSlotAndBadInputAreRefusedAndNothingIsStored() {
        assertThat(book("Ana", "+12015550143", null, WED_0900).getStatusCode().value()).isEqualTo(201);

        assertRefused(book("Ben", "+12015550188", null, WED_0900), 409, "SLOT_TAKEN");
        assertRefused(book("Ben", "12345", null, WED_0930), 400, "INVALID_PHONE");
        assertRefused(book("Ben", "+12015550188", "not-an-email", WED_0930), 400, "INVALID_EMAIL");
        assertRefused(book(" ", "+12015550188", null, WED_0930), 400, "INVALID_NAME");
        assertRefused(book("Ben", "+12015550188", null, "next wednesday"), 400, "INVALID_START");
        assertThat(jdbc.sql("select count(*) from booking where calendar_id = ?").param(calendarId).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void ofTwoClientsRacingForOneSlotExactlyOneGetsIt() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<ResponseEntity<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String phone = "+1201555016" + i;
                answers.add(pool.submit((Callable<ResponseEntity<String>>) () -> book("Client " + phone, phone, null, WED_0930)));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<ResponseEntity<String>> answer : answers) {
                statuses.add(answer.get().getStatusCode().value());
            }
            assertThat(statuses).containsOnly(201, 409).filteredOn(s -> s == 201).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("select count(*) from calendar_event where calendar_id = ? and deleted = false").param(calendarId)
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void eventRequestsSwitchedOffOfferAndBookNothing() {
        String group = calendars.find(calendarId).orElseThrow().ownerGroup();
        availability.saveSettings(group, new BookingSettings(30, 14, false));

        assertThat(get(null, "/api/booking/" + calendarId).get("eventRequestsEnabled").asBoolean()).isFalse();
        assertThat(slotStarts()).isEmpty();
        assertRefused(book("Ana", "+12015550143", null, WED_0900), 422, "BOOKING_OFF");
    }

    @Test
    void aBookingIsCopiedIntoTheCalendarsMarkedCopyAppointmentsEvenAfterAnOutage() {
        String copyCalendar = googleCalendar(user, "copies@example.com", "token", "refresh");
        ok(call(user, HttpMethod.PATCH, "/api/calendars/" + copyCalendar, Map.of("copyAppointments", true)));
        remote.failNextCalls(100);

        String bookingId = read(book("Ana Lopez", "+12015550143", null, WED_0900)).get("id").asText();
        queues.drainAll();

        assertThat(jdbc.sql("select last_error from booking_copy where booking_id = ?").param(bookingId).query(String.class).single())
                .isNotBlank();
        remote.reset();
        setClock(NOW.plusSeconds(600));
        copies.sweep();
        queues.drainAll();

        String copied = jdbc.sql("select event_id from booking_copy where booking_id = ?").param(bookingId).query(String.class).single();
        assertThat(remote.event("copies@example.com", copied)).hasValueSatisfying(e -> {
            assertThat(e.start()).isEqualTo(Instant.parse("2026-12-09T14:00:00Z"));
            assertThat(e.description()).contains("+12015550143").contains("#noremind");
        });
    }

    @Test
    void theCopyFollowsTheBookedEventWhenTheOwnerMovesItAndWhenTheOwnerRemovesIt() {
        String copyCalendar = googleCalendar(user, "follow@example.com", "token", "refresh");
        ok(call(user, HttpMethod.PATCH, "/api/calendars/" + copyCalendar, Map.of("copyAppointments", true)));
        JsonNode booked = read(book("Ana Lopez", "+12015550143", null, WED_0900));
        queues.drainAll();
        String copied = jdbc.sql("select event_id from booking_copy where booking_id = ?").param(booked.get("id").asText())
                .query(String.class).single();
        String path = "/api/calendars/" + calendarId + "/events/" + booked.get("eventId").asText();
        String title = stream(get(user, "/api/calendars/" + calendarId + "/events")).filter(e -> e.get("id").equals(booked.get("eventId")))
                .findFirst().orElseThrow().get("title").asText();

        ok(call(user, HttpMethod.PUT, path, Map.of("title", title, "start", "2026-12-09T11:00-05:00", "end", "2026-12-09T11:30-05:00")));
        queues.drainAll();

        assertThat(remote.event("follow@example.com", copied)).hasValueSatisfying(e -> {
            assertThat(e.start()).isEqualTo(Instant.parse("2026-12-09T16:00:00Z"));
            assertThat(e.end()).isEqualTo(Instant.parse("2026-12-09T16:30:00Z"));
        });

        assertThat(call(user, HttpMethod.DELETE, path, null).getStatusCode().value()).isEqualTo(204);
        queues.drainAll();

        assertThat(remote.event("follow@example.com", copied)).isEmpty();
        assertThat(jdbc.sql("select removed from booking_copy where booking_id = ?").param(booked.get("id").asText())
                .query(Boolean.class).single()).isTrue();
    }
}
