package io.confirmloop.appointment;

import io.confirmloop.calendar.Calendar;
import io.confirmloop.calendar.CalendarRepository;
import io.confirmloop.messaging.DeliveryFailureHandler;
import io.confirmloop.messaging.Message;
import io.confirmloop.messaging.MessageRepository;
import org.springframework.stereotype.Service;

/**
 * A text that did not reach the client. A refusal while sending is a BPMN error the lifecycle
 * catches; a failure the provider reports later is a message to the attendee's instance. Either way
 * delivery-failure.bpmn runs: by email where the client has an address, else a task for the owner,
 * who is emailed in both cases.
 */
@Service
class DeliveryFailures implements DeliveryFailureHandler, LifecycleSteps.Failures {

    private final MessageRepository messages;
    private final AppointmentRepository appointments;
    private final CalendarRepository calendars;
    private final LifecycleGateway lifecycle;
    private final ClientTexts texts;
    private final AppointmentLog log;
    private final TaskSummaries summaries;
    private final ClientLabels labels;

    DeliveryFailures(MessageRepository messages, AppointmentRepository appointments, CalendarRepository calendars, LifecycleGateway lifecycle,
            ClientTexts texts, AppointmentLog log, TaskSummaries summaries, ClientLabels labels) {
        this.labels = labels;
        this.messages = messages;
        this.appointments = appointments;
        this.calendars = calendars;
        this.lifecycle = lifecycle;
        this.texts = texts;
        this.log = log;
        this.summaries = summaries;
    }

    /** The provider reported after the hand-over that the text failed or was undelivered. */
    @Override
    public void textNotDelivered(String messageId, String reason) {
        Message text = messages.find(messageId).orElse(null);
        if (text == null || text.appointmentId() == null || text.phone() == null) {
            return;
        }
        Appointment appointment = appointments.find(text.appointmentId()).orElse(null);
        Calendar calendar = appointment == null ? null : calendars.find(appointment.calendarId()).orElse(null);
        if (appointment == null || calendar == null || appointments.attendee(appointment.id(), text.phone()).isEmpty()) {
            return;
        }
        lifecycle.textNotDelivered(appointment, calendar.ownerGroup(), text.phone(), messageId, reason,
                labels.label(appointment, text.phone()), ClientLabels.when(appointment, calendar));
    }

    @Override
    public LifecycleSteps.Fallback sendByEmailInstead(String appointmentId, String phone, String failedMessageId, String reason) {
        Appointment appointment = appointments.find(appointmentId).orElseThrow();
        Calendar calendar = calendars.find(appointment.calendarId()).orElseThrow();
        Attendee attendee = appointments.attendee(appointmentId, phone).orElseThrow();
        String failedText = texts.body(failedMessageId);
        log.add(appointmentId, phone, "Text not delivered: " + reason);
        boolean byEmail = attendee.email() != null && texts.email(calendar, appointment, phone, attendee.email(), "email-fallback",
                "fallback:" + failedMessageId, failedText).sent();
        if (byEmail) {
            log.add(appointmentId, phone, "Sent the text by email instead");
        } else {
            log.add(appointmentId, phone, "Owner asked to reach the client another way");
        }
        texts.notifyOwner(calendar, appointment, phone, "owner-delivery-failed", "delivery-failed:" + failedMessageId, failedText);
        return new LifecycleSteps.Fallback(byEmail, "Text not delivered: " + reason + "\n\n" + summaries.of(appointmentId, phone));
    }

    @Override
    public void recordReachOutcome(String appointmentId, String phone, String outcome, String notes) {
        String words = switch (outcome == null ? "" : outcome) {
            case "REACHED" -> "Reached the client another way";
            case "NUMBER_WRONG" -> "The client's number is wrong";
            case "UNREACHABLE" -> "Could not reach the client another way";
            default -> "Followed up on the undelivered text";
        };
        log.add(appointmentId, phone, words + (notes == null || notes.isBlank() ? "" : " — " + notes.strip()));
    }
}
