package io.confirmloop.appointment;

import static io.confirmloop.appointment.AppointmentProcess.Variables;

import java.time.Instant;
import java.util.Date;

import io.confirmloop.appointment.AppointmentProcess.CallOutcome;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The delegates of appointment-lifecycle.bpmn and delivery-failure.bpmn ({@code ${beanName}}):
 * read ids, call a use case ({@link LifecycleSteps}), write back a small decision. The process
 * tests build the same delegates around fake use cases.
 */
@Configuration
class LifecycleDelegates {

    @Bean
    JavaDelegate planNextStep(LifecycleSteps.Planning planning) {
        return execution -> {
            LifecycleSteps.Plan plan = planning.planNextStep(appointmentId(execution), phone(execution));
            execution.setVariable(Variables.NEXT_STEP, plan.step().name());
            execution.setVariable(Variables.REMINDER_AT, date(plan.reminderAt()));
            execution.setVariable(Variables.REMINDER_ID, plan.reminderId());
            execution.setVariable(Variables.DEADLINE_AT, date(plan.deadlineAt()));
            execution.setVariable(Variables.END_AT, date(plan.endAt()));
            execution.setVariable(Variables.CLIENT_LABEL, plan.clientLabel());
            execution.setVariable(Variables.APPOINTMENT_WHEN, plan.appointmentWhen());
        };
    }

    /** Task_SendReminder of the model versions before the outbox, whose instances may still wait on their reminder timer. */
    @Bean
    JavaDelegate sendReminder(LifecycleSteps.Reminders reminders) {
        return execution -> refusalIsBpmnError(execution,
                () -> reminders.send(appointmentId(execution), phone(execution), (String) execution.getVariable(Variables.REMINDER_ID)));
    }

    @Bean
    JavaDelegate recordReminder(LifecycleSteps.Reminders reminders) {
        return execution -> refusalIsBpmnError(execution, () -> reminders.record((String) execution.getVariable(Variables.REMINDER_ID)));
    }

    /** A text the provider refused is the BPMN error "Text refused", with the message and the reason as variables. */
    private static void refusalIsBpmnError(DelegateExecution execution, Runnable step) {
        try {
            step.run();
        } catch (LifecycleSteps.TextRefused refused) {
            execution.setVariable(Variables.FAILED_MESSAGE_ID, refused.messageId());
            execution.setVariable(Variables.FAILURE_REASON, refused.getMessage());
            throw new BpmnError(AppointmentProcess.Errors.TEXT_REFUSED, refused.getMessage());
        }
    }

    /** Task_RecordConfirmation of the model versions before "Acknowledge the confirmation" (record and text in one step). */
    @Bean
    JavaDelegate recordConfirmation(LifecycleSteps.Replies replies) {
        return execution -> replies.confirm(appointmentId(execution), phone(execution), replyId(execution));
    }

    @Bean
    JavaDelegate recordConfirmationNow(LifecycleSteps.Replies replies) {
        return execution -> replies.recordConfirmation(appointmentId(execution), phone(execution), replyId(execution));
    }

    @Bean
    JavaDelegate acknowledgeConfirmation(LifecycleSteps.Replies replies) {
        return execution -> replies.acknowledgeConfirmation(appointmentId(execution), phone(execution), replyId(execution));
    }

    /** Task_RecordDecline of the model versions before "Tell of the decline" (record and tell in one step). */
    @Bean
    JavaDelegate recordDecline(LifecycleSteps.Replies replies) {
        return execution -> execution.setVariable(Variables.TASK_SUMMARY,
                replies.decline(appointmentId(execution), phone(execution), replyId(execution)));
    }

    @Bean
    JavaDelegate recordDeclineNow(LifecycleSteps.Replies replies) {
        return execution -> execution.setVariable(Variables.TASK_SUMMARY,
                replies.recordDecline(appointmentId(execution), phone(execution), replyId(execution)));
    }

    @Bean
    JavaDelegate tellDecline(LifecycleSteps.Replies replies) {
        return execution -> replies.tellDecline(appointmentId(execution), phone(execution), replyId(execution));
    }

    @Bean
    JavaDelegate recordRescheduleRequest(LifecycleSteps.Replies replies) {
        return execution -> replies.requestReschedule(appointmentId(execution), phone(execution), replyId(execution));
    }

    @Bean
    JavaDelegate findFreeSlots(LifecycleSteps.Reschedules reschedules) {
        return execution -> {
            LifecycleSteps.SlotOfferPlan plan = reschedules.findFreeSlots(appointmentId(execution), phone(execution), replyId(execution));
            execution.setVariable(Variables.SLOT_OFFER, plan.offer());
            execution.setVariable(Variables.OFFER_AT, date(plan.offerAt()));
            execution.setVariable(Variables.CHOICE_DEADLINE_AT, date(plan.choiceDeadlineAt()));
            if (!plan.offer()) {
                execution.setVariable(Variables.TASK_SUMMARY, plan.summary());
            }
        };
    }

    @Bean
    JavaDelegate textSlotOffer(LifecycleSteps.Reschedules reschedules) {
        return execution -> refusalIsBpmnError(execution, () -> reschedules.textSlotOffer(appointmentId(execution), phone(execution)));
    }

    @Bean
    JavaDelegate recordRefusedOffer(LifecycleSteps.Reschedules reschedules) {
        return execution -> execution.setVariable(Variables.TASK_SUMMARY, reschedules.recordRefusedOffer(appointmentId(execution), phone(execution)));
    }

    @Bean
    JavaDelegate moveToChosenSlot(LifecycleSteps.Reschedules reschedules) {
        return execution -> execution.setVariable(Variables.SLOT_MOVED,
                reschedules.moveToChosenSlot(appointmentId(execution), phone(execution), replyId(execution)));
    }

    @Bean
    JavaDelegate recordNoSlotChosen(LifecycleSteps.Reschedules reschedules) {
        return execution -> execution.setVariable(Variables.TASK_SUMMARY,
                reschedules.recordNoSlotChosen(appointmentId(execution), phone(execution)));
    }

    @Bean
    JavaDelegate withdrawSlotOffer(LifecycleSteps.Reschedules reschedules) {
        return execution -> reschedules.withdrawSlotOffer(appointmentId(execution), phone(execution));
    }

    @Bean
    JavaDelegate sendHelp(LifecycleSteps.Replies replies) {
        return execution -> replies.help(appointmentId(execution), phone(execution), replyId(execution));
    }

    @Bean
    JavaDelegate forwardToOwner(LifecycleSteps.Replies replies) {
        return execution -> replies.forwardToOwner(appointmentId(execution), phone(execution), replyId(execution));
    }

    @Bean
    JavaDelegate recordNoResponse(LifecycleSteps.OwnerTasks owner) {
        return execution -> {
            LifecycleSteps.NoResponse noResponse = owner.recordNoResponse(appointmentId(execution), phone(execution));
            execution.setVariable(Variables.OWNER_TASK, noResponse.ownerTask());
            execution.setVariable(Variables.TASK_SUMMARY, noResponse.summary());
            // declared here so the form's answers are this call's, never a former one's
            execution.setVariable(Variables.CALL_OUTCOME, null);
            execution.setVariable(Variables.CALL_NOTES, null);
        };
    }

    @Bean
    JavaDelegate recordCallOutcome(LifecycleSteps.OwnerTasks owner) {
        return execution -> {
            Object outcome = execution.getVariable(Variables.CALL_OUTCOME);
            if (outcome == null) {
                throw new IllegalStateException("The call-the-client task was completed without an outcome");
            }
            owner.recordCallOutcome(appointmentId(execution), phone(execution), CallOutcome.valueOf(outcome.toString()),
                    (String) execution.getVariable(Variables.CALL_NOTES));
        };
    }

    @Bean
    JavaDelegate planCancellationNotice(LifecycleSteps.Endings endings) {
        return execution -> execution.setVariable(Variables.NOTICE_AT,
                date(endings.planCancellationNotice(appointmentId(execution), phone(execution))));
    }

    @Bean
    JavaDelegate sendCancellationNotice(LifecycleSteps.Endings endings) {
        return execution -> refusalIsBpmnError(execution, () -> endings.sendCancellationNotice(appointmentId(execution), phone(execution)));
    }

    @Bean
    JavaDelegate recordRemoval(LifecycleSteps.Endings endings) {
        return execution -> endings.recordRemoval(appointmentId(execution), phone(execution));
    }

    @Bean
    JavaDelegate sendByEmailInstead(LifecycleSteps.Failures failures) {
        return execution -> {
            LifecycleSteps.Fallback fallback = failures.sendByEmailInstead(appointmentId(execution), phone(execution),
                    (String) execution.getVariable(Variables.FAILED_MESSAGE_ID), (String) execution.getVariable(Variables.FAILURE_REASON));
            execution.setVariable(DeliveryFailureProcess.Variables.SENT_BY_EMAIL, fallback.sentByEmail());
            execution.setVariable(Variables.TASK_SUMMARY, fallback.summary());
            execution.setVariable(DeliveryFailureProcess.Variables.REACH_OUTCOME, null);
            execution.setVariable(DeliveryFailureProcess.Variables.REACH_NOTES, null);
        };
    }

    @Bean
    JavaDelegate recordReachOutcome(LifecycleSteps.Failures failures) {
        return execution -> failures.recordReachOutcome(appointmentId(execution), phone(execution),
                (String) execution.getVariable(DeliveryFailureProcess.Variables.REACH_OUTCOME),
                (String) execution.getVariable(DeliveryFailureProcess.Variables.REACH_NOTES));
    }

    private static String appointmentId(DelegateExecution execution) {
        return (String) execution.getVariable(Variables.APPOINTMENT_ID);
    }

    private static String phone(DelegateExecution execution) {
        return (String) execution.getVariable(Variables.ATTENDEE_PHONE);
    }

    private static String replyId(DelegateExecution execution) {
        return (String) execution.getVariable(Variables.REPLY_MESSAGE_ID);
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }
}
