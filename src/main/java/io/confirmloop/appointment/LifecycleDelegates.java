package io.confirmloop.appointment;

import static io.confirmloop.appointment.AppointmentProcess.Variables;

import java.util.Date;

import io.confirmloop.appointment.AppointmentProcess.CallOutcome;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The delegates of appointment-lifecycle.bpmn ({@code ${beanName}}): read ids, call
 * {@link LifecycleService}, write back a small decision. Branch variables are set local to the
 * attendee's branch so that parallel branches never share them.
 */
@Configuration
class LifecycleDelegates {

    @Bean
    JavaDelegate planNextStep(LifecycleService lifecycle) {
        return execution -> {
            String phone = phone(execution);
            LifecycleService.Decision decision = lifecycle.planNextStep(appointmentId(execution), phone);
            execution.setVariableLocal(Variables.ATTENDEE_PHONE, phone);
            execution.setVariableLocal(Variables.NEXT_STEP, decision.step().name());
            execution.setVariableLocal(Variables.NEXT_STEP_AT, decision.at() == null ? null : Date.from(decision.at()));
            execution.setVariableLocal(Variables.REMINDER_ID, decision.reminderId());
        };
    }

    @Bean
    JavaDelegate sendReminder(LifecycleService lifecycle) {
        return execution -> lifecycle.sendReminder(appointmentId(execution), phone(execution),
                (String) execution.getVariable(Variables.REMINDER_ID));
    }

    @Bean
    JavaDelegate recordConfirmation(LifecycleService lifecycle) {
        return execution -> lifecycle.recordConfirmation(appointmentId(execution), phone(execution), replyId(execution));
    }

    @Bean
    JavaDelegate recordDecline(LifecycleService lifecycle) {
        return execution -> execution.setVariableLocal(Variables.TASK_SUMMARY,
                lifecycle.recordDecline(appointmentId(execution), phone(execution), replyId(execution)));
    }

    @Bean
    JavaDelegate recordRescheduleRequest(LifecycleService lifecycle) {
        return execution -> execution.setVariableLocal(Variables.TASK_SUMMARY,
                lifecycle.recordRescheduleRequest(appointmentId(execution), phone(execution), replyId(execution)));
    }

    @Bean
    JavaDelegate forwardToOwner(LifecycleService lifecycle) {
        return execution -> lifecycle.forwardToOwner(appointmentId(execution), phone(execution), replyId(execution));
    }

    @Bean
    JavaDelegate sendHelp(LifecycleService lifecycle) {
        return execution -> lifecycle.sendHelp(appointmentId(execution), phone(execution), replyId(execution));
    }

    @Bean
    JavaDelegate recordOptOut(LifecycleService lifecycle) {
        return execution -> lifecycle.recordOptOut(appointmentId(execution), phone(execution));
    }

    @Bean
    JavaDelegate recordOptIn(LifecycleService lifecycle) {
        return execution -> lifecycle.recordOptIn(appointmentId(execution), phone(execution));
    }

    @Bean
    JavaDelegate recordNoResponse(LifecycleService lifecycle) {
        return execution -> {
            execution.setVariableLocal(Variables.TASK_SUMMARY, lifecycle.recordNoResponse(appointmentId(execution), phone(execution)));
            // Declared here so the form's answers land in this attendee's branch, not on the whole appointment.
            execution.setVariableLocal(Variables.CALL_OUTCOME, null);
            execution.setVariableLocal(Variables.CALL_NOTES, null);
        };
    }

    @Bean
    JavaDelegate recordCallOutcome(LifecycleService lifecycle) {
        return execution -> {
            Object outcome = execution.getVariable(Variables.CALL_OUTCOME);
            if (outcome == null) {
                throw new IllegalStateException("The call-the-client task was completed without an outcome");
            }
            lifecycle.recordCallOutcome(appointmentId(execution), phone(execution), CallOutcome.valueOf(outcome.toString()),
                    (String) execution.getVariable(Variables.CALL_NOTES));
        };
    }

    @Bean
    JavaDelegate announceNewTime(LifecycleService lifecycle) {
        return execution -> lifecycle.announceNewTime(appointmentId(execution));
    }

    @Bean
    JavaDelegate cancelAppointment(LifecycleService lifecycle) {
        return execution -> lifecycle.cancelAppointment(appointmentId(execution));
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
}
