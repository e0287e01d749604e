package io.confirmloop.appointment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.reset;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

import io.confirmloop.appointment.AppointmentProcess.Elements;
import io.confirmloop.appointment.AppointmentProcess.Messages;
import io.confirmloop.appointment.AppointmentProcess.NextStep;
import io.confirmloop.appointment.AppointmentProcess.Variables;
import io.confirmloop.messaging.Intent;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every path of {@code appointment-lifecycle.bpmn} (one instance per attendee) and of
 * {@code delivery-failure.bpmn} on an in-memory engine, with the production delegates
 * ({@link LifecycleDelegates}) and gateway ({@link LifecycleGateway}); only the use cases behind
 * them are fakes ({@link FakeLifecycleSteps}). Timers and async continuations are fired by the
 * test. The build fails if these tests leave part of the models uncovered.
 */
@Deployment(resources = {
        "processes/appointment-lifecycle.bpmn",
        "processes/delivery-failure.bpmn",
        "processes/call-client.form",
        "processes/declined-follow-up.form",
        "processes/reschedule-request.form",
        "processes/reach-client.form"})
class AppointmentLifecycleProcessTest {

    /**
     * Everything but the "Plan again" link throw events, which the engine's history does not record
     * as activities (the link catch event they lead to is covered).
     */
    @RegisterExtension
    static ProcessEngineCoverageExtension coverage = ProcessEngineCoverageExtension.builder().assertClassCoverageAtLeast(0.92).build();

    private static final String APPOINTMENT = "appointment-42";
    private static final String OWNERS = "clinic-7";
    private static final String ANNA = "+14155550101";
    private static final String BEN = "+14155550102";
    private static final String CARLA = "+14155550103";
    private static final Instant NOW = Instant.parse("2030-03-04T08:00:00Z");
    private static final Instant REMINDER = Instant.parse("2030-03-05T09:00:00Z");
    private static final Instant DEADLINE = Instant.parse("2030-03-06T12:00:00Z");
    private static final Instant END = Instant.parse("2030-03-07T10:00:00Z");
    private static final Instant NEVER = END.plus(Duration.ofDays(1));

    ProcessEngine processEngine;

    private final FakeLifecycleSteps steps = new FakeLifecycleSteps();
    private LifecycleGateway gateway;

    @BeforeEach
    void productionDelegatesAroundFakeUseCases() {
        init(processEngine);
        ClockUtil.setCurrentTime(Date.from(NOW));
        LifecycleDelegates delegates = new LifecycleDelegates();
        Mocks.register("planNextStep", delegates.planNextStep(steps));
        Mocks.register("recordReminder", delegates.recordReminder(steps));
        Mocks.register("recordConfirmationNow", delegates.recordConfirmationNow(steps));
        Mocks.register("acknowledgeConfirmation", delegates.acknowledgeConfirmation(steps));
        Mocks.register("recordDeclineNow", delegates.recordDeclineNow(steps));
        Mocks.register("tellDecline", delegates.tellDecline(steps));
        Mocks.register("recordRescheduleRequest", delegates.recordRescheduleRequest(steps));
        Mocks.register("findFreeSlots", delegates.findFreeSlots(steps));
        Mocks.register("textSlotOffer", delegates.textSlotOffer(steps));
        Mocks.register("moveToChosenSlot", delegates.moveToChosenSlot(steps));
        Mocks.register("recordNoSlotChosen", delegates.recordNoSlotChosen(steps));
        Mocks.register("recordRefusedOffer", delegates.recordRefusedOffer(steps));
        Mocks.register("withdrawSlotOffer", delegates.withdrawSlotOffer(steps));
        Mocks.register("sendHelp", delegates.sendHelp(steps));
        Mocks.register("forwardToOwner", delegates.forwardToOwner(steps));
        Mocks.register("recordNoResponse", delegates.recordNoResponse(steps));
        Mocks.register("recordCallOutcome", delegates.recordCallOutcome(steps));
        Mocks.register("planCancellationNotice", delegates.planCancellationNotice(steps));
        Mocks.register("sendCancellationNotice", delegates.sendCancellationNotice(steps));
        Mocks.register("recordRemoval", delegates.recordRemoval(steps));
        Mocks.register("sendByEmailInstead", delegates.sendByEmailInstead(steps));
        Mocks.register("recordReachOutcome", delegates.recordReachOutcome(steps));
        gateway = new LifecycleGateway(runtimeService());
    }

    @AfterEach
    void reset_() {
        ClockUtil.reset();
        Mocks.reset();
        reset();
    }

    private static Appointment appointment() {
        return new Appointment(APPOINTMENT, "calendar-7", "event-7", "Check-up", null, null, END.minus(Duration.ofHours(1)), END,
                AppointmentStatus.ACTIVE, 1, NOW, NOW);
    }

    private ProcessInstance start(String phone) {
        gateway.start(appointment(), OWNERS, phone);
        return instanceOf(phone);
    }

    private ProcessInstance instanceOf(String phone) {
        return runtimeService().createProcessInstanceQuery().processDefinitionKey(AppointmentProcess.PROCESS_ID)
                .processInstanceBusinessKey(APPOINTMENT).variableValueEquals(Variables.ATTENDEE_PHONE, phone).singleResult();
    }

    private static LifecycleSteps.Plan waitFor(Instant reminderAt, String reminderId, Instant deadlineAt) {
        return new LifecycleSteps.Plan(NextStep.WAIT, reminderAt, reminderId, deadlineAt, END, "Check-up Anna (+1 415-555-0101)",
                "Wed 6 Mar 09:00");
    }

    private static LifecycleSteps.Plan only(NextStep step) {
        return new LifecycleSteps.Plan(step, NEVER, null, NEVER, END, "Check-up Anna (+1 415-555-0101)", "Wed 6 Mar 09:00");
    }

    private void fire(ProcessInstance instance, String timerId) {
        Job timer = managementService().createJobQuery().processInstanceId(instance.getId()).activityId(timerId).singleResult();
        assertThat(timer).as("timer " + timerId).isNotNull();
        ClockUtil.setCurrentTime(timer.getDuedate());
        execute(timer);
    }

    private void run(ProcessInstance instance, String activityId) {
        execute(managementService().createJobQuery().processInstanceId(instance.getId()).activityId(activityId).singleResult());
    }

    // --- one attendee ----------------------------------------------------------------------------

    @Test
    void theTimersWaitForWhatThePlanSaysAndAConfirmationPlansAgainUntilTheEnd() {
        steps.plans(ANNA, waitFor(REMINDER, "reminder-1", NEVER), waitFor(NEVER, null, DEADLINE), only(NextStep.WAIT));
        ProcessInstance anna = start(ANNA);

        assertThat(anna).isWaitingAt(Elements.AWAIT)
                .isWaitingFor(Messages.REMINDER_HANDED_OFF, Messages.REPLY_RECEIVED, Messages.APPOINTMENT_CHANGED);
        assertThat(runtimeService().getVariable(anna.getId(), Variables.REMINDER_AT)).isEqualTo(Date.from(REMINDER));
        assertThat(job(Elements.TIMER_REPLY_DEADLINE, anna).getDuedate()).isEqualTo(Date.from(NEVER));
        assertThat(job(Elements.TIMER_APPOINTMENT_OVER, anna).getDuedate()).isEqualTo(Date.from(END));

        gateway.reminderHandedOff(APPOINTMENT, ANNA, "reminder-other");
        assertThat(anna).as("told of another reminder").isWaitingAt(Elements.AWAIT);
        gateway.reminderHandedOff(APPOINTMENT, ANNA, "reminder-1");
        assertThat(steps.calls).containsExactly("plan " + ANNA, "record reminder-1", "plan " + ANNA);
        assertThat(anna).hasPassed(Elements.REMINDER_HANDED_OFF, Elements.RECORD_REMINDER);
        assertThat(job(Elements.TIMER_REPLY_DEADLINE, anna).getDuedate()).isEqualTo(Date.from(DEADLINE));

        gateway.deliverReply(APPOINTMENT, ANNA, Intent.CONFIRM, "reply-1");
        assertThat(steps.calls).as("recorded in the reply's own transaction").endsWith("record confirmation " + ANNA + " reply-1");
        assertThat(anna).hasPassed(Elements.RECORD_CONFIRMATION).isWaitingAt(Elements.ACKNOWLEDGE_CONFIRMATION);
        run(anna, Elements.ACKNOWLEDGE_CONFIRMATION);
        fire(anna, Elements.TIMER_APPOINTMENT_OVER);

        assertThat(anna).isEnded().hasPassed(Elements.RECORD_CONFIRMATION, Elements.ACKNOWLEDGE_CONFIRMATION, Elements.END_APPOINTMENT_OVER);
        assertThat(steps.calls).containsSubsequence("record confirmation " + ANNA + " reply-1", "acknowledge confirmation " + ANNA + " reply-1",
                "plan " + ANNA);
    }

    @Test
    void nothingLeftToDoEndsTheAttendeeQuietly() {
        steps.plans(ANNA, only(NextStep.DONE));
        gateway.start(appointment(), OWNERS, ANNA);

        assertThat(runtimeService().createProcessInstanceQuery().processInstanceBusinessKey(APPOINTMENT).count()).isZero();
        assertThat(historyService().createHistoricActivityInstanceQuery().activityId(Elements.END_ATTENDEE_SETTLED).count()).isEqualTo(1);
    }

    @Test
    void aChangeOfTheAppointmentPlansAgain() {
        steps.plans(ANNA, waitFor(REMINDER, "reminder-1", NEVER), waitFor(REMINDER.plus(Duration.ofHours(5)), "reminder-2", NEVER));
        ProcessInstance anna = start(ANNA);

        gateway.appointmentChanged(APPOINTMENT);

        assertThat(anna).isWaitingAt(Elements.AWAIT).hasPassed(Elements.APPOINTMENT_CHANGED);
        assertThat(runtimeService().getVariable(anna.getId(), Variables.REMINDER_AT)).isEqualTo(Date.from(REMINDER.plus(Duration.ofHours(5))));
        assertThat(runtimeService().getVariable(anna.getId(), Variables.REMINDER_ID)).isEqualTo("reminder-2");
    }

    @Test
    void aSwitchedOffCalendarWaitsUntilItIsSwitchedOnAgain() {
        steps.plans(ANNA, only(NextStep.PAUSED), waitFor(REMINDER, "reminder-1", NEVER));
        ProcessInstance anna = start(ANNA);
        assertThat(anna).isWaitingAt(Elements.CALENDAR_SWITCHED_ON);
        assertThat(managementService().createJobQuery().processInstanceId(anna.getId()).count()).as("no timers while off").isZero();

        gateway.appointmentChanged(APPOINTMENT);

        assertThat(anna).isWaitingAt(Elements.AWAIT);
    }

    @Test
    void noAnswerByTheDeadlineHandsTheOwnerACallTaskNamedAfterTheClient() {
        steps.plans(ANNA, waitFor(NEVER, null, DEADLINE), only(NextStep.WAIT));
        ProcessInstance anna = start(ANNA);

        fire(anna, Elements.TIMER_REPLY_DEADLINE);
        run(anna, Elements.RECORD_NO_RESPONSE);

        assertThat(anna).isWaitingAt(Elements.CALL_CLIENT);
        Task call = task(Elements.CALL_CLIENT, anna);
        assertThat(call.getName()).isEqualTo("Call Check-up Anna (+1 415-555-0101) — Wed 6 Mar 09:00");
        assertThat(taskQuery().taskId(call.getId()).taskCandidateGroup(OWNERS).count()).isEqualTo(1);
        assertThat(taskService().getVariable(call.getId(), Variables.TASK_SUMMARY)).isEqualTo("summary of " + ANNA);

        complete(call, withVariables(Variables.CALL_OUTCOME, "CONFIRMED_BY_PHONE", Variables.CALL_NOTES, "will come"));
        run(anna, Elements.RECORD_CALL_OUTCOME);
        assertThat(anna).isWaitingAt(Elements.AWAIT);
        assertThat(steps.calls).contains("call " + ANNA + " CONFIRMED_BY_PHONE will come");
    }

    @Test
    void anUnreachableClientEndsTheCall() {
        steps.plans(ANNA, waitFor(NEVER, null, DEADLINE));
        ProcessInstance anna = start(ANNA);
        fire(anna, Elements.TIMER_REPLY_DEADLINE);
        run(anna, Elements.RECORD_NO_RESPONSE);

        complete(task(Elements.CALL_CLIENT, anna), withVariables(Variables.CALL_OUTCOME, "UNREACHABLE"));
        run(anna, Elements.RECORD_CALL_OUTCOME);

        assertThat(anna).isEnded().hasPassed(Elements.END_CALL_SETTLED);
    }

    @Test
    void aCallTaskCompletedWithoutAnOutcomeBecomesAnIncidentAfterItsRetries() {
        steps.plans(ANNA, waitFor(NEVER, null, DEADLINE));
        ProcessInstance anna = start(ANNA);
        fire(anna, Elements.TIMER_REPLY_DEADLINE);
        run(anna, Elements.RECORD_NO_RESPONSE);
        complete(task(Elements.CALL_CLIENT, anna));

        for (int attempt = 0; attempt < 4; attempt++) {
            Job job = managementService().createJobQuery().processInstanceId(anna.getId()).activityId(Elements.RECORD_CALL_OUTCOME)
                    .singleResult();
            assertThatThrownBy(() -> managementService().executeJob(job.getId())).hasMessageContaining("without an outcome");
        }
        assertThat(runtimeService().createIncidentQuery().processInstanceId(anna.getId()).count()).isEqualTo(1);
    }

    @Test
    void noCallTaskWhileTheCalendarIsSwitchedOff() {
        steps.plans(ANNA, waitFor(NEVER, null, DEADLINE), only(NextStep.PAUSED));
        steps.ownerTaskAtDeadline = false;
        ProcessInstance anna = start(ANNA);

        fire(anna, Elements.TIMER_REPLY_DEADLINE);
        run(anna, Elements.RECORD_NO_RESPONSE);

        assertThat(taskQuery().processInstanceId(anna.getId()).count()).isZero();
        assertThat(anna).isWaitingAt(Elements.CALENDAR_SWITCHED_ON);
    }

    @Test
    void aDeclineHandsTheOwnerAFollowUpTask() {
        steps.plans(ANNA, waitFor(NEVER, null, DEADLINE));
        ProcessInstance anna = start(ANNA);

        gateway.deliverReply(APPOINTMENT, ANNA, Intent.DECLINE, "reply-1");
        assertThat(steps.calls).as("recorded in the reply's own transaction").endsWith("record decline " + ANNA + " reply-1");
        assertThat(anna).hasPassed(Elements.RECORD_DECLINE).isWaitingAt(Elements.TELL_DECLINE, Elements.FOLLOW_UP_DECLINE);
        Task followUp = task(Elements.FOLLOW_UP_DECLINE, anna);
        assertThat(followUp.getName()).as("the owner's task at once, before the client and the owner are told")
                .isEqualTo("Follow up: Check-up Anna (+1 415-555-0101) declined — Wed 6 Mar 09:00");
        run(anna, Elements.TELL_DECLINE);
        assertThat(steps.calls).endsWith("tell decline " + ANNA + " reply-1");
        complete(followUp);

        assertThat(anna).isEnded().hasPassed(Elements.END_DECLINE_TOLD, Elements.END_ATTENDEE_DECLINED);
    }

    // --- rescheduling by text --------------------------------------------------------------------

    private static final Instant OFFER_AT = NOW.plus(Duration.ofHours(1));
    private static final Instant CHOICE_DEADLINE = NOW.plus(Duration.ofHours(25));

    private static LifecycleSteps.SlotOfferPlan offer() {
        return new LifecycleSteps.SlotOfferPlan(true, OFFER_AT, CHOICE_DEADLINE, null);
    }

    /** Anna asks to reschedule; free slots are found and, once quiet hours allow, texted. */
    private ProcessInstance offeredSlots() {
        steps.plans(ANNA, waitFor(NEVER, null, DEADLINE));
        ProcessInstance anna = start(ANNA);
        gateway.deliverReply(APPOINTMENT, ANNA, Intent.RESCHEDULE, "reply-1");
        run(anna, Elements.RECORD_RESCHEDULE_REQUEST);
        run(anna, Elements.FIND_FREE_SLOTS);
        assertThat(job(Elements.TIMER_SLOT_OFFER_ALLOWED, anna).getDuedate()).isEqualTo(Date.from(OFFER_AT));
        fire(anna, Elements.TIMER_SLOT_OFFER_ALLOWED);
        run(anna, Elements.TEXT_SLOT_OFFER);
        assertThat(anna).isWaitingAt(Elements.AWAIT_SLOT_CHOICE).isWaitingFor(Messages.REPLY_RECEIVED, Messages.APPOINTMENT_CHANGED);
        assertThat(job(Elements.TIMER_NO_SLOT_CHOSEN, anna).getDuedate()).isEqualTo(Date.from(CHOICE_DEADLINE));
        return anna;
    }

    @Test
    void aChosenSlotThatIsStillFreeMovesTheEventAndTheAttendeePlansAgain() {
        steps.slotOffers(offer());
        ProcessInstance anna = offeredSlots();

        gateway.deliverReply(APPOINTMENT, ANNA, Intent.SLOT_CHOICE, "reply-2");
        run(anna, Elements.MOVE_TO_CHOSEN_SLOT);

        assertThat(anna).isWaitingAt(Elements.AWAIT).hasPassed(Elements.MOVE_TO_CHOSEN_SLOT);
        assertThat(steps.calls).containsExactly("plan " + ANNA, "reschedule " + ANNA + " reply-1", "find slots " + ANNA + " reply-1",
                "offer slots " + ANNA, "move " + ANNA + " reply-2", "plan " + ANNA);
    }

    @Test
    void aSlotTakenMeanwhileGetsAFreshOffer() {
        steps.slotOffers(offer());
        steps.moves(false, true);
        ProcessInstance anna = offeredSlots();

        gateway.deliverReply(APPOINTMENT, ANNA, Intent.SLOT_CHOICE, "reply-2");
        run(anna, Elements.MOVE_TO_CHOSEN_SLOT);
        run(anna, Elements.FIND_FREE_SLOTS);
        fire(anna, Elements.TIMER_SLOT_OFFER_ALLOWED);
        run(anna, Elements.TEXT_SLOT_OFFER);
        gateway.deliverReply(APPOINTMENT, ANNA, Intent.SLOT_CHOICE, "reply-3");
        run(anna, Elements.MOVE_TO_CHOSEN_SLOT);

        assertThat(anna).isWaitingAt(Elements.AWAIT);
        assertThat(steps.calls).containsSubsequence("move " + ANNA + " reply-2", "find slots " + ANNA + " reply-2", "offer slots " + ANNA,
                "move " + ANNA + " reply-3", "plan " + ANNA);
    }

    @Test
    void anotherAnswerWhileSlotsAreOfferedIsReadLikeAnyReply() {
        steps.slotOffers(offer());
        ProcessInstance anna = offeredSlots();

        gateway.deliverReply(APPOINTMENT, ANNA, Intent.CONFIRM, "reply-2");
        run(anna, Elements.ACKNOWLEDGE_CONFIRMATION);

        assertThat(anna).isWaitingAt(Elements.AWAIT).hasPassed(Elements.SLOT_CHOICE_RECEIVED, Elements.RECORD_CONFIRMATION);
        assertThat(steps.calls).containsSubsequence("offer slots " + ANNA, "record confirmation " + ANNA + " reply-2",
                "acknowledge confirmation " + ANNA + " reply-2", "plan " + ANNA);
    }

    @Test
    void noSlotChosenInTimeHandsTheOwnerTheRescheduleTask() {
        steps.slotOffers(offer());
        ProcessInstance anna = offeredSlots();

        fire(anna, Elements.TIMER_NO_SLOT_CHOSEN);
        run(anna, Elements.RECORD_NO_SLOT_CHOSEN);
        Task reschedule = task(Elements.HANDLE_RESCHEDULE_REQUEST, anna);
        assertThat(taskService().getVariable(reschedule.getId(), Variables.TASK_SUMMARY)).isEqualTo("summary of " + ANNA);
        complete(reschedule);

        assertThat(anna).isEnded().hasPassed(Elements.RECORD_NO_SLOT_CHOSEN, Elements.END_RESCHEDULE_HANDLED);
    }

    @Test
    void aChangeOfTheAppointmentWhileSlotsAreOfferedWithdrawsTheOffer() {
        steps.slotOffers(offer());
        ProcessInstance anna = offeredSlots();

        gateway.appointmentChanged(APPOINTMENT);
        run(anna, Elements.WITHDRAW_SLOT_OFFER);

        assertThat(anna).isWaitingAt(Elements.AWAIT);
        assertThat(steps.calls).containsSubsequence("offer slots " + ANNA, "withdraw offer " + ANNA, "plan " + ANNA);
    }

    @Test
    void aSlotNumberWithNoOfferOpenGetsAFreshOffer() {
        steps.plans(ANNA, waitFor(NEVER, null, DEADLINE));
        steps.slotOffers(offer());
        ProcessInstance anna = start(ANNA);

        gateway.deliverReply(APPOINTMENT, ANNA, Intent.SLOT_CHOICE, "reply-1");
        run(anna, Elements.FIND_FREE_SLOTS);

        assertThat(anna).isWaitingAt(Elements.TIMER_SLOT_OFFER_ALLOWED);
        assertThat(steps.calls).containsExactly("plan " + ANNA, "find slots " + ANNA + " reply-1");
    }

    @Test
    void aRescheduleRequestWithNoFreeSlotHandsTheOwnerATask() {
        steps.plans(ANNA, waitFor(NEVER, null, DEADLINE));
        ProcessInstance anna = start(ANNA);

        gateway.deliverReply(APPOINTMENT, ANNA, Intent.RESCHEDULE, "reply-1");
        run(anna, Elements.RECORD_RESCHEDULE_REQUEST);
        run(anna, Elements.FIND_FREE_SLOTS);
        Task reschedule = task(Elements.HANDLE_RESCHEDULE_REQUEST, anna);
        assertThat(reschedule.getName()).isEqualTo("Reschedule Check-up Anna (+1 415-555-0101) — Wed 6 Mar 09:00");
        complete(reschedule);

        assertThat(anna).isEnded().hasPassed(Elements.END_RESCHEDULE_HANDLED);
    }

    @Test
    void helpOtherTextsAndOptOutsGoThroughTheProcessAndTheAttendeeKeepsWaiting() {
        steps.plans(ANNA, waitFor(NEVER, null, DEADLINE));
        ProcessInstance anna = start(ANNA);

        gateway.deliverReply(APPOINTMENT, ANNA, Intent.HELP, "reply-1");
        run(anna, Elements.SEND_HELP);
        gateway.deliverReply(APPOINTMENT, ANNA, Intent.OTHER, "reply-2");
        run(anna, Elements.FORWARD_TO_OWNER);
        gateway.deliverReply(APPOINTMENT, ANNA, Intent.OPT_OUT, "reply-3");
        gateway.deliverReply(APPOINTMENT, ANNA, Intent.OPT_IN, "reply-4");

        assertThat(anna).isWaitingAt(Elements.AWAIT);
        assertThat(steps.calls).containsSubsequence("help " + ANNA + " reply-1", "plan " + ANNA, "forward " + ANNA + " reply-2",
                "plan " + ANNA, "plan " + ANNA, "plan " + ANNA);
    }

    @Test
    void aReplyWhileTheAttendeeIsNotWaitingIsRefusedSoItIsTriedAgain() {
        steps.plans(ANNA, waitFor(NEVER, null, DEADLINE));
        ProcessInstance anna = start(ANNA);
        gateway.deliverReply(APPOINTMENT, ANNA, Intent.DECLINE, "reply-1");

        assertThatThrownBy(() -> gateway.deliverReply(APPOINTMENT, ANNA, Intent.CONFIRM, "reply-2"))
                .isInstanceOf(MismatchingMessageCorrelationException.class);
        assertThat(anna).isWaitingAt(Elements.TELL_DECLINE);
    }

    // --- texts that do not reach the client ---------------------------------------------------------

    @Test
    void aRefusedTextIsABpmnErrorAndTheOwnerReachesTheClientAnotherWay() {
        steps.plans(ANNA, waitFor(REMINDER, "reminder-1", NEVER), only(NextStep.WAIT));
        steps.refuseNextSend = true;
        ProcessInstance anna = start(ANNA);

        gateway.reminderHandedOff(APPOINTMENT, ANNA, "reminder-1");
        assertThat(anna).hasPassed(Elements.TEXT_REFUSED);
        run(anna, Elements.REACH_CLIENT_AFTER_REFUSAL);
        ProcessInstance fallback = runtimeService().createProcessInstanceQuery().processDefinitionKey(DeliveryFailureProcess.PROCESS_ID)
                .singleResult();
        run(fallback, DeliveryFailureProcess.Elements.SEND_BY_EMAIL);
        Task reach = task(DeliveryFailureProcess.Elements.REACH_CLIENT, fallback);
        assertThat(reach.getName()).isEqualTo("Reach Check-up Anna (+1 415-555-0101) another way — Wed 6 Mar 09:00");
        assertThat(taskQuery().taskId(reach.getId()).taskCandidateGroup(OWNERS).count()).isEqualTo(1);
        complete(reach, withVariables(DeliveryFailureProcess.Variables.REACH_OUTCOME, "REACHED"));
        run(fallback, DeliveryFailureProcess.Elements.RECORD_REACH_OUTCOME);

        assertThat(fallback).isEnded().hasPassed(DeliveryFailureProcess.Elements.END_CLIENT_REACHED);
        assertThat(anna).isWaitingAt(Elements.AWAIT);
        assertThat(steps.calls).contains("by email " + ANNA + " message-refused 21211 invalid number", "reach " + ANNA + " REACHED");
    }

    @Test
    void aTextReportedUndeliveredLaterGoesByEmailWithoutInterruptingTheAttendee() {
        steps.plans(ANNA, waitFor(REMINDER, "reminder-1", DEADLINE));
        steps.sentByEmail = true;
        ProcessInstance anna = start(ANNA);

        gateway.textNotDelivered(appointment(), OWNERS, ANNA, "message-7", "undelivered (error 30005)", "Anna", "Wed");
        run(anna, Elements.REACH_CLIENT_AFTER_FAILURE);
        ProcessInstance fallback = runtimeService().createProcessInstanceQuery().processDefinitionKey(DeliveryFailureProcess.PROCESS_ID)
                .singleResult();
        run(fallback, DeliveryFailureProcess.Elements.SEND_BY_EMAIL);

        assertThat(fallback).isEnded().hasPassed(DeliveryFailureProcess.Elements.END_SENT_BY_EMAIL);
        assertThat(anna).isWaitingAt(Elements.AWAIT).hasPassed(Elements.END_NOT_DELIVERED);
        assertThat(anna).as("still waiting for its reminder").isWaitingFor(Messages.REMINDER_HANDED_OFF);
        assertThat(job(Elements.TIMER_REPLY_DEADLINE, anna).getDuedate()).as("its timers untouched").isEqualTo(Date.from(DEADLINE));
    }

    // --- the appointment ends -------------------------------------------------------------------------

    @Test
    void freeSlotsTheProviderRefusesHandTheOwnerTheRescheduleTask() {
        steps.slotOffers(offer());
        steps.plans(ANNA, waitFor(NEVER, null, DEADLINE));
        ProcessInstance anna = start(ANNA);
        gateway.deliverReply(APPOINTMENT, ANNA, Intent.RESCHEDULE, "reply-1");
        run(anna, Elements.RECORD_RESCHEDULE_REQUEST);
        run(anna, Elements.FIND_FREE_SLOTS);
        fire(anna, Elements.TIMER_SLOT_OFFER_ALLOWED);
        steps.refuseNextSend = true;
        run(anna, Elements.TEXT_SLOT_OFFER);
        run(anna, Elements.RECORD_REFUSED_OFFER);

        Task reschedule = task(Elements.HANDLE_RESCHEDULE_REQUEST, anna);
        assertThat(taskService().getVariable(reschedule.getId(), Variables.TASK_SUMMARY)).isEqualTo("summary of " + ANNA);
        assertThat(steps.calls).containsSubsequence("offer slots " + ANNA, "offer refused " + ANNA);
        assertThat(anna).hasNotPassed(Elements.AWAIT_SLOT_CHOICE);
    }

    @Test
    void aCancellationTellsAClientWhoHeardFromUsOutsideQuietHours() {
        steps.plans(ANNA, waitFor(NEVER, null, DEADLINE));
        steps.noticeAt = NOW.plus(Duration.ofHours(2));
        ProcessInstance anna = start(ANNA);

        gateway.cancelled(APPOINTMENT);
        assertThat(anna).isWaitingAt(Elements.TIMER_NOTICE_ALLOWED);
        fire(anna, Elements.TIMER_NOTICE_ALLOWED);
        run(anna, Elements.SEND_CANCELLATION_NOTICE);

        assertThat(anna).isEnded().hasPassed(Elements.END_CANCELLED);
        assertThat(steps.calls).containsSubsequence("plan notice " + ANNA, "notice " + ANNA);
    }

    @Test
    void aCancellationTextTheProviderRefusesEndsWithTheClientNotReached() {
        steps.plans(ANNA, waitFor(NEVER, null, DEADLINE));
        steps.noticeAt = NOW;
        ProcessInstance anna = start(ANNA);

        gateway.cancelled(APPOINTMENT);
        fire(anna, Elements.TIMER_NOTICE_ALLOWED);
        steps.refuseNextSend = true;
        run(anna, Elements.SEND_CANCELLATION_NOTICE);

        assertThat(anna).isEnded().hasPassed(Elements.END_CANCELLATION_NOTICE_REFUSED).hasNotPassed(Elements.END_CANCELLED);
    }

    @Test
    void aCancellationEndsAnOpenTaskAndTellsNobodyWhoHeardNothing() {
        steps.plans(ANNA, waitFor(NEVER, null, DEADLINE));
        ProcessInstance anna = start(ANNA);
        fire(anna, Elements.TIMER_REPLY_DEADLINE);
        run(anna, Elements.RECORD_NO_RESPONSE);

        gateway.cancelled(APPOINTMENT);

        assertThat(anna).isEnded().hasPassed(Elements.END_CANCELLED_QUIETLY);
        assertThat(taskQuery().processInstanceId(anna.getId()).count()).isZero();
    }

    // --- several attendees, kept apart ------------------------------------------------------------

    @Test
    void attendeesAreKeptApartAndAChangeOfNumbersTouchesOnlyTheNumbersThatChanged() {
        steps.plans(ANNA, waitFor(REMINDER, "reminder-a", NEVER));
        steps.plans(BEN, waitFor(NEVER, null, DEADLINE));
        ProcessInstance anna = start(ANNA);
        ProcessInstance ben = start(BEN);
        fire(ben, Elements.TIMER_REPLY_DEADLINE);
        run(ben, Elements.RECORD_NO_RESPONSE);
        Task call = task(Elements.CALL_CLIENT, ben);
        taskService().claim(call.getId(), "frontdesk");

        gateway.attendeeRemoved(APPOINTMENT, ANNA);
        steps.plans(CARLA, waitFor(REMINDER, "reminder-c", NEVER));
        gateway.start(appointment(), OWNERS, CARLA);

        assertThat(anna).isEnded().hasPassed(Elements.RECORD_REMOVAL, Elements.END_REMOVED);
        assertThat(ben).isWaitingAt(Elements.CALL_CLIENT);
        assertThat(taskService().createTaskQuery().taskId(call.getId()).singleResult().getAssignee()).isEqualTo("frontdesk");
        assertThat(instanceOf(CARLA)).isWaitingAt(Elements.AWAIT);

        gateway.deliverReply(APPOINTMENT, CARLA, Intent.CONFIRM, "reply-c");
        assertThat(instanceOf(CARLA)).hasPassed(Elements.RECORD_CONFIRMATION).isWaitingAt(Elements.ACKNOWLEDGE_CONFIRMATION);
        assertThat(ben).isWaitingAt(Elements.CALL_CLIENT);
    }

    @Test
    void anAttendeeIsStartedOnce() {
        steps.plans(ANNA, waitFor(REMINDER, "reminder-a", NEVER));
        start(ANNA);
        gateway.start(appointment(), OWNERS, ANNA);
        assertThat(runtimeService().createProcessInstanceQuery().processInstanceBusinessKey(APPOINTMENT).count()).isEqualTo(1);
    }

    @Test
    void theInstanceCarriesOnlyIdsAndSmallDecisions() {
        steps.plans(ANNA, waitFor(REMINDER, "reminder-1", NEVER));
        ProcessInstance anna = start(ANNA);
        Map<String, Object> variables = runtimeService().getVariables(anna.getId());
        assertThat(variables).containsOnlyKeys(Variables.APPOINTMENT_ID, Variables.OWNER_GROUP, Variables.ATTENDEE_PHONE, Variables.NEXT_STEP,
                Variables.REMINDER_AT, Variables.REMINDER_ID, Variables.DEADLINE_AT, Variables.END_AT, Variables.CLIENT_LABEL,
                Variables.APPOINTMENT_WHEN);
    }
}
