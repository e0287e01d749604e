package io.confirmloop.appointment;

import static io.confirmloop.appointment.AppointmentProcess.Variables;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.confirmloop.messaging.Intent;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * The attendees' process instances seen from outside: start one per attendee, and tell them what
 * happened. Addressed by business key = appointment id, and the attendee's number (a variable of
 * the instance) for what concerns one attendee only; no subscription is ever scanned.
 */
@Component
class LifecycleGateway {

    private final RuntimeService runtime;

    LifecycleGateway(RuntimeService runtime) {
        this.runtime = runtime;
    }

    /** Starts the attendee's instance unless one is running already. */
    void start(Appointment appointment, String ownerGroup, String phone) {
        if (!isRunning(appointment.id(), phone)) {
            startNew(appointment, ownerGroup, phone);
        }
    }

    /** Starts the attendee's instance of an appointment found just now, which cannot have one yet. */
    void startNew(Appointment appointment, String ownerGroup, String phone) {
        runtime.startProcessInstanceByKey(AppointmentProcess.PROCESS_ID, appointment.id(), Map.of(
                Variables.APPOINTMENT_ID, appointment.id(),
                Variables.OWNER_GROUP, ownerGroup,
                Variables.ATTENDEE_PHONE, phone));
    }

    boolean isRunning(String appointmentId, String phone) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(AppointmentProcess.PROCESS_ID)
                .processInstanceBusinessKey(appointmentId).variableValueEquals(Variables.ATTENDEE_PHONE, phone).count() > 0;
    }

    /** Moved, new text, calendar switched off or on: every attendee waiting for something plans again. */
    void appointmentChanged(String appointmentId) {
        runtime.createMessageCorrelation(AppointmentProcess.Messages.APPOINTMENT_CHANGED)
                .processInstanceBusinessKey(appointmentId).correlateAllWithResult();
    }

    /** The event was removed: every attendee's instance ends (a client who heard from us is told). */
    void cancelled(String appointmentId) {
        runtime.createMessageCorrelation(AppointmentProcess.Messages.APPOINTMENT_CANCELLED)
                .processInstanceBusinessKey(appointmentId).correlateAllWithResult();
    }

    /** The attendee's number left the event: only that attendee's instance ends. */
    void attendeeRemoved(String appointmentId, String phone) {
        runtime.createMessageCorrelation(AppointmentProcess.Messages.ATTENDEE_REMOVED)
                .processInstanceBusinessKey(appointmentId).processInstanceVariableEquals(Variables.ATTENDEE_PHONE, phone)
                .correlateAllWithResult();
    }

    /** Removes every instance of the appointment (calendar deleted). */
    void delete(String appointmentId, String reason) {
        // the root instances: an instance's called "reach the client" process goes with it
        List<ProcessInstance> instances = runtime.createProcessInstanceQuery().processInstanceBusinessKey(appointmentId)
                .rootProcessInstances().list();
        for (ProcessInstance instance : instances) {
            runtime.deleteProcessInstance(instance.getId(), reason, true, true);
        }
    }

    /**
     * The outbox handed off the reminder (or recorded why not): the attendee's instance waiting for
     * exactly that reminder records it and plans again. An instance busy with something else (a
     * reply) finds the reminder done when it plans again, so nothing waits for it.
     */
    void reminderHandedOff(String appointmentId, String phone, String reminderId) {
        runtime.createMessageCorrelation(AppointmentProcess.Messages.REMINDER_HANDED_OFF)
                .processInstanceBusinessKey(appointmentId).processInstanceVariableEquals(Variables.ATTENDEE_PHONE, phone)
                .processInstanceVariableEquals(Variables.REMINDER_ID, reminderId)
                .correlateAllWithResult();
    }

    /**
     * Hands a reply to the attendee's instance, found by business key and number.
     *
     * @throws MismatchingMessageCorrelationException if the attendee is not waiting for a reply right now
     */
    void deliverReply(String appointmentId, String phone, Intent intent, String messageId) {
        runtime.createMessageCorrelation(AppointmentProcess.Messages.REPLY_RECEIVED)
                .processInstanceBusinessKey(appointmentId).processInstanceVariableEquals(Variables.ATTENDEE_PHONE, phone)
                .setVariable(Variables.INTENT, intent.name())
                .setVariable(Variables.REPLY_MESSAGE_ID, messageId)
                .correlateWithResult();
    }

    /**
     * A text to the attendee was not delivered: the attendee's instance reaches the client another
     * way; if it has ended, the same process runs on its own.
     */
    void textNotDelivered(Appointment appointment, String ownerGroup, String phone, String messageId, String reason, String clientLabel,
            String appointmentWhen) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(Variables.FAILED_MESSAGE_ID, messageId);
        variables.put(Variables.FAILURE_REASON, reason);
        if (isRunning(appointment.id(), phone)) {
            runtime.createMessageCorrelation(AppointmentProcess.Messages.TEXT_NOT_DELIVERED)
                    .processInstanceBusinessKey(appointment.id()).processInstanceVariableEquals(Variables.ATTENDEE_PHONE, phone)
                    .setVariables(variables).correlateWithResult();
            return;
        }
        variables.put(Variables.APPOINTMENT_ID, appointment.id());
        variables.put(Variables.ATTENDEE_PHONE, phone);
        variables.put(Variables.OWNER_GROUP, ownerGroup);
        variables.put(Variables.CLIENT_LABEL, clientLabel);
        variables.put(Variables.APPOINTMENT_WHEN, appointmentWhen);
        runtime.startProcessInstanceByKey(DeliveryFailureProcess.PROCESS_ID, appointment.id(), variables);
    }
}
