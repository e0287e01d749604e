package io.confirmloop.appointment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.confirmloop.support.AbstractIT;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;

/** The lifecycle as an owner meets it: attendees kept apart, a calendar switched off, markers, moves and removals, quiet hours. */
class LifecycleCorrectnessIT extends AbstractIT {

    private static final String OWNER = "lou";
    /** Tuesday 1 December 2026, 10:00 in New York. */
    private static final Instant TUESDAY_10 = Instant.parse("2026-12-01T15:00:00Z");
    /** Tuesday 1 December 2026, 22:00 in New York: quiet hours. */
    private static final Instant TUESDAY_22 = Instant.parse("2026-12-02T03:00:00Z");
    /** Wednesday 2 December 2026, 08:00 in New York: quiet hours are over. */
    private static final Instant WEDNESDAY_08 = Instant.parse("2026-12-02T13:00:00Z");
    /** Wednesday 2 December 2026, 10:00 in New York. */
    private static final Instant START = Instant.parse("2026-12-02T15:00:00Z");
    private static final Duration HALF_HOUR = Duration.ofMinutes(30);

    @Autowired
    TaskService tasks;

    String calendarId;

    @BeforeEach
    void setUp() {
        setClock(TUESDAY_10);
        owner(OWNER, "clinicL");
        calendarId = calendar(OWNER, "Lake clinic");
    }

    private void edit(String eventId, String title, Instant start) {
        ok(call(OWNER, HttpMethod.PUT, "/api/calendars/" + calendarId + "/events/" + eventId,
                Map.of("title", title, "start", start.toString(), "end", start.plus(HALF_HOUR).toString())));
        runDueJobs();
    }

    private String appointmentId(String eventId) {
        return appointmentOfEvent(OWNER, calendarId, eventId).get("id").asText();
    }

    @Test
    void addingANumberLeavesTheOtherAttendeesClaimedTaskAlone() {
        String eventId = event(OWNER, calendarId, "Family session +1 201-555-0181", START, START.plus(HALF_HOUR));
        runDueJobs();
        setClock(START.minus(Duration.ofHours(2)));
        runDueJobs();
        String appointmentId = appointmentId(eventId);
        Task call = tasks.createTaskQuery().processInstanceBusinessKey(appointmentId).singleResult();
        tasks.claim(call.getId(), OWNER);

        edit(eventId, "Family session +1 201-555-0181 and +1 201-555-0182", START);

        Task still = tasks.createTaskQuery().taskId(call.getId()).singleResult();
        assertThat(still).as("the first attendee's task survives the change of numbers").isNotNull();
        assertThat(still.getAssignee()).isEqualTo(OWNER);
        JsonNode appointment = get(OWNER, "/api/appointments/" + appointmentId);
        assertThat(appointment.get("attendees")).extracting(a -> a.get("phone").asText() + " " + a.get("status").asText())
                .containsExactlyInAnyOrder("+12015550181 NO_RESPONSE", "+12015550182 REMINDED");
        assertThat(textsTo(OWNER, "+12015550182")).hasSize(1);
    }

    @Test
    void addingANumberLeavesTheOtherAttendeesDeclinedAndRescheduleTasksAlone() {
        String eventId = event(OWNER, calendarId, "Family session +1 201-555-0195 +1 201-555-0196", START, START.plus(HALF_HOUR));
        runDueJobs();
        String appointmentId = appointmentId(eventId);
        reply(OWNER, "+12015550195", "NO");
        reply(OWNER, "+12015550196", "R"); // this calendar has no client hours: the owner reschedules
        runDueJobs();
        List<Task> before = tasks.createTaskQuery().processInstanceBusinessKey(appointmentId).list();
        assertThat(before).hasSize(2);
        before.forEach(t -> tasks.claim(t.getId(), OWNER));

        edit(eventId, "Family session +1 201-555-0195 +1 201-555-0196 +1 201-555-0197", START);

        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(appointmentId).list())
                .as("the follow-up and the reschedule task survive, claimed")
                .extracting(Task::getId, Task::getAssignee)
                .containsExactlyInAnyOrderElementsOf(before.stream().map(t -> tuple(t.getId(), OWNER)).toList());
        assertThat(get(OWNER, "/api/appointments/" + appointmentId).get("attendees"))
                .extracting(a -> a.get("phone").asText() + " " + a.get("status").asText())
                .containsExactlyInAnyOrder("+12015550195 DECLINED", "+12015550196 RESCHEDULE_REQUESTED", "+12015550197 REMINDED");
    }

    @Test
    void removingANumberEndsOnlyThatAttendee() {
        String eventId = event(OWNER, calendarId, "Family session +1 201-555-0183 and +1 201-555-0184", START, START.plus(HALF_HOUR));
        runDueJobs();
        String appointmentId = appointmentId(eventId);

        edit(eventId, "Family session +1 201-555-0183", START);

        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(appointmentId).count()).isEqualTo(1);
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(appointmentId)
                .variableValueEquals(AppointmentProcess.Variables.ATTENDEE_PHONE, "+12015550183").count()).isEqualTo(1);
        assertThat(logTexts(OWNER, appointmentId)).contains("Attendee removed from the event");
    }

    @Test
    void aCalendarSwitchedOffSendsNothingAndCreatesNoTaskAndPlansAfreshWhenOn() {
        Instant thursday = START.plus(Duration.ofDays(1));
        String eventId = event(OWNER, calendarId, "Check-up +1 201-555-0185", thursday, thursday.plus(HALF_HOUR));
        runDueJobs();
        assertThat(textsTo(OWNER, "+12015550185")).as("the request is due Wednesday 10:00").isEmpty();

        ok(call(OWNER, HttpMethod.PATCH, "/api/calendars/" + calendarId, Map.of("active", false)));
        runDueJobs();
        setClock(START.plusSeconds(60));
        runDueJobs();
        setClock(thursday.minus(Duration.ofHours(2)));
        runDueJobs();
        String appointmentId = appointmentId(eventId);
        assertThat(textsTo(OWNER, "+12015550185")).isEmpty();
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(appointmentId).count()).isZero();

        ok(call(OWNER, HttpMethod.PATCH, "/api/calendars/" + calendarId, Map.of("active", true)));
        runDueJobs();

        // the missed confirmation request goes out at once: the appointment is still two hours away
        assertThat(textsTo(OWNER, "+12015550185")).isNotEmpty().first().asString().contains("Reply C or YES to confirm");
        assertThat(logTexts(OWNER, appointmentId)).containsSubsequence("Calendar switched off: nothing is sent until it is on again",
                "Calendar switched on: reminders planned afresh", "Sent text confirmation");
    }

    @Test
    void aMarkerAddedLaterEndsTheRemindersQuietly() {
        String eventId = event(OWNER, calendarId, "Check-up +1 201-555-0186", START, START.plus(HALF_HOUR));
        runDueJobs();
        assertThat(textsTo(OWNER, "+12015550186")).hasSize(1);
        String appointmentId = appointmentId(eventId);

        edit(eventId, "Check-up +1 201-555-0186 #noremind", START);
        setClock(START.minus(Duration.ofHours(2)));
        runDueJobs();

        assertThat(textsTo(OWNER, "+12015550186")).as("no 2 h reminder").hasSize(1);
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(appointmentId).count()).as("no call task").isZero();
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(appointmentId).count()).isZero();
        assertThat(logTexts(OWNER, appointmentId)).contains("The event's text changed: reminders planned again",
                "No reminders: the event is marked for none (e.g. #noremind)");
    }

    @Test
    void aCourtMarkerAddedLaterPlansTheCourtRemindersAfresh() {
        Instant friday = Instant.parse("2026-12-04T15:00:00Z"); // Friday 10:00: the default request would go on Thursday
        String eventId = event(OWNER, calendarId, "Hearing +1 201-555-0193", friday, friday.plus(HALF_HOUR));
        runDueJobs();
        String appointmentId = appointmentId(eventId);

        edit(eventId, "Hearing +1 201-555-0193 *court", friday);
        setClock(friday.minus(Duration.ofHours(48)));
        runDueJobs();

        assertThat(textsTo(OWNER, "+12015550193")).as("the court rules ask 48 h ahead").singleElement().asString()
                .contains("Reply C or YES to confirm");
        assertThat(logTexts(OWNER, appointmentId)).contains("The event's text changed: reminders planned again");
    }

    @Test
    void aTextWithNoMomentOutsideQuietHoursIsSkippedAndTheLogSaysSo() {
        setClock(TUESDAY_22);
        Instant wednesday0730 = Instant.parse("2026-12-02T12:30:00Z");
        String eventId = event(OWNER, calendarId, "Early check-up +1 201-555-0194", wednesday0730, wednesday0730.plus(HALF_HOUR));
        runDueJobs();
        setClock(wednesday0730.minusSeconds(60));
        runDueJobs();

        assertThat(textsTo(OWNER, "+12015550194")).isEmpty();
        assertThat(logTexts(OWNER, appointmentId(eventId)))
                .anyMatch(t -> t.startsWith("Skipped: Confirmation request") && t.endsWith("no moment outside quiet hours before the appointment"));
    }

    @Test
    void aMoveSendsOneTextWithTheNewTimeAndARemovalOneCancellationText() {
        String eventId = event(OWNER, calendarId, "Check-up +1 201-555-0187", START, START.plus(HALF_HOUR));
        runDueJobs();
        String appointmentId = appointmentId(eventId);

        edit(eventId, "Check-up +1 201-555-0187", START.plus(Duration.ofHours(3)));

        assertThat(textsTo(OWNER, "+12015550187")).hasSize(2).last().asString()
                .contains("has moved to Wed 2 Dec at 13:00", "Reply C or YES to confirm");
        JsonNode attendee = get(OWNER, "/api/appointments/" + appointmentId).get("attendees").get(0);
        assertThat(attendee.get("status").asText()).isEqualTo("REMINDED");
        assertThat(logTexts(OWNER, appointmentId)).containsSubsequence("Moved: waiting for the client to confirm the new time",
                "Sent text with the new time");

        ok(call(OWNER, HttpMethod.DELETE, "/api/calendars/" + calendarId + "/events/" + eventId, null));
        runDueJobs();

        assertThat(textsTo(OWNER, "+12015550187")).hasSize(3).last().asString().contains("has been cancelled");
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(appointmentId).count()).isZero();
    }

    @Test
    void aRemovedEventNobodyWasToldOfAndACalendarThatSaysSoSendNoCancellationText() {
        String untold = event(OWNER, calendarId, "Check-up +1 201-555-0188", START.plus(Duration.ofDays(5)),
                START.plus(Duration.ofDays(5)).plus(HALF_HOUR));
        runDueJobs();
        ok(call(OWNER, HttpMethod.DELETE, "/api/calendars/" + calendarId + "/events/" + untold, null));
        runDueJobs();
        assertThat(textsTo(OWNER, "+12015550188")).isEmpty();

        ok(call(OWNER, HttpMethod.PATCH, "/api/calendars/" + calendarId, Map.of("cancellationTexts", false)));
        String told = event(OWNER, calendarId, "Check-up +1 201-555-0189", START, START.plus(HALF_HOUR));
        runDueJobs();
        ok(call(OWNER, HttpMethod.DELETE, "/api/calendars/" + calendarId + "/events/" + told, null));
        runDueJobs();
        assertThat(textsTo(OWNER, "+12015550189")).hasSize(1);
    }

    @Test
    void aMoveAtNightIsTextedAtEightAndTheAppointmentSaysSo() {
        String eventId = event(OWNER, calendarId, "Check-up +1 201-555-0190", START, START.plus(HALF_HOUR));
        runDueJobs();
        String appointmentId = appointmentId(eventId);

        setClock(TUESDAY_22);
        edit(eventId, "Check-up +1 201-555-0190", START.plus(Duration.ofDays(1)));

        assertThat(textsTo(OWNER, "+12015550190")).as("nothing at night").hasSize(1);
        assertThat(logTexts(OWNER, appointmentId)).contains("New time at 08:00 (quiet hours)");
        JsonNode next = get(OWNER, "/api/appointments/" + appointmentId).at("/attendees/0/nextMessage");
        assertThat(next.get("kind").asText()).isEqualTo("New time");
        assertThat(next.get("at").asText()).isEqualTo("2026-12-02T08:00:00-05:00");
        assertThat(next.get("deferredByQuietHours").asBoolean()).isTrue();

        setClock(WEDNESDAY_08);
        runDueJobs();

        assertThat(textsTo(OWNER, "+12015550190")).hasSize(2).last().asString().contains("has moved to Thu 3 Dec at 10:00");
    }

    @Test
    void aConfirmationRequestDeferredByQuietHoursIsShownWithItsReason() {
        setClock(TUESDAY_22);
        Instant wednesday14 = Instant.parse("2026-12-02T19:00:00Z");
        String eventId = event(OWNER, calendarId, "Check-up +1 201-555-0191", wednesday14, wednesday14.plus(HALF_HOUR));
        runDueJobs();
        String appointmentId = appointmentId(eventId);

        assertThat(textsTo(OWNER, "+12015550191")).isEmpty();
        JsonNode attendee = get(OWNER, "/api/appointments/" + appointmentId).at("/attendees/0");
        assertThat(attendee.get("status").asText()).isEqualTo("PENDING");
        assertThat(attendee.at("/nextMessage/kind").asText()).isEqualTo("Confirmation request");
        assertThat(attendee.at("/nextMessage/at").asText()).isEqualTo("2026-12-02T08:00:00-05:00");
        assertThat(attendee.at("/nextMessage/deferredByQuietHours").asBoolean()).isTrue();
        assertThat(logTexts(OWNER, appointmentId)).contains("Confirmation request at 08:00 (quiet hours)");
    }
}
