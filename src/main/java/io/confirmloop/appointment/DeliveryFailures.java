package io.confirmloop.appointment;

import java.util.Map;

import io.confirmloop.calendar.Calendar;
import io.confirmloop.calendar.CalendarRepository;
import io.confirmloop.calendar.PhoneNumbers;
import io.confirmloop.messaging.DeliveryFailureHandler;
import io.confirmloop.messaging.DeliveryFailureProcess;
import io.confirmloop.messaging.Message;
import io.confirmloop.messaging.MessageRepository;
import io.confirmloop.messaging.MessageTemplates;
import io.confirmloop.messaging.OutboundMessages;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/**
 * A text that did not reach the client: it goes by email where the client has an address;
 * otherwise the owner gets a "Reach the client another way" task. The owner is told by email either way.
 */
@Component
class DeliveryFailures implements DeliveryFailureHandler {

    private final MessageRepository messages;
    private final AppointmentRepository appointments;
    private final CalendarRepository calendars;
    private final OutboundMessages outbound;
    private final MessageTemplates templates;
    private final AppointmentLog log;
    private final PhoneNumbers phoneNumbers;
    private final RuntimeService runtime;
    private final TaskSummaries summaries;

    DeliveryFailures(MessageRepository messages, AppointmentRepository appointments, CalendarRepository calendars, OutboundMessages outbound,
            MessageTemplates templates, AppointmentLog log, PhoneNumbers phoneNumbers, RuntimeService runtime, TaskSummaries summaries) {
        this.messages = messages;
        this.appointments = appointments;
        this.calendars = calendars;
        this.outbound = outbound;
        this.templates = templates;
        this.log = log;
        this.phoneNumbers = phoneNumbers;
        this.runtime = runtime;
        this.summaries = summaries;
    }

    @Override
    public void textNotDelivered(String messageId, String reason) {
        Message text = messages.find(messageId).orElse(null);
        if (text == null || text.appointmentId() == null || text.phone() == null) {
            return;
        }
        Appointment appointment = appointments.find(text.appointmentId()).orElse(null);
        Attendee attendee = appointments.attendee(text.appointmentId(), text.phone()).orElse(null);
        Calendar calendar = appointment == null ? null : calendars.find(appointment.calendarId()).orElse(null);
        if (appointment == null || attendee == null || calendar == null) {
            return;
        }
        String phone = text.phone();
        log.add(appointment.id(), phone, "Text not delivered: " + reason);
        Map<String, String> values = MessageTemplates.values(calendar.businessName(), appointment.start(), calendar.timeZone(),
                appointment.title(), phoneNumbers.display(phone), text.body());
        if (attendee.email() != null) {
            MessageTemplates.Rendered mail = templates.render(calendar.id(), "email-fallback", values);
            outbound.email("fallback:" + messageId, appointment.id(), calendar.id(), phone, attendee.email(), mail.subject(), mail.body());
            log.add(appointment.id(), phone, "Sent the text by email instead");
        } else {
            runtime.startProcessInstanceByKey(DeliveryFailureProcess.PROCESS_ID, appointment.id(), Map.of(
                    DeliveryFailureProcess.Variables.APPOINTMENT_ID, appointment.id(),
                    DeliveryFailureProcess.Variables.OWNER_GROUP, calendar.ownerGroup(),
                    DeliveryFailureProcess.Variables.ATTENDEE_PHONE, phone,
                    DeliveryFailureProcess.Variables.TASK_SUMMARY, "Text not delivered: " + reason + "\n\n" + summaries.of(appointment.id(), phone)));
            log.add(appointment.id(), phone, "Owner asked to reach the client another way");
        }
        if (calendar.notificationEmail() != null) {
            MessageTemplates.Rendered mail = templates.render(calendar.id(), "owner-delivery-failed", values);
            outbound.email("delivery-failed:" + messageId, appointment.id(), calendar.id(), phone, calendar.notificationEmail(),
                    mail.subject(), mail.body());
        }
    }
}
