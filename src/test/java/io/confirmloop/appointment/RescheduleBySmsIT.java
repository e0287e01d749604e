package io.confirmloop.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import io.confirmloop.booking.Availability;
import io.confirmloop.booking.AvailabilityRepository;
import io.confirmloop.booking.AvailabilityType;
import io.confirmloop.calendar.CalendarRepository;
import io.confirmloop.calendar.FakeRemoteCalendar;
import io.confirmloop.support.AbstractIT;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Rescheduling by text, end to end on PostgreSQL: "R" texts up to three free slots, a number moves
 * the event in its calendar (built-in or a provider's) and the plan starts again; a taken slot or
 * an expired offer gets a fresh one; no free slot gives the owner a task; offers keep quiet hours.
 */
@Import(FakeRemoteCalendar.InContext.class)
class RescheduleBySmsIT extends AbstractIT {

    /** Tuesday 8 December 2026, 10:30 in New York. */
    private static final Instant NOW = Instant.parse("2026-12-08T15:30:00Z");
    /** Wednesday 9 December, 10:00–10:30 in New York. */
    private static final Instant START = Instant.parse("2026-12-09T15:00:00Z");
    private static final AtomicInteger NUMBERS = new AtomicInteger(300);

    @Autowired
    AvailabilityRepository availability;
    @Autowired
    CalendarRepository calendars;
    @Autowired
    TaskService tasks;
    @Autowired
    FakeRemoteCalendar remote;
    @Autowired
    SlotMoves slotMoves;
    @Autowired
    JdbcClient jdbc;

    private String user;
    private String group;
    /** A client number of this test alone: the dev outbox and the replies are shared by all tests. */
    private String client;

    @BeforeEach
    void account() {
        setClock(NOW);
        remote.reset();
        user = "resched" + System.nanoTime();
        group = user + "clinic";
        client = "+1973555" + String.format("%04d", NUMBERS.getAndIncrement());
        owner(user, group);
    }

    /** Weekday mornings 09:00–12:00 for the calendar (none when {@code open} is false). */
    private void mornings(String calendarId, boolean open) {
        AvailabilityType hours = availability.clientFacingType(group)
                .orElseGet(() -> availability.insertType(group, "Client hours", AvailabilityType.Color.GREEN, true, NOW));
        List<Availability.Window> weekly = new ArrayList<>();
        if (open) {
            for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
                weekly.add(new Availability.Window(hours.id(), day, LocalTime.of(9, 0), LocalTime.of(12, 0)));
            }
        }
        availability.replaceAvailability(calendarId, new Availability(weekly, List.of()));
    }

    /** A built-in calendar with an appointment on Wednesday 10:00 whose confirmation request went out. */
    private String[] appointmentWithRequestSent(boolean freeMornings) {
        String calendarId = calendar(user, "Front desk");
        mornings(calendarId, freeMornings);
        String eventId = event(user, calendarId, "Check-up Ana " + client, START, START.plus(Duration.ofMinutes(30)));
        runDueJobs();
        assertThat(textsTo(user, client)).singleElement().asString().contains("Reply C or YES to confirm");
        return new String[] {calendarId, appointmentOfEvent(user, calendarId, eventId).get("id").asText(), eventId};
    }

    private List<String> offers() {
        return textsTo(user, client).stream().filter(t -> t.contains("Reply 1, 2 or 3")).toList();
    }

    private String answer(String body) {
        reply(user, client, body);
        runDueJobs();
        List<String> texts = textsTo(user, client);
        return texts.get(texts.size() - 1);
    }

    @Test
    void aNumberMovesTheEventAndThePlanStartsAgainWithoutAskingTheClientToConfirmTheirOwnChoice() {
        String[] ids = appointmentWithRequestSent(true);

        String offer = answer("R");
        assertThat(offer).contains("1) Wed 9 Dec 10:30, 2) Wed 9 Dec 11:00, 3) Wed 9 Dec 11:30").contains("Reply 1, 2 or 3");

        String done = answer("2");

        assertThat(done).contains("now on Wed 9 Dec at 11:00");
        JsonNode event = stream(get(user, "/api/calendars/" + ids[0] + "/events")).filter(e -> e.get("id").asText().equals(ids[2]))
                .findFirst().orElseThrow();
        assertThat(OffsetDateTime.parse(event.get("start").asText()).toInstant()).isEqualTo(Instant.parse("2026-12-09T16:00:00Z"));
        JsonNode appointment = get(user, "/api/appointments/" + ids[1]);
        assertThat(OffsetDateTime.parse(appointment.get("start").asText()).toInstant()).isEqualTo(Instant.parse("2026-12-09T16:00:00Z"));
        assertThat(appointment.get("attendees").get(0).get("status").asText()).isEqualTo("CONFIRMED");
        assertThat(textsTo(user, client)).noneMatch(t -> t.contains("has moved to")).hasSize(3);
        assertThat(mailsTo(user, "frontdesk@" + user + ".example")).anySatisfy(m ->
                assertThat(m.get("subject").asText()).contains("Rescheduled by the client").contains("11:00"));
        assertThat(logTexts(user, ids[1])).contains("Asked to reschedule via text", "Moved by text to Wed 9 Dec 11:00 (slot 2)");

        setClock(Instant.parse("2026-12-09T14:00:00Z")); // 2 h before the new time: the plain reminder of the new plan
        runDueJobs();
        assertThat(textsTo(user, client)).last().asString().contains("Wed 9 Dec at 11:00");
    }

    @Test
    void aSlotTakenMeanwhileOrAnExpiredOfferGetsAFreshOffer() {
        String[] ids = appointmentWithRequestSent(true);
        answer("R");
        assertThat(call(null, HttpMethod.POST, "/api/booking/" + ids[0] + "/appointments",
                Map.of("name", "Ben", "phone", "+12015550188", "start", "2026-12-09T10:30-05:00")).getStatusCode().value()).isEqualTo(201);
        queues.drainAll();

        String fresh = answer("1");

        assertThat(fresh).contains("1) Wed 9 Dec 11:00, 2) Wed 9 Dec 11:30, 3) Thu 10 Dec 09:00");
        assertThat(logTexts(user, ids[1])).contains("Slot 1 was taken meanwhile: offering fresh slots");

        setClock(NOW.plus(Duration.ofHours(5)));
        String again = answer("2");

        assertThat(again).contains("Reply 1, 2 or 3");
        assertThat(offers()).hasSize(3);
        assertThat(logTexts(user, ids[1])).contains("Slot 2 chosen after the offer expired: offering fresh slots");
        assertThat(OffsetDateTime.parse(get(user, "/api/appointments/" + ids[1]).get("start").asText()).toInstant()).isEqualTo(START);
    }

    @Test
    void noFreeSlotGivesTheOwnerTheRescheduleTask() {
        String[] ids = appointmentWithRequestSent(false);

        String ack = answer("R");

        assertThat(ack).contains("will be in touch with a new time");
        Task task = tasks.createTaskQuery().processInstanceBusinessKey(ids[1]).singleResult();
        assertThat(task.getTaskDefinitionKey()).isEqualTo(AppointmentProcess.Elements.HANDLE_RESCHEDULE_REQUEST);
        assertThat(logTexts(user, ids[1])).contains("No free slot to offer: the owner reschedules");
        assertThat(mailsTo(user, "frontdesk@" + user + ".example")).anySatisfy(m ->
                assertThat(m.get("subject").asText()).startsWith("Reschedule request"));
    }

    @Test
    void anOfferAskedForAtNightIsTextedInTheMorning() {
        String[] ids = appointmentWithRequestSent(true);
        setClock(Instant.parse("2026-12-09T03:00:00Z")); // 22:00 in New York

        reply(user, client, "R");
        runDueJobs();
        assertThat(offers()).isEmpty();

        setClock(Instant.parse("2026-12-09T13:00:00Z")); // 08:00
        runDueJobs();
        assertThat(offers()).singleElement().asString().contains("Thu 10 Dec 09:00");
        assertThat(logTexts(user, ids[1])).anyMatch(t -> t.startsWith("Found 3 free slots to offer at Wed 9 Dec 08:00 (quiet hours)"));
    }

    @Test
    void aNumberMovesTheEventInAProvidersCalendar() {
        String remoteId = "desk-" + System.nanoTime() + "@group.calendar.google.com";
        String calendarId = googleCalendar(user, remoteId, "token", "refresh");
        mornings(calendarId, true);
        remote.put(remoteId, "e1", "Check-up Ana " + client, null, START, Duration.ofMinutes(30), true);
        post(user, "/api/calendars/" + calendarId + "/sync", null);
        runDueJobs();

        answer("R");
        String done = answer("3");

        assertThat(done).contains("now on Wed 9 Dec at 10:30"); // the calendar keeps Chicago time: 11:30 in New York
        assertThat(remote.event(remoteId, "e1")).hasValueSatisfying(e -> assertThat(e.start()).isEqualTo(Instant.parse("2026-12-09T16:30:00Z")));
        JsonNode appointment = appointmentOfEvent(user, calendarId, "e1");
        assertThat(OffsetDateTime.parse(appointment.get("start").asText()).toInstant()).isEqualTo(Instant.parse("2026-12-09T16:30:00Z"));
    }

    @Test
    void aMoveTheProviderRefusesForNowIsTriedAgainOnlyAfterItsWait() {
        String remoteId = "busy-" + System.nanoTime() + "@group.calendar.google.com";
        String calendarId = googleCalendar(user, remoteId, "token", "refresh");
        mornings(calendarId, true);
        remote.put(remoteId, "e1", "Check-up Ana " + client, null, START, Duration.ofMinutes(30), true);
        post(user, "/api/calendars/" + calendarId + "/sync", null);
        runDueJobs();
        answer("R");

        remote.failNextCalls(1000);
        answer("3");
        queues.drainAll();
        Instant movedTo = Instant.parse("2026-12-09T16:30:00Z");
        assertThat(remote.event(remoteId, "e1")).hasValueSatisfying(e -> assertThat(e.start()).isEqualTo(START));
        assertThat(jdbc.sql("select move_attempts from slot_offer where phone = ? and state = 'MOVING'").param(client)
                .query(Integer.class).single()).isEqualTo(1);

        remote.failNextCalls(0);
        int callsBefore = remote.calls.get();
        slotMoves.sweep();
        queues.drainAll();
        assertThat(remote.calls.get()).as("not tried again before its wait").isEqualTo(callsBefore);

        setClock(NOW.plus(Duration.ofMinutes(1)));
        slotMoves.sweep();
        queues.drainAll();
        assertThat(remote.event(remoteId, "e1")).hasValueSatisfying(e -> assertThat(e.start()).isEqualTo(movedTo));
        assertThat(logTexts(user, appointmentOfEvent(user, calendarId, "e1").get("id").asText()))
                .anyMatch(t -> t.startsWith("Moving the event to the chosen slot failed for now"));
    }
}
