package io.confirmloop.appointment;

import static io.confirmloop.appointment.AppointmentProcess.Variables;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.confirmloop.messaging.Intent;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.impl.event.EventType;
import org.camunda.bpm.engine.runtime.EventSubscription;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.springframework.stereotype.Component;

/**
 * The appointment's process instance seen from outside: start it, and tell it what happened.
 * Everything is addressed by business key = appointment id (and the attendee's number for replies).
 */
@Component
public class LifecycleGateway {

    private final RuntimeService runtime;

    LifecycleGateway(RuntimeService runtime) {
        this.runtime = runtime;
    }

    void start(Appointment appointment, String ownerGroup, List<String> phones) {
        runtime.startProcessInstanceByKey(AppointmentProcess.PROCESS_ID, appointment.id(), Map.of(
                Variables.APPOINTMENT_ID, appointment.id(),
                Variables.OWNER_GROUP, ownerGroup,
                Variables.ATTENDEE_PHONES, phoneList(phones)));
    }

    /** The multi-instance collection, stored as JSON (never Java serialization). */
    private static ObjectValue phoneList(List<String> phones) {
        return org.camunda.bpm.engine.variable.Variables.objectValue(new ArrayList<>(phones))
                .serializationDataFormat(org.camunda.bpm.engine.variable.Variables.SerializationDataFormats.JSON).create();
    }

    boolean isRunning(String appointmentId) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(AppointmentProcess.PROCESS_ID)
                .processInstanceBusinessKey(appointmentId).count() > 0;
    }

    /** The event moved: the running process re-plans; a finished one starts again. */
    void rescheduled(Appointment appointment, String ownerGroup, List<String> phones) {
        restartBranches(AppointmentProcess.Messages.APPOINTMENT_RESCHEDULED, appointment, ownerGroup, phones);
    }

    /** Phone numbers were added to or removed from the event. */
    void attendeesChanged(Appointment appointment, String ownerGroup, List<String> phones) {
        restartBranches(AppointmentProcess.Messages.ATTENDEES_CHANGED, appointment, ownerGroup, phones);
    }

    private void restartBranches(String message, Appointment appointment, String ownerGroup, List<String> phones) {
        List<ProcessInstance> instances = runtime.createProcessInstanceQuery().processDefinitionKey(AppointmentProcess.PROCESS_ID)
                .processInstanceBusinessKey(appointment.id()).list();
        if (instances.isEmpty()) {
            start(appointment, ownerGroup, phones);
            return;
        }
        for (ProcessInstance instance : instances) {
            boolean listening = runtime.createEventSubscriptionQuery().processInstanceId(instance.getId())
                    .eventType(EventType.MESSAGE.name()).eventName(message).count() > 0;
            if (listening) {
                runtime.createMessageCorrelation(message).processInstanceId(instance.getId())
                        .setVariable(Variables.ATTENDEE_PHONES, phoneList(phones)).correlateWithResult();
            } else {
                // Between branches (announcing an earlier move): the branches start next with this list
                // and re-read the appointment, so the latest time and numbers are what counts.
                runtime.setVariable(instance.getId(), Variables.ATTENDEE_PHONES, phoneList(phones));
            }
        }
    }

    void cancelled(String appointmentId) {
        if (isRunning(appointmentId)) {
            runtime.createMessageCorrelation(AppointmentProcess.Messages.APPOINTMENT_CANCELLED)
                    .processInstanceBusinessKey(appointmentId).correlateWithResult();
        }
    }

    /** Removes the process instance (calendar deleted). */
    void delete(String appointmentId, String reason) {
        List<ProcessInstance> instances = runtime.createProcessInstanceQuery().processInstanceBusinessKey(appointmentId).list();
        for (ProcessInstance instance : instances) {
            runtime.deleteProcessInstance(instance.getId(), reason, true, true);
        }
    }

    /**
     * Hands a reply to the attendee's waiting branch: the process instance is found by business
     * key, the branch by its message subscription and the branch's attendee number.
     *
     * @throws MismatchingMessageCorrelationException if the branch is not waiting right now
     */
    void deliverReply(String appointmentId, String phone, Intent intent, String messageId) {
        if (!deliverReplyIfWaiting(appointmentId, phone, intent, messageId)) {
            throw new MismatchingMessageCorrelationException(AppointmentProcess.Messages.REPLY_RECEIVED,
                    "attendee " + phone + " of appointment " + appointmentId + " is not waiting for a reply right now");
        }
    }

    /** Like {@link #deliverReply} but a branch that is not waiting is left alone; true if one took it. */
    boolean deliverReplyIfWaiting(String appointmentId, String phone, Intent intent, String messageId) {
        List<ProcessInstance> instances = runtime.createProcessInstanceQuery().processDefinitionKey(AppointmentProcess.PROCESS_ID)
                .processInstanceBusinessKey(appointmentId).list();
        for (ProcessInstance instance : instances) {
            List<EventSubscription> subscriptions = runtime.createEventSubscriptionQuery().processInstanceId(instance.getId())
                    .eventType(EventType.MESSAGE.name()).eventName(AppointmentProcess.Messages.REPLY_RECEIVED).list();
            for (EventSubscription subscription : subscriptions) {
                if (phone.equals(runtime.getVariable(subscription.getExecutionId(), Variables.ATTENDEE_PHONE))) {
                    runtime.messageEventReceived(AppointmentProcess.Messages.REPLY_RECEIVED, subscription.getExecutionId(),
                            Map.of(Variables.INTENT, intent.name(), Variables.REPLY_MESSAGE_ID, messageId));
                    return true;
                }
            }
        }
        return false;
    }
}
