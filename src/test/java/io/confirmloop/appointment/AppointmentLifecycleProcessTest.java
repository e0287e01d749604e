package io.confirmloop.appointment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.formService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.reset;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.camunda.bpm.engine.variable.Variables.objectValue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.confirmloop.appointment.AppointmentProcess.CallOutcome;
import io.confirmloop.appointment.AppointmentProcess.Elements;
import io.confirmloop.appointment.AppointmentProcess.Forms;
import io.confirmloop.appointment.AppointmentProcess.Messages;
import io.confirmloop.appointment.AppointmentProcess.NextStep;
import io.confirmloop.appointment.AppointmentProcess.Variables;
import io.confirmloop.messaging.Intent;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.event.EventType;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.EventSubscription;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.engine.variable.Variables.SerializationDataFormats;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every path of {@code processes/appointment-lifecycle.bpmn} on an in-memory engine
 * ({@code camunda.cfg.xml}), with small fakes for the delegate beans: a scripted planner and
 * delegates that record which step ran for which attendee. Timers and async continuations are
 * fired by the test; the clock is moved with {@link ClockUtil}. The coverage report is written
 * to {@code target/process-test-coverage/}.
 */
@ExtendWith(ProcessEngineCoverageExtension.class)
@Deployment(resources = {
        "processes/appointment-lifecycle.bpmn",
        "processes/call-client.form",
        "processes/declined-follow-up.form",
        "processes/reschedule-request.form"})
class AppointmentLifecycleProcessTest {

    private static final String APPOINTMENT = "appointment-42";
    private static final String OWNER_GROUP = "calendar-7-owners";
    private static final String ANNA = "+14155550101";
    private static final String BEN = "+14155550102";
    private static final String CARLA = "+14155550103";

    private static final Instant NOW = Instant.parse("2030-03-04T08:00:00Z");
    private static final Instant FIRST_REMINDER = Instant.parse("2030-03-05T09:00:00Z");
    private static final Instant REPLY_DEADLINE = Instant.parse("2030-03-06T12:00:00Z");
    private static final Instant APPOINTMENT_END = Instant.parse("2030-03-07T10:00:00Z");
    private static final Instant NEW_FIRST_REMINDER = Instant.parse("2030-03-12T09:00:00Z");
    private static final Instant NEW_APPOINTMENT_END = Instant.parse("2030-03-14T10:00:00Z");

    /** Injected by the extension. */
    ProcessEngine processEngine;

    /** Every delegate call in order, as {@code "<bean>:<attendeePhone>"} (just {@code "<bean>"} outside a branch). */
    private final List<String> calls = new ArrayList<>();
    /** {@code "<attendeePhone>:<reminderId>"} for every reminder the send step was asked to send. */
    private final List<String> sentReminders = new ArrayList<>();
    /** {@code "<attendeePhone>:<replyMessageId>"} for every reply a reply step handled. */
    private final List<String> handledReplies = new ArrayList<>();
    /** {@code "<attendeePhone>:<callOutcome>"} for every recorded call. */
    private final List<String> callOutcomes = new ArrayList<>();
    private final ScriptedPlanner planner = new ScriptedPlanner();

    private ProcessInstance instance;

    @BeforeEach
    void registerFakesAndStopTheClock() {
        init(processEngine);
        ClockUtil.setCurrentTime(Date.from(NOW));

        Mocks.register("planNextStep", planner);
        Mocks.register("sendReminder", (JavaDelegate) execution -> {
            record("sendReminder", execution);
            sentReminders.add(phone(execution) + ":" + execution.getVariable(Variables.REMINDER_ID));
        });
        Mocks.register("recordConfirmation", replyStep("recordConfirmation", false));
        Mocks.register("recordDecline", replyStep("recordDecline", true));
        Mocks.register("recordRescheduleRequest", replyStep("recordRescheduleRequest", true));
        Mocks.register("forwardToOwner", replyStep("forwardToOwner", false));
        Mocks.register("sendHelp", replyStep("sendHelp", false));
        Mocks.register("recordOptOut", recording("recordOptOut"));
        Mocks.register("recordOptIn", recording("recordOptIn"));
        Mocks.register("recordNoResponse", (JavaDelegate) execution -> {
            record("recordNoResponse", execution);
            execution.setVariableLocal(Variables.TASK_SUMMARY, "No reply from " + phone(execution));
            execution.setVariableLocal(Variables.CALL_OUTCOME, null);
            execution.setVariableLocal(Variables.CALL_NOTES, null);
        });
        Mocks.register("recordCallOutcome", (JavaDelegate) execution -> {
            record("recordCallOutcome", execution);
            Object outcome = execution.getVariable(Variables.CALL_OUTCOME);
            if (outcome == null) {
                throw new IllegalStateException("The call-the-client task was completed without an outcome");
            }
            callOutcomes.add(phone(execution) + ":" + CallOutcome.valueOf(outcome.toString()));
        });
        Mocks.register("announceNewTime", recording("announceNewTime"));
        Mocks.register("cancelAppointment", recording("cancelAppointment"));
    }

    @AfterEach
    void resetClockAndFakes() {
        ClockUtil.reset();
        Mocks.reset();
        reset();
    }

    // --- one attendee, every answer ----------------------------------------------------------------

    @Test
    void reminderThenConfirmationThenAppointmentOverSettlesTheAppointment() {
        planner.script(ANNA, remind("reminder-1", FIRST_REMINDER), deadline(REPLY_DEADLINE), finish(APPOINTMENT_END));

        start(ANNA);
        assertThat(instance).isWaitingAt(Elements.AWAIT).isWaitingFor(Messages.REPLY_RECEIVED);
        assertThat(branchVariables(ANNA))
                .containsEntry(Variables.NEXT_STEP, NextStep.REMIND.name())
                .containsEntry(Variables.NEXT_STEP_AT, Date.from(FIRST_REMINDER))
                .containsEntry(Variables.REMINDER_ID, "reminder-1");
        assertThat(job(Elements.TIMER_NEXT_STEP, instance).getDuedate()).isEqualTo(Date.from(FIRST_REMINDER));

        nextStepDue(ANNA, FIRST_REMINDER);
        assertThat(instance).isWaitingAt(Elements.SEND_REMINDER);
        execute(job(Elements.SEND_REMINDER, instance));
        assertThat(sentReminders).containsExactly(ANNA + ":reminder-1");
        assertThat(instance).isWaitingAt(Elements.AWAIT);
        assertThat(branchVariables(ANNA)).containsEntry(Variables.NEXT_STEP, NextStep.DEADLINE.name());

        assertThat(deliverReply(ANNA, Intent.CONFIRM, "message-1")).isTrue();
        assertThat(instance).isWaitingAt(Elements.RECORD_CONFIRMATION);
        execute(job(Elements.RECORD_CONFIRMATION, instance));
        assertThat(handledReplies).containsExactly(ANNA + ":message-1");
        assertThat(instance).isWaitingAt(Elements.AWAIT);
        assertThat(branchVariables(ANNA)).containsEntry(Variables.NEXT_STEP, NextStep.FINISH.name());

        nextStepDue(ANNA, APPOINTMENT_END);

        assertThat(instance).isEnded().hasPassed(Elements.PLAN_NEXT_STEP, Elements.TIMER_NEXT_STEP, Elements.WHAT_IS_DUE,
                Elements.SEND_REMINDER, Elements.REPLY_RECEIVED, Elements.REPLY_INTENT, Elements.RECORD_CONFIRMATION,
                Elements.END_APPOINTMENT_OVER, Elements.ATTENDEES, Elements.END_PROCESS);
        assertThat(instance).hasNotPassed(Elements.RECORD_NO_RESPONSE, Elements.END_ATTENDEE_SETTLED, Elements.END_CANCELLED);
        assertThat(calls).containsExactly(
                "planNextStep:" + ANNA, "sendReminder:" + ANNA, "planNextStep:" + ANNA,
                "recordConfirmation:" + ANNA, "planNextStep:" + ANNA);
    }

    @Test
    void declineIsRecordedAndHandedToTheOwnerWhichEndsTheAttendee() {
        planner.script(ANNA, remind("reminder-1", FIRST_REMINDER));
        start(ANNA);

        assertThat(deliverReply(ANNA, Intent.DECLINE, "message-1")).isTrue();
        assertThat(instance).isWaitingAt(Elements.RECORD_DECLINE);
        execute(job(Elements.RECORD_DECLINE, instance));

        assertThat(instance).isWaitingAt(Elements.FOLLOW_UP_DECLINE).isNotWaitingFor(Messages.REPLY_RECEIVED);
        assertThat(jobQuery().processInstanceId(instance.getId()).count()).as("the reminder timer is gone").isZero();
        Task followUp = task(Elements.FOLLOW_UP_DECLINE, instance);
        assertIsOwnerTask(followUp, Forms.DECLINED_FOLLOW_UP);
        assertThat(taskService().getVariable(followUp.getId(), Variables.TASK_SUMMARY)).isEqualTo("Summary for " + ANNA);

        complete(followUp);

        assertThat(instance).isEnded().hasPassed(Elements.RECORD_DECLINE, Elements.FOLLOW_UP_DECLINE, Elements.END_ATTENDEE_DECLINED,
                Elements.END_PROCESS);
        assertThat(handledReplies).containsExactly(ANNA + ":message-1");
        assertThat(calls).containsExactly("planNextStep:" + ANNA, "recordDecline:" + ANNA);
    }

    @Test
    void rescheduleRequestIsRecordedAndHandedToTheOwnerWhichEndsTheAttendee() {
        planner.script(ANNA, remind("reminder-1", FIRST_REMINDER));
        start(ANNA);

        assertThat(deliverReply(ANNA, Intent.RESCHEDULE, "message-1")).isTrue();
        assertThat(instance).isWaitingAt(Elements.RECORD_RESCHEDULE_REQUEST);
        execute(job(Elements.RECORD_RESCHEDULE_REQUEST, instance));

        assertThat(instance).isWaitingAt(Elements.HANDLE_RESCHEDULE_REQUEST);
        Task request = task(Elements.HANDLE_RESCHEDULE_REQUEST, instance);
        assertIsOwnerTask(request, Forms.RESCHEDULE_REQUEST);
        assertThat(taskService().getVariable(request.getId(), Variables.TASK_SUMMARY)).isEqualTo("Summary for " + ANNA);

        complete(request);

        assertThat(instance).isEnded().hasPassed(Elements.RECORD_RESCHEDULE_REQUEST, Elements.HANDLE_RESCHEDULE_REQUEST,
                Elements.END_RESCHEDULE_HANDLED, Elements.END_PROCESS);
        assertThat(calls).containsExactly("planNextStep:" + ANNA, "recordRescheduleRequest:" + ANNA);
    }

    @Test
    void otherTextIsForwardedToTheOwnerAndTheAttendeeWaitsAgain() {
        planner.script(ANNA, remind("reminder-1", FIRST_REMINDER), remind("reminder-1", FIRST_REMINDER));
        start(ANNA);

        assertThat(deliverReply(ANNA, Intent.OTHER, "message-1")).isTrue();
        assertThat(instance).isWaitingAt(Elements.FORWARD_TO_OWNER);
        execute(job(Elements.FORWARD_TO_OWNER, instance));

        assertThat(instance).isWaitingAt(Elements.AWAIT).isWaitingFor(Messages.REPLY_RECEIVED)
                .hasPassed(Elements.REPLY_INTENT, Elements.FORWARD_TO_OWNER);
        assertThat(branchVariables(ANNA))
                .containsEntry(Variables.INTENT, Intent.OTHER.name())
                .containsEntry(Variables.REPLY_MESSAGE_ID, "message-1");
        assertThat(runtimeService().getVariablesLocal(instance.getId()))
                .as("reply variables stay in the attendee's branch")
                .doesNotContainKeys(Variables.INTENT, Variables.REPLY_MESSAGE_ID, Variables.NEXT_STEP);
        assertThat(job(Elements.TIMER_NEXT_STEP, instance).getDuedate()).isEqualTo(Date.from(FIRST_REMINDER));
        assertThat(handledReplies).containsExactly(ANNA + ":message-1");
        assertThat(calls).containsExactly("planNextStep:" + ANNA, "forwardToOwner:" + ANNA, "planNextStep:" + ANNA);
    }

    @Test
    void helpRequestGetsTheHelpTextAndTheAttendeeWaitsAgain() {
        planner.script(ANNA, remind("reminder-1", FIRST_REMINDER), remind("reminder-1", FIRST_REMINDER));
        start(ANNA);

        assertThat(deliverReply(ANNA, Intent.HELP, "message-1")).isTrue();
        assertThat(instance).isWaitingAt(Elements.SEND_HELP);
        execute(job(Elements.SEND_HELP, instance));

        assertThat(instance).isWaitingAt(Elements.AWAIT).isWaitingFor(Messages.REPLY_RECEIVED).hasPassed(Elements.SEND_HELP);
        assertThat(handledReplies).containsExactly(ANNA + ":message-1");
        assertThat(calls).containsExactly("planNextStep:" + ANNA, "sendHelp:" + ANNA, "planNextStep:" + ANNA);
    }

    @Test
    void optOutWhileWaitingIsRecordedAndReplannedThenOptInLikewise() {
        planner.script(ANNA, remind("reminder-1", FIRST_REMINDER), finish(APPOINTMENT_END), remind("reminder-2", REPLY_DEADLINE));
        start(ANNA);

        assertThat(deliverReply(ANNA, Intent.OPT_OUT, "message-1")).isTrue();
        assertThat(instance).isWaitingAt(Elements.RECORD_OPT_OUT).isNotWaitingFor(Messages.REPLY_RECEIVED);
        assertThat(calls).containsExactly("planNextStep:" + ANNA);
        execute(job(Elements.RECORD_OPT_OUT, instance));
        assertThat(instance).isWaitingAt(Elements.AWAIT).hasPassed(Elements.RECORD_OPT_OUT);
        assertThat(branchVariables(ANNA)).containsEntry(Variables.NEXT_STEP, NextStep.FINISH.name());
        assertThat(job(Elements.TIMER_NEXT_STEP, instance).getDuedate()).isEqualTo(Date.from(APPOINTMENT_END));

        assertThat(deliverReply(ANNA, Intent.OPT_IN, "message-2")).isTrue();
        assertThat(instance).isWaitingAt(Elements.RECORD_OPT_IN).isNotWaitingFor(Messages.REPLY_RECEIVED);
        execute(job(Elements.RECORD_OPT_IN, instance));
        assertThat(instance).isWaitingAt(Elements.AWAIT).hasPassed(Elements.RECORD_OPT_IN);
        assertThat(branchVariables(ANNA))
                .containsEntry(Variables.NEXT_STEP, NextStep.REMIND.name())
                .containsEntry(Variables.REMINDER_ID, "reminder-2");
        assertThat(job(Elements.TIMER_NEXT_STEP, instance).getDuedate()).isEqualTo(Date.from(REPLY_DEADLINE));

        assertThat(calls).containsExactly(
                "planNextStep:" + ANNA, "recordOptOut:" + ANNA, "planNextStep:" + ANNA,
                "recordOptIn:" + ANNA, "planNextStep:" + ANNA);
    }

    // --- no reply: the owner calls ------------------------------------------------------------------

    @Test
    void noReplyByTheDeadlineAsksTheOwnerToCallAndAPhoneConfirmationReplans() {
        planner.script(ANNA, remind("reminder-1", FIRST_REMINDER), deadline(REPLY_DEADLINE), finish(APPOINTMENT_END));
        start(ANNA);
        nextStepDue(ANNA, FIRST_REMINDER);
        execute(job(Elements.SEND_REMINDER, instance));

        nextStepDue(ANNA, REPLY_DEADLINE);
        assertThat(instance).isWaitingAt(Elements.RECORD_NO_RESPONSE);
        assertThat(taskQuery().processInstanceId(instance.getId()).count()).as("no call task before the job ran").isZero();
        execute(job(Elements.RECORD_NO_RESPONSE, instance));

        assertThat(instance).isWaitingAt(Elements.CALL_CLIENT).hasPassed(Elements.RECORD_NO_RESPONSE);
        Task call = task(Elements.CALL_CLIENT, instance);
        assertIsOwnerTask(call, Forms.CALL_CLIENT);
        assertThat(taskService().getVariable(call.getId(), Variables.TASK_SUMMARY)).isEqualTo("No reply from " + ANNA);

        complete(call, withVariables(Variables.CALL_OUTCOME, CallOutcome.CONFIRMED_BY_PHONE.name(),
                Variables.CALL_NOTES, "Will be there"));
        assertThat(instance).isWaitingAt(Elements.RECORD_CALL_OUTCOME);
        assertThat(callOutcomes).isEmpty();
        execute(job(Elements.RECORD_CALL_OUTCOME, instance));

        assertThat(callOutcomes).containsExactly(ANNA + ":" + CallOutcome.CONFIRMED_BY_PHONE);
        assertThat(instance).isWaitingAt(Elements.AWAIT).hasPassed(Elements.RECORD_CALL_OUTCOME);
        assertThat(branchVariables(ANNA))
                .containsEntry(Variables.CALL_OUTCOME, CallOutcome.CONFIRMED_BY_PHONE.name())
                .containsEntry(Variables.CALL_NOTES, "Will be there")
                .containsEntry(Variables.NEXT_STEP, NextStep.FINISH.name());
        assertThat(runtimeService().getVariablesLocal(instance.getId()))
                .as("the form's answers stay in the attendee's branch")
                .doesNotContainKeys(Variables.CALL_OUTCOME, Variables.CALL_NOTES, Variables.TASK_SUMMARY);
        assertThat(calls).containsExactly(
                "planNextStep:" + ANNA, "sendReminder:" + ANNA, "planNextStep:" + ANNA,
                "recordNoResponse:" + ANNA, "recordCallOutcome:" + ANNA, "planNextStep:" + ANNA);

        nextStepDue(ANNA, APPOINTMENT_END);
        assertThat(instance).isEnded().hasPassed(Elements.END_APPOINTMENT_OVER, Elements.END_PROCESS);
    }

    @ParameterizedTest
    @EnumSource(value = CallOutcome.class, names = {"UNREACHABLE", "CANCELLED"})
    void callThatDoesNotConfirmSettlesTheAttendee(CallOutcome outcome) {
        planner.script(ANNA, deadline(REPLY_DEADLINE));
        start(ANNA);
        nextStepDue(ANNA, REPLY_DEADLINE);
        assertThat(instance).isWaitingAt(Elements.RECORD_NO_RESPONSE);
        execute(job(Elements.RECORD_NO_RESPONSE, instance));
        assertThat(instance).isWaitingAt(Elements.CALL_CLIENT);

        complete(task(Elements.CALL_CLIENT, instance), withVariables(Variables.CALL_OUTCOME, outcome.name()));
        assertThat(instance).isWaitingAt(Elements.RECORD_CALL_OUTCOME).isNotEnded();
        execute(job(Elements.RECORD_CALL_OUTCOME, instance));

        assertThat(callOutcomes).containsExactly(ANNA + ":" + outcome);
        assertThat(instance).isEnded().hasPassed(Elements.RECORD_CALL_OUTCOME, Elements.END_CALL_SETTLED, Elements.END_PROCESS);
        assertThat(calls).containsExactly("planNextStep:" + ANNA, "recordNoResponse:" + ANNA, "recordCallOutcome:" + ANNA);
    }

    // --- the appointment changes --------------------------------------------------------------------

    @Test
    void rescheduledAppointmentInterruptsTheBranchesAnnouncesTheNewTimeAndStartsThemAgain() {
        planner.script(ANNA, remind("reminder-1", FIRST_REMINDER), remind("reminder-3", NEW_FIRST_REMINDER));
        planner.script(BEN, deadline(REPLY_DEADLINE), remind("reminder-4", NEW_FIRST_REMINDER));
        start(ANNA, BEN);
        nextStepDue(BEN, REPLY_DEADLINE);
        assertThat(instance).isWaitingAt(Elements.RECORD_NO_RESPONSE, Elements.AWAIT);
        execute(jobFor(Elements.RECORD_NO_RESPONSE, BEN));
        assertThat(taskFor(Elements.CALL_CLIENT, BEN)).isNotNull();

        correlateByBusinessKey(Messages.APPOINTMENT_RESCHEDULED, ANNA, BEN);

        assertThat(instance).isWaitingAt(Elements.ANNOUNCE_NEW_TIME).isNotWaitingFor(Messages.REPLY_RECEIVED)
                .hasPassed(Elements.RESCHEDULED_BOUNDARY);
        assertThat(taskQuery().processInstanceId(instance.getId()).count()).as("the open call task is withdrawn").isZero();
        assertThat(jobQuery().processInstanceId(instance.getId()).timers().count()).as("the old timers are gone").isZero();

        execute(job(Elements.ANNOUNCE_NEW_TIME, instance));

        assertThat(instance).isWaitingAt(Elements.AWAIT).isNotWaitingAt(Elements.CALL_CLIENT);
        assertThat(jobFor(Elements.TIMER_NEXT_STEP, ANNA).getDuedate()).isEqualTo(Date.from(NEW_FIRST_REMINDER));
        assertThat(jobFor(Elements.TIMER_NEXT_STEP, BEN).getDuedate()).isEqualTo(Date.from(NEW_FIRST_REMINDER));
        assertThat(branchVariables(BEN)).containsEntry(Variables.REMINDER_ID, "reminder-4")
                .containsEntry(Variables.TASK_SUMMARY, null);
        assertThat(calls.subList(0, 2)).containsExactlyInAnyOrder("planNextStep:" + ANNA, "planNextStep:" + BEN);
        assertThat(calls.subList(2, 4)).containsExactly("recordNoResponse:" + BEN, "announceNewTime");
        assertThat(calls.subList(4, calls.size())).containsExactlyInAnyOrder("planNextStep:" + ANNA, "planNextStep:" + BEN);
    }

    @Test
    void changedAttendeesRestartTheBranchesWithTheNewList() {
        planner.script(ANNA, remind("reminder-1", FIRST_REMINDER), remind("reminder-1", FIRST_REMINDER));
        planner.script(BEN, remind("reminder-2", FIRST_REMINDER), remind("reminder-2", FIRST_REMINDER));
        planner.script(CARLA, remind("reminder-3", FIRST_REMINDER));
        start(ANNA, BEN);
        assertThat(waitingAttendees()).containsExactlyInAnyOrder(ANNA, BEN);

        correlateByBusinessKey(Messages.ATTENDEES_CHANGED, ANNA, BEN, CARLA);

        assertThat(instance).isWaitingAt(Elements.AWAIT).hasPassed(Elements.ATTENDEES_CHANGED_BOUNDARY)
                .hasNotPassed(Elements.ANNOUNCE_NEW_TIME);
        assertThat(waitingAttendees()).containsExactlyInAnyOrder(ANNA, BEN, CARLA);
        assertThat(jobQuery().processInstanceId(instance.getId()).timers().count()).isEqualTo(3);
        assertThat(runtimeService().getVariable(instance.getId(), Variables.ATTENDEE_PHONES)).isEqualTo(List.of(ANNA, BEN, CARLA));
        ObjectValue phones = runtimeService().getVariableTyped(instance.getId(), Variables.ATTENDEE_PHONES, false);
        assertThat(phones.getSerializationDataFormat()).isEqualTo(SerializationDataFormats.JSON.getName());
        assertThat(calls.subList(0, 2)).containsExactlyInAnyOrder("planNextStep:" + ANNA, "planNextStep:" + BEN);
        assertThat(calls.subList(2, calls.size()))
                .containsExactlyInAnyOrder("planNextStep:" + ANNA, "planNextStep:" + BEN, "planNextStep:" + CARLA);
    }

    @Test
    void changesArrivingWhileTheNewTimeIsAnnouncedAreKeptForTheBranchesThatStartNext() {
        planner.script(ANNA, remind("reminder-1", FIRST_REMINDER));
        planner.script(BEN, remind("reminder-2", FIRST_REMINDER), remind("reminder-4", NEW_FIRST_REMINDER));
        planner.script(CARLA, remind("reminder-5", NEW_FIRST_REMINDER));
        start(ANNA, BEN);

        restartBranches(Messages.APPOINTMENT_RESCHEDULED, ANNA, BEN);
        assertThat(instance).isWaitingAt(Elements.ANNOUNCE_NEW_TIME).hasPassed(Elements.RESCHEDULED_BOUNDARY);
        String announceJobId = job(Elements.ANNOUNCE_NEW_TIME, instance).getId();

        // Nobody listens for either message until the branches run again: a plain correlation fails ...
        for (String message : List.of(Messages.APPOINTMENT_RESCHEDULED, Messages.ATTENDEES_CHANGED)) {
            assertThat(runtimeService().createEventSubscriptionQuery().processInstanceId(instance.getId())
                    .eventType(EventType.MESSAGE.name()).eventName(message).count()).as("subscriptions to %s", message).isZero();
        }
        assertThat(instance).isWaitingFor(Messages.APPOINTMENT_CANCELLED);
        assertThatThrownBy(() -> correlateByBusinessKey(Messages.APPOINTMENT_RESCHEDULED, ANNA, BEN, CARLA))
                .isInstanceOf(MismatchingMessageCorrelationException.class);

        // ... so the gateway leaves the latest list on the instance: moved again with Carla added, then Anna removed.
        restartBranches(Messages.APPOINTMENT_RESCHEDULED, ANNA, BEN, CARLA);
        restartBranches(Messages.ATTENDEES_CHANGED, BEN, CARLA);

        assertThat(instance).isWaitingAt(Elements.ANNOUNCE_NEW_TIME).hasNotPassed(Elements.ATTENDEES_CHANGED_BOUNDARY);
        assertThat(jobQuery().processInstanceId(instance.getId()).list()).extracting(Job::getId)
                .as("still just the one announce job").containsExactly(announceJobId);
        assertThat(runtimeService().getVariable(instance.getId(), Variables.ATTENDEE_PHONES)).isEqualTo(List.of(BEN, CARLA));
        ObjectValue phones = runtimeService().getVariableTyped(instance.getId(), Variables.ATTENDEE_PHONES, false);
        assertThat(phones.getSerializationDataFormat()).isEqualTo(SerializationDataFormats.JSON.getName());
        assertThat(calls).containsExactlyInAnyOrder("planNextStep:" + ANNA, "planNextStep:" + BEN);

        execute(job(Elements.ANNOUNCE_NEW_TIME, instance));

        assertThat(instance).isWaitingAt(Elements.AWAIT).hasPassed(Elements.ANNOUNCE_NEW_TIME);
        assertThat(waitingAttendees()).containsExactlyInAnyOrder(BEN, CARLA);
        assertThat(jobFor(Elements.TIMER_NEXT_STEP, BEN).getDuedate()).isEqualTo(Date.from(NEW_FIRST_REMINDER));
        assertThat(jobFor(Elements.TIMER_NEXT_STEP, CARLA).getDuedate()).isEqualTo(Date.from(NEW_FIRST_REMINDER));
        assertThat(branchVariables(CARLA)).containsEntry(Variables.REMINDER_ID, "reminder-5");
        assertThat(deliverReply(ANNA, Intent.CONFIRM, "message-1")).as("Anna is no longer an attendee").isFalse();
        assertThat(calls.subList(2, 3)).containsExactly("announceNewTime");
        assertThat(calls.subList(3, calls.size())).containsExactlyInAnyOrder("planNextStep:" + BEN, "planNextStep:" + CARLA);
    }

    @Test
    void cancelledWhileWaitingEndsTheAppointment() {
        planner.script(ANNA, remind("reminder-1", FIRST_REMINDER));
        start(ANNA);

        correlateByBusinessKey(Messages.APPOINTMENT_CANCELLED);

        assertThat(instance).isEnded().hasPassed(Elements.CANCELLED_START, Elements.CANCEL_APPOINTMENT, Elements.END_CANCELLED)
                .hasNotPassed(Elements.END_PROCESS);
        assertThat(jobQuery().processInstanceId(instance.getId()).count()).isZero();
        assertThat(calls).containsExactly("planNextStep:" + ANNA, "cancelAppointment");
    }

    @Test
    void cancelledWhileTheOwnerHasAnOpenTaskWithdrawsTheTaskAndEndsTheAppointment() {
        planner.script(ANNA, deadline(REPLY_DEADLINE));
        planner.script(BEN, remind("reminder-2", APPOINTMENT_END));
        start(ANNA, BEN);
        nextStepDue(ANNA, REPLY_DEADLINE);
        assertThat(instance).isWaitingAt(Elements.RECORD_NO_RESPONSE, Elements.AWAIT);
        execute(jobFor(Elements.RECORD_NO_RESPONSE, ANNA));
        assertThat(instance).isWaitingAt(Elements.CALL_CLIENT, Elements.AWAIT);

        correlateByBusinessKey(Messages.APPOINTMENT_CANCELLED);

        assertThat(instance).isEnded().hasPassed(Elements.CANCEL_APPOINTMENT, Elements.END_CANCELLED)
                .hasNotPassed(Elements.RECORD_CALL_OUTCOME, Elements.END_PROCESS);
        assertThat(taskQuery().processInstanceId(instance.getId()).count()).isZero();
        assertThat(jobQuery().processInstanceId(instance.getId()).count()).isZero();
        assertThat(calls).endsWith("recordNoResponse:" + ANNA, "cancelAppointment");
    }

    // --- nothing to do ------------------------------------------------------------------------------

    @Test
    void attendeeWithNothingToDoEndsTheirBranchAtOnce() {
        planner.script(ANNA, done());
        planner.script(BEN, remind("reminder-2", FIRST_REMINDER));

        start(ANNA, BEN);

        assertThat(instance).isNotEnded().isWaitingAt(Elements.AWAIT).hasPassed(Elements.END_ATTENDEE_SETTLED);
        assertThat(waitingAttendees()).containsExactly(BEN);
        assertThat(deliverReply(ANNA, Intent.CONFIRM, "message-1")).as("Anna's branch is over").isFalse();
        assertThat(calls).containsExactlyInAnyOrder("planNextStep:" + ANNA, "planNextStep:" + BEN);
    }

    @Test
    void appointmentWithNothingToDoForAnyoneEndsAtOnce() {
        planner.script(ANNA, done());

        start(ANNA);

        assertThat(instance).isEnded().hasPassed(Elements.END_ATTENDEE_SETTLED, Elements.END_PROCESS)
                .hasNotPassed(Elements.AWAIT);
        assertThat(calls).containsExactly("planNextStep:" + ANNA);
    }

    @Test
    void appointmentWithoutPhoneNumbersEndsAtOnce() {
        start();

        assertThat(instance).isEnded().hasPassed(Elements.END_PROCESS).hasNotPassed(Elements.PLAN_NEXT_STEP);
        assertThat(calls).isEmpty();
    }

    // --- several attendees --------------------------------------------------------------------------

    @Test
    void everyAttendeeFollowsTheirOwnPathAndRepliesReachOnlyTheirOwnBranch() {
        planner.script(ANNA, remind("reminder-a", FIRST_REMINDER), deadline(REPLY_DEADLINE), finish(APPOINTMENT_END));
        planner.script(BEN, remind("reminder-b", FIRST_REMINDER), deadline(REPLY_DEADLINE));
        planner.script(CARLA, remind("reminder-c", FIRST_REMINDER), deadline(REPLY_DEADLINE), finish(APPOINTMENT_END));
        start(ANNA, BEN, CARLA);
        assertThat(waitingAttendees()).containsExactlyInAnyOrder(ANNA, BEN, CARLA);

        for (String phone : List.of(ANNA, BEN, CARLA)) {
            nextStepDue(phone, FIRST_REMINDER);
            execute(jobFor(Elements.SEND_REMINDER, phone));
        }
        assertThat(sentReminders).containsExactly(ANNA + ":reminder-a", BEN + ":reminder-b", CARLA + ":reminder-c");

        // Anna confirms.
        assertThat(deliverReply(ANNA, Intent.CONFIRM, "message-a")).isTrue();
        assertThat(jobQuery().processInstanceId(instance.getId()).activityId(Elements.RECORD_CONFIRMATION).count()).isOne();
        execute(jobFor(Elements.RECORD_CONFIRMATION, ANNA));
        // Ben declines.
        assertThat(deliverReply(BEN, Intent.DECLINE, "message-b")).isTrue();
        execute(jobFor(Elements.RECORD_DECLINE, BEN));
        assertThat(deliverReply(BEN, Intent.OTHER, "message-b2")).as("Ben is no longer waiting").isFalse();
        assertThat(deliverReply("+14155550199", Intent.CONFIRM, "message-x")).as("not an attendee").isFalse();
        // Carla never answers.
        nextStepDue(CARLA, REPLY_DEADLINE);
        assertThat(instance).isWaitingAt(Elements.AWAIT, Elements.FOLLOW_UP_DECLINE, Elements.RECORD_NO_RESPONSE);
        execute(jobFor(Elements.RECORD_NO_RESPONSE, CARLA));

        assertThat(instance).isWaitingAt(Elements.AWAIT, Elements.FOLLOW_UP_DECLINE, Elements.CALL_CLIENT);
        assertThat(waitingAttendees()).containsExactly(ANNA);
        assertIsOwnerTask(taskFor(Elements.FOLLOW_UP_DECLINE, BEN), Forms.DECLINED_FOLLOW_UP);
        assertIsOwnerTask(taskFor(Elements.CALL_CLIENT, CARLA), Forms.CALL_CLIENT);
        assertThat(taskQuery().processInstanceId(instance.getId()).count()).isEqualTo(2);

        assertThat(branchVariables(ANNA))
                .containsEntry(Variables.INTENT, Intent.CONFIRM.name())
                .containsEntry(Variables.REPLY_MESSAGE_ID, "message-a")
                .containsEntry(Variables.NEXT_STEP, NextStep.FINISH.name());
        assertThat(branchVariables(BEN))
                .containsEntry(Variables.INTENT, Intent.DECLINE.name())
                .containsEntry(Variables.REPLY_MESSAGE_ID, "message-b");
        assertThat(branchVariables(CARLA))
                .containsEntry(Variables.INTENT, null)
                .containsEntry(Variables.REPLY_MESSAGE_ID, null)
                .containsEntry(Variables.NEXT_STEP, NextStep.DEADLINE.name());
        assertThat(handledReplies).containsExactly(ANNA + ":message-a", BEN + ":message-b");

        assertThat(callsFor(ANNA)).containsExactly("planNextStep", "sendReminder", "planNextStep", "recordConfirmation", "planNextStep");
        assertThat(callsFor(BEN)).containsExactly("planNextStep", "sendReminder", "planNextStep", "recordDecline");
        assertThat(callsFor(CARLA)).containsExactly("planNextStep", "sendReminder", "planNextStep", "recordNoResponse");

        // The owner follows up on Ben and reaches Carla; then the appointment is over.
        complete(taskFor(Elements.FOLLOW_UP_DECLINE, BEN));
        complete(taskFor(Elements.CALL_CLIENT, CARLA), withVariables(Variables.CALL_OUTCOME, CallOutcome.CONFIRMED_BY_PHONE.name()));
        assertThat(callOutcomes).isEmpty();
        execute(jobFor(Elements.RECORD_CALL_OUTCOME, CARLA));
        assertThat(callOutcomes).containsExactly(CARLA + ":" + CallOutcome.CONFIRMED_BY_PHONE);
        assertThat(waitingAttendees()).containsExactlyInAnyOrder(ANNA, CARLA);
        nextStepDue(ANNA, APPOINTMENT_END);
        assertThat(instance).isNotEnded();
        nextStepDue(CARLA, APPOINTMENT_END);

        assertThat(instance).isEnded().hasPassed(Elements.END_ATTENDEE_DECLINED, Elements.END_APPOINTMENT_OVER, Elements.END_PROCESS);
        assertThat(callsFor(CARLA)).endsWith("recordNoResponse", "recordCallOutcome", "planNextStep");
    }

    // --- technical failure --------------------------------------------------------------------------

    @Test
    void sendThatKeepsFailingIsRetriedWithBackoffAndEndsAsAnIncident() {
        Mocks.register("sendReminder", (JavaDelegate) execution -> {
            record("sendReminder", execution);
            throw new IllegalStateException("SMS provider unavailable");
        });
        planner.script(ANNA, remind("reminder-1", FIRST_REMINDER));
        start(ANNA);
        nextStepDue(ANNA, FIRST_REMINDER);
        String jobId = job(Elements.SEND_REMINDER, instance).getId();

        // PT1M,PT5M,PT15M: each retry waits longer than the one before
        List<Duration> waits = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15));
        int attempts = 0;
        while (true) {
            assertThat(jobQuery().jobId(jobId).executable().count()).as("the job is due").isOne();
            assertThatThrownBy(() -> managementService().executeJob(jobId))
                    .satisfies(e -> assertThat(rootCause(e)).hasMessage("SMS provider unavailable"));
            attempts++;
            Job failed = jobQuery().jobId(jobId).singleResult();
            if (failed.getRetries() == 0) {
                break;
            }
            assertThat(failed.getDuedate()).as("retry %d", attempts)
                    .isEqualTo(Date.from(ClockUtil.now().toInstant().plus(waits.get(attempts - 1))));
            assertThat(jobQuery().jobId(jobId).executable().count()).as("the retry waits").isZero();
            ClockUtil.setCurrentTime(Date.from(failed.getDuedate().toInstant().plusSeconds(1)));
        }
        assertThat(attempts).isGreaterThanOrEqualTo(3);

        Incident incident = runtimeService().createIncidentQuery().processInstanceId(instance.getId()).singleResult();
        assertThat(incident).isNotNull();
        assertThat(incident.getIncidentType()).isEqualTo(Incident.FAILED_JOB_HANDLER_TYPE);
        assertThat(incident.getActivityId()).isEqualTo(Elements.SEND_REMINDER);
        assertThat(incident.getConfiguration()).isEqualTo(jobId);
        assertThat(incident.getIncidentMessage()).contains("SMS provider unavailable");
        assertThat(instance).isWaitingAt(Elements.SEND_REMINDER).isNotEnded();
        assertThat(calls).startsWith("planNextStep:" + ANNA).filteredOn(c -> c.equals("sendReminder:" + ANNA)).hasSize(attempts);
    }

    // --- driving the process, as LifecycleGateway does ------------------------------------------------

    private void start(String... phones) {
        instance = runtimeService().startProcessInstanceByKey(AppointmentProcess.PROCESS_ID, APPOINTMENT, Map.of(
                Variables.APPOINTMENT_ID, APPOINTMENT,
                Variables.OWNER_GROUP, OWNER_GROUP,
                Variables.ATTENDEE_PHONES, phoneList(phones)));
    }

    private static ObjectValue phoneList(String... phones) {
        return objectValue(new ArrayList<>(Arrays.asList(phones))).serializationDataFormat(SerializationDataFormats.JSON).create();
    }

    /** Rescheduled, attendees changed or cancelled: by business key, with the new phone list where there is one. */
    private void correlateByBusinessKey(String message, String... phones) {
        var correlation = runtimeService().createMessageCorrelation(message).processInstanceBusinessKey(APPOINTMENT);
        if (phones.length > 0) {
            correlation.setVariable(Variables.ATTENDEE_PHONES, phoneList(phones));
        }
        correlation.correlateWithResult();
    }

    /**
     * Rescheduled or attendees changed, as {@link LifecycleGateway}'s {@code restartBranches}: correlated where the
     * instance listens for the message, otherwise (between branches, e.g. while the new time is announced) the new
     * phone list is set on the instance for the branches that start next.
     */
    private void restartBranches(String message, String... phones) {
        List<ProcessInstance> instances = runtimeService().createProcessInstanceQuery()
                .processDefinitionKey(AppointmentProcess.PROCESS_ID).processInstanceBusinessKey(APPOINTMENT).list();
        assertThat(instances).as("running instances of %s", APPOINTMENT).isNotEmpty();
        for (ProcessInstance running : instances) {
            boolean listening = runtimeService().createEventSubscriptionQuery().processInstanceId(running.getId())
                    .eventType(EventType.MESSAGE.name()).eventName(message).count() > 0;
            if (listening) {
                runtimeService().createMessageCorrelation(message).processInstanceId(running.getId())
                        .setVariable(Variables.ATTENDEE_PHONES, phoneList(phones)).correlateWithResult();
            } else {
                runtimeService().setVariable(running.getId(), Variables.ATTENDEE_PHONES, phoneList(phones));
            }
        }
    }

    /** The attendee's waiting branch is found by its reply subscription and its {@code attendeePhone}. */
    private boolean deliverReply(String phone, Intent intent, String messageId) {
        List<ProcessInstance> instances = runtimeService().createProcessInstanceQuery()
                .processDefinitionKey(AppointmentProcess.PROCESS_ID).processInstanceBusinessKey(APPOINTMENT).list();
        for (ProcessInstance running : instances) {
            List<EventSubscription> subscriptions = runtimeService().createEventSubscriptionQuery()
                    .processInstanceId(running.getId()).eventType(EventType.MESSAGE.name())
                    .eventName(Messages.REPLY_RECEIVED).list();
            for (EventSubscription subscription : subscriptions) {
                if (phone.equals(runtimeService().getVariable(subscription.getExecutionId(), Variables.ATTENDEE_PHONE))) {
                    runtimeService().messageEventReceived(Messages.REPLY_RECEIVED, subscription.getExecutionId(),
                            Map.of(Variables.INTENT, intent.name(), Variables.REPLY_MESSAGE_ID, messageId));
                    return true;
                }
            }
        }
        return false;
    }

    /** The attendee's timer is due: move the clock to it and fire it. */
    private void nextStepDue(String phone, Instant plannedAt) {
        Job timer = jobFor(Elements.TIMER_NEXT_STEP, phone);
        assertThat(timer.getDuedate()).isEqualTo(Date.from(plannedAt));
        if (ClockUtil.getCurrentTime().toInstant().isBefore(plannedAt)) {
            assertThat(jobQuery().jobId(timer.getId()).executable().count()).as("not due yet").isZero();
            ClockUtil.setCurrentTime(Date.from(plannedAt));
        }
        assertThat(jobQuery().jobId(timer.getId()).executable().count()).as("due now").isOne();
        execute(timer);
    }

    // --- looking into the attendees' branches ---------------------------------------------------------

    private Job jobFor(String activityId, String phone) {
        List<Job> jobs = jobQuery().processInstanceId(instance.getId()).activityId(activityId).list().stream()
                .filter(job -> phone.equals(phoneOf(job.getExecutionId()))).toList();
        assertThat(jobs).as("%s jobs of %s", activityId, phone).hasSize(1);
        return jobs.get(0);
    }

    private Task taskFor(String taskDefinitionKey, String phone) {
        List<Task> tasks = taskQuery().processInstanceId(instance.getId()).taskDefinitionKey(taskDefinitionKey).list().stream()
                .filter(task -> phone.equals(phoneOf(task.getExecutionId()))).toList();
        assertThat(tasks).as("%s tasks of %s", taskDefinitionKey, phone).hasSize(1);
        return tasks.get(0);
    }

    /** The local variables of the attendee's branch (the sub-process instance that declares them). */
    private Map<String, Object> branchVariables(String phone) {
        List<Map<String, Object>> branches = runtimeService().createExecutionQuery().processInstanceId(instance.getId()).list()
                .stream().map(execution -> runtimeService().getVariablesLocal(execution.getId()))
                .filter(variables -> variables.containsKey(Variables.NEXT_STEP) && phone.equals(variables.get(Variables.ATTENDEE_PHONE)))
                .toList();
        assertThat(branches).as("branches of %s", phone).hasSize(1);
        return branches.get(0);
    }

    /** Phone numbers whose branch waits for a reply right now. */
    private List<String> waitingAttendees() {
        return runtimeService().createEventSubscriptionQuery().processInstanceId(instance.getId())
                .eventType(EventType.MESSAGE.name()).eventName(Messages.REPLY_RECEIVED).list().stream()
                .map(subscription -> phoneOf(subscription.getExecutionId())).toList();
    }

    private String phoneOf(String executionId) {
        return (String) runtimeService().getVariable(executionId, Variables.ATTENDEE_PHONE);
    }

    private List<String> callsFor(String phone) {
        return calls.stream().filter(call -> call.endsWith(":" + phone))
                .map(call -> call.substring(0, call.length() - phone.length() - 1)).toList();
    }

    private void assertIsOwnerTask(Task task, String formId) {
        assertThat(task).hasCandidateGroup(OWNER_GROUP).isNotAssigned();
        Task withForm = taskQuery().taskId(task.getId()).initializeFormKeys().singleResult();
        assertThat(withForm.getCamundaFormRef().getKey()).isEqualTo(formId);
        try (InputStream form = formService().getDeployedTaskForm(task.getId())) {
            assertThat(new String(form.readAllBytes(), StandardCharsets.UTF_8)).contains("\"id\": \"" + formId + "\"");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    // --- fakes of the delegate beans ----------------------------------------------------------------

    private static String phone(DelegateExecution execution) {
        return (String) execution.getVariable(Variables.ATTENDEE_PHONE);
    }

    private void record(String bean, DelegateExecution execution) {
        String phone = phone(execution);
        calls.add(phone == null ? bean : bean + ":" + phone);
    }

    private JavaDelegate recording(String bean) {
        return execution -> record(bean, execution);
    }

    /** A step that handles a reply; the ones that hand over to the owner also write the task summary. */
    private JavaDelegate replyStep(String bean, boolean writesSummary) {
        return execution -> {
            record(bean, execution);
            handledReplies.add(phone(execution) + ":" + execution.getVariable(Variables.REPLY_MESSAGE_ID));
            if (writesSummary) {
                execution.setVariableLocal(Variables.TASK_SUMMARY, "Summary for " + phone(execution));
            }
        };
    }

    private record Planned(NextStep step, Instant at, String reminderId) {
    }

    private static Planned remind(String reminderId, Instant at) {
        return new Planned(NextStep.REMIND, at, reminderId);
    }

    private static Planned deadline(Instant at) {
        return new Planned(NextStep.DEADLINE, at, null);
    }

    private static Planned finish(Instant at) {
        return new Planned(NextStep.FINISH, at, null);
    }

    private static Planned done() {
        return new Planned(NextStep.DONE, null, null);
    }

    /**
     * Stands in for {@code planNextStep}: per attendee phone the decisions to hand out, in order,
     * written to the branch as the real delegate does (local variables of the attendee's branch).
     */
    private final class ScriptedPlanner implements JavaDelegate {

        private final Map<String, Deque<Planned>> script = new HashMap<>();

        void script(String phone, Planned... steps) {
            script.computeIfAbsent(phone, p -> new ArrayDeque<>()).addAll(Arrays.asList(steps));
        }

        @Override
        public void execute(DelegateExecution execution) {
            record("planNextStep", execution);
            String phone = phone(execution);
            Deque<Planned> steps = script.get(phone);
            if (steps == null || steps.isEmpty()) {
                throw new IllegalStateException("No next step scripted for " + phone);
            }
            Planned next = steps.removeFirst();
            execution.setVariableLocal(Variables.ATTENDEE_PHONE, phone);
            execution.setVariableLocal(Variables.NEXT_STEP, next.step().name());
            execution.setVariableLocal(Variables.NEXT_STEP_AT, next.at() == null ? null : Date.from(next.at()));
            execution.setVariableLocal(Variables.REMINDER_ID, next.reminderId());
        }
    }
}
