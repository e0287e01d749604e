package io.confirmloop.appointment;

import static org.assertj.core.api.Assertions.assertThat;

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

/** The appointment lifecycle end to end: built-in calendar → reminder text → reply → outcome. */
class AppointmentLifecycleIT extends AbstractIT {

    private static final String OWNER = "alice";
    private static final String GROUP = "clinicA";
    private static final String FRONT_DESK = "frontdesk@alice.example";
    /** Tuesday 1 December 2026, 10:00 in New York. */
    private static final Instant NOW = Instant.parse("2026-12-01T15:00:00Z");
    /** Wednesday 2 December 2026, 10:00 in New York. */
    private static final Instant START = Instant.parse("2026-12-02T15:00:00Z");
    private static final Instant END = START.plus(Duration.ofMinutes(30));

    @Autowired
    TaskService tasks;

    String calendarId;

    @BeforeEach
    void setUp() {
        setClock(NOW);
        owner(OWNER, GROUP);
        calendarId = calendar(OWNER, "Main street clinic");
    }

    @Test
    void reminderThenYesConfirmsAndLogsInOrder() {
        String eventId = event(OWNER, calendarId, "Check-up Jane +1 201-555-0101", START, END);
        runDueJobs();

        List<String> texts = textsTo(OWNER, "+12015550101");
        assertThat(texts).hasSize(1);
        assertThat(texts.get(0)).contains("Main street clinic", "Wed 2 Dec at 10:00", "Reply C or YES to confirm");
        JsonNode appointment = appointmentOfEvent(OWNER, calendarId, eventId);
        assertThat(appointment.at("/attendees/0/status").asText()).isEqualTo("REMINDED");

        assertThat(reply(OWNER, "+12015550101", "Yes!").get("intent").asText()).isEqualTo("CONFIRM");
        runDueJobs();

        String appointmentId = appointment.get("id").asText();
        assertThat(get(OWNER, "/api/appointments/" + appointmentId).at("/attendees/0/status").asText()).isEqualTo("CONFIRMED");
        List<String> log = logTexts(OWNER, appointmentId);
        assertThat(log).containsSubsequence("Sent text confirmation", "Confirmed via text");
        assertThat(textsTo(OWNER, "+12015550101")).hasSize(2).last().asString().contains("is confirmed");
        JsonNode messages = get(OWNER, "/api/appointments/" + appointmentId + "/log");
        assertThat(stream(messages).filter(e -> e.get("kind").asText().equals("MESSAGE")).map(e -> e.get("direction").asText()))
                .containsExactly("OUT", "IN", "OUT");
        // "update appointment descriptions": one status line on top of the event
        JsonNode events = get(OWNER, "/api/calendars/" + calendarId + "/events");
        assertThat(events.get(0).get("description").asText()).startsWith("[ConfirmLoop] +1 201-555-0101: confirmed");

        // the plain 2 h reminder still goes out; no more confirmation requests
        setClock(START.minus(Duration.ofHours(2)));
        runDueJobs();
        assertThat(textsTo(OWNER, "+12015550101")).hasSize(3).last().asString().contains("see you on Wed 2 Dec at 10:00");

        setClock(END.plusSeconds(60));
        runDueJobs();
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(appointmentId).count()).isZero();
        assertThat(get(OWNER, "/api/appointments/" + appointmentId).get("status").asText()).isEqualTo("COMPLETED");
    }

    @Test
    void stopOptsOutEverywhereAndNothingIsTextedAgainUntilStart() {
        event(OWNER, calendarId, "Cleaning 201-555-0102", START, END);
        runDueJobs();
        assertThat(textsTo(OWNER, "+12015550102")).hasSize(1);

        reply(OWNER, "+12015550102", "STOP");
        runDueJobs();
        JsonNode client = get(OWNER, "/api/clients/+12015550102/log");
        assertThat(client.get("smsOptedOut").asBoolean()).isTrue();
        assertThat(client.get("optedOutVia").asText()).isEqualTo("+15550100000");
        assertThat(client.get("canReceiveTexts").asBoolean()).isFalse();

        String second = event(OWNER, calendarId, "Follow-up 201-555-0102", START.plus(Duration.ofDays(1)), END.plus(Duration.ofDays(1)));
        setClock(START.plus(Duration.ofDays(1)).minus(Duration.ofHours(24)));
        runDueJobs();
        assertThat(textsTo(OWNER, "+12015550102")).hasSize(1);
        String secondId = appointmentOfEvent(OWNER, calendarId, second).get("id").asText();
        assertThat(logTexts(OWNER, secondId)).contains("Skipped text: the number has opted out of texts");

        reply(OWNER, "+12015550102", "START");
        runDueJobs();
        assertThat(get(OWNER, "/api/clients/+12015550102/log").get("smsOptedOut").asBoolean()).isFalse();
    }

    @Test
    void aStopFromANumberNeverTextedHasAClientLogForAnAdmin() {
        reply(OWNER, "+12015550199", "STOP");

        JsonNode client = ok(rest.withBasicAuth("demo", "demo").getForEntity("/api/clients/+12015550199/log", String.class));
        assertThat(client.get("smsOptedOut").asBoolean()).isTrue();
        assertThat(client.get("optedOutVia").asText()).isEqualTo("+15550100000");
        assertThat(client.get("messages")).singleElement().satisfies(m -> assertThat(m.get("body").asText()).isEqualTo("STOP"));
        // not tied to the owner's account: it does not exist for them
        assertThat(call(OWNER, HttpMethod.GET, "/api/clients/+12015550199/log", null).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void declineNotifiesTheOwnerAndHandsThemATask() {
        String eventId = event(OWNER, calendarId, "Filling 201-555-0103", START, END);
        runDueJobs();
        reply(OWNER, "+12015550103", "no");
        runDueJobs();

        String appointmentId = appointmentOfEvent(OWNER, calendarId, eventId).get("id").asText();
        assertThat(get(OWNER, "/api/appointments/" + appointmentId).at("/attendees/0/status").asText()).isEqualTo("DECLINED");
        List<JsonNode> mails = mailsTo(OWNER, FRONT_DESK);
        assertThat(mails).anySatisfy(m -> {
            assertThat(m.get("subject").asText()).startsWith("Declined: Filling");
            assertThat(m.get("text").asText()).contains("+1 201-555-0103", "Their text: no");
        });
        Task task = tasks.createTaskQuery().processInstanceBusinessKey(appointmentId).singleResult();
        assertThat(task.getTaskDefinitionKey()).isEqualTo(AppointmentProcess.Elements.FOLLOW_UP_DECLINE);
        assertThat(tasks.createTaskQuery().taskId(task.getId()).taskCandidateGroup(GROUP).count()).isEqualTo(1);
        assertThat(task.getAssignee()).isNull();
    }

    @Test
    void noReplyByTheDeadlineHandsTheOwnerACallTaskWhoseOutcomeIsRecorded() {
        String eventId = event(OWNER, calendarId, "Consultation 201-555-0104", START, END);
        runDueJobs();
        setClock(START.minus(Duration.ofHours(2)));
        runDueJobs();

        String appointmentId = appointmentOfEvent(OWNER, calendarId, eventId).get("id").asText();
        assertThat(get(OWNER, "/api/appointments/" + appointmentId).at("/attendees/0/status").asText()).isEqualTo("NO_RESPONSE");
        Task task = tasks.createTaskQuery().processInstanceBusinessKey(appointmentId).taskCandidateGroup(GROUP).singleResult();
        assertThat(task.getTaskDefinitionKey()).isEqualTo(AppointmentProcess.Elements.CALL_CLIENT);
        assertThat(task.getName()).isEqualTo("Call Consultation (+1 201-555-0104) — Wed 2 Dec 10:00");
        String summary = (String) tasks.getVariable(task.getId(), AppointmentProcess.Variables.TASK_SUMMARY);
        assertThat(summary).contains("Consultation", "Wed 2 Dec 10:00 (America/New_York)", "+1 201-555-0104", "Reply C or YES",
                "Client page (messages, switches, why a text did not arrive): /clients#+12015550104", "Log:",
                "Sent text confirmation", "No reply by the deadline: call the client");

        // completed as Tasklist does, by the signed-in owner
        assertThat(engineCall(OWNER, HttpMethod.POST, "/task/" + task.getId() + "/complete", formVariables(
                AppointmentProcess.Variables.CALL_OUTCOME, "CONFIRMED_BY_PHONE", AppointmentProcess.Variables.CALL_NOTES, "will be 5 min late"))
                .getStatusCode().is2xxSuccessful()).isTrue();
        runDueJobs();
        assertThat(get(OWNER, "/api/appointments/" + appointmentId).at("/attendees/0/status").asText()).isEqualTo("CONFIRMED");
        assertThat(logTexts(OWNER, appointmentId)).containsSubsequence("No reply by the deadline: call the client",
                "Task \"Call Consultation (+1 201-555-0104) — Wed 2 Dec 10:00\" done by " + OWNER, "Confirmed by phone — will be 5 min late");
    }

    @Test
    void anyOtherTextIsForwardedToTheOwnerAndTheAnswerIsStillAwaited() {
        String eventId = event(OWNER, calendarId, "Check-up 201-555-0105", START, END);
        runDueJobs();
        reply(OWNER, "+12015550105", "Can I bring my dog?");
        runDueJobs();
        assertThat(mailsTo(OWNER, FRONT_DESK)).anySatisfy(m -> assertThat(m.get("text").asText()).contains("Can I bring my dog?"));

        reply(OWNER, "+12015550105", "C");
        runDueJobs();
        String appointmentId = appointmentOfEvent(OWNER, calendarId, eventId).get("id").asText();
        assertThat(get(OWNER, "/api/appointments/" + appointmentId).at("/attendees/0/status").asText()).isEqualTo("CONFIRMED");
    }

    @Test
    void rescheduleRequestHandsTheOwnerATask() {
        String eventId = event(OWNER, calendarId, "Haircut 201-555-0106", START, END);
        runDueJobs();
        reply(OWNER, "+12015550106", "R");
        runDueJobs();
        String appointmentId = appointmentOfEvent(OWNER, calendarId, eventId).get("id").asText();
        assertThat(get(OWNER, "/api/appointments/" + appointmentId).at("/attendees/0/status").asText()).isEqualTo("RESCHEDULE_REQUESTED");
        Task task = tasks.createTaskQuery().processInstanceBusinessKey(appointmentId).singleResult();
        assertThat(task.getName()).isEqualTo("Reschedule Haircut (+1 201-555-0106) — Wed 2 Dec 10:00");
    }

    @Test
    void movedEventTellsTheClientTheNewTimeAndRemovedEventCancels() {
        String eventId = event(OWNER, calendarId, "Check-up 201-555-0107", START, END);
        runDueJobs();
        Instant newStart = START.plus(Duration.ofDays(1));
        ok(call(OWNER, HttpMethod.PUT, "/api/calendars/" + calendarId + "/events/" + eventId,
                Map.of("title", "Check-up 201-555-0107", "start", newStart.toString(), "end", newStart.plus(Duration.ofMinutes(30)).toString())));
        runDueJobs();
        assertThat(textsTo(OWNER, "+12015550107")).last().asString().contains("has moved to Thu 3 Dec at 10:00");
        assertThat(mailsTo(OWNER, FRONT_DESK)).anySatisfy(m -> assertThat(m.get("subject").asText()).startsWith("Rescheduled: Check-up"));
        String appointmentId = appointmentOfEvent(OWNER, calendarId, eventId).get("id").asText();
        assertThat(logTexts(OWNER, appointmentId)).contains("Moved in the calendar to Thu 3 Dec 10:00 (America/New_York)",
                "Moved: waiting for the client to confirm the new time", "Sent text with the new time");

        ok(call(OWNER, HttpMethod.DELETE, "/api/calendars/" + calendarId + "/events/" + eventId, null));
        runDueJobs();
        JsonNode appointment = get(OWNER, "/api/appointments/" + appointmentId);
        assertThat(appointment.get("status").asText()).isEqualTo("CANCELLED");
        assertThat(appointment.at("/attendees/0/status").asText()).isEqualTo("CANCELLED");
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(appointmentId).count()).isZero();
    }

    @Test
    void severalAttendeesAnswerIndependently() {
        String eventId = event(OWNER, calendarId, "Family session +1 201-555-0108 and +1 201-555-0109", START, END);
        runDueJobs();
        assertThat(textsTo(OWNER, "+12015550108")).hasSize(1);
        assertThat(textsTo(OWNER, "+12015550109")).hasSize(1);

        reply(OWNER, "+12015550108", "YES");
        reply(OWNER, "+12015550109", "NO");
        runDueJobs();

        JsonNode appointment = appointmentOfEvent(OWNER, calendarId, eventId);
        Map<String, String> statuses = new java.util.HashMap<>();
        appointment.get("attendees").forEach(a -> statuses.put(a.get("phone").asText(), a.get("status").asText()));
        assertThat(statuses).containsEntry("+12015550108", "CONFIRMED").containsEntry("+12015550109", "DECLINED");
    }

    @Test
    void eventWithoutPhoneNumberIsNoAppointmentAndGainingOneMakesIt() {
        String eventId = event(OWNER, calendarId, "Team lunch", START, END);
        assertThat(get(OWNER, "/api/appointments?calendarId=" + calendarId)).isEmpty();
        ok(call(OWNER, HttpMethod.PUT, "/api/calendars/" + calendarId + "/events/" + eventId,
                Map.of("title", "Team lunch", "description", "Call Sam on 201-555-0110", "start", START.toString(), "end", END.toString())));
        runDueJobs();
        assertThat(appointmentOfEvent(OWNER, calendarId, eventId).at("/attendees/0/phone").asText()).isEqualTo("+12015550110");
        assertThat(textsTo(OWNER, "+12015550110")).hasSize(1);
    }
}
