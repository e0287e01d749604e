package io.confirmloop.appointment;

import io.confirmloop.appointment.AttendeeTransitions.Transition;
import io.confirmloop.calendar.Calendar;
import io.confirmloop.calendar.CalendarRepository;
import io.confirmloop.calendar.PhoneNumbers;
import io.confirmloop.messaging.OutboundMessages;
import org.springframework.stereotype.Service;

/**
 * Task_SendReminder: sends the planned message that is due, or records why not (the calendar is
 * switched off, the number takes no texts, the client opted out). A text the provider refuses
 * for good is a business outcome the model handles (reach the client another way).
 */
@Service
class ReminderSender implements LifecycleSteps.Reminders {

    private final ReminderRepository reminders;
    private final AppointmentRepository appointments;
    private final CalendarRepository calendars;
    private final AttendeeTransitions transitions;
    private final ClientTexts texts;
    private final StatusLineWriter statusLines;
    private final AppointmentLog log;
    private final PhoneNumbers phoneNumbers;

    ReminderSender(ReminderRepository reminders, AppointmentRepository appointments, CalendarRepository calendars,
            AttendeeTransitions transitions, ClientTexts texts, StatusLineWriter statusLines, AppointmentLog log, PhoneNumbers phoneNumbers) {
        this.reminders = reminders;
        this.appointments = appointments;
        this.calendars = calendars;
        this.transitions = transitions;
        this.texts = texts;
        this.statusLines = statusLines;
        this.log = log;
        this.phoneNumbers = phoneNumbers;
    }

    @Override
    public void send(String appointmentId, String phone, String reminderId) {
        Reminder reminder = reminderId == null ? null : reminders.find(reminderId).orElse(null);
        if (reminder == null || reminder.state() != Reminder.State.PLANNED) {
            return;
        }
        Appointment appointment = appointments.find(appointmentId).orElseThrow();
        Attendee attendee = appointments.attendee(appointmentId, phone).orElseThrow();
        Calendar calendar = calendars.find(appointment.calendarId()).orElseThrow();
        if (appointment.status() != AppointmentStatus.ACTIVE || attendee.removed()) {
            reminders.setState(reminderId, Reminder.State.SKIPPED, "the appointment is no longer active");
            return;
        }
        if (!calendar.active()) {
            reminders.setState(reminderId, Reminder.State.SKIPPED, "the calendar is switched off");
            log.add(appointmentId, phone, "Not sent: the calendar is switched off");
            return;
        }
        if ("EMAIL".equals(reminder.channel())) {
            email(calendar, appointment, attendee, reminder);
        } else {
            text(calendar, appointment, attendee, reminder);
        }
    }

    private void email(Calendar calendar, Appointment appointment, Attendee attendee, Reminder reminder) {
        if (attendee.email() == null) {
            reminders.setState(reminder.id(), Reminder.State.SKIPPED, "no email address");
            return;
        }
        OutboundMessages.Result result = texts.email(calendar, appointment, attendee.phone(), attendee.email(), reminder.template(),
                "reminder:" + reminder.id(), null);
        if (!result.sent()) {
            reminders.setState(reminder.id(), Reminder.State.SKIPPED, result.skippedBecause());
            return;
        }
        reminders.setState(reminder.id(), Reminder.State.SENT, null);
        transitions.apply(appointment.id(), attendee.phone(), Transition.REMINDED);
        log.add(appointment.id(), attendee.phone(), "Sent email reminder");
        statusLines.request(calendar, appointment.id());
    }

    private void text(Calendar calendar, Appointment appointment, Attendee attendee, Reminder reminder) {
        String phone = attendee.phone();
        if (!attendee.canReceiveSms()) {
            reminders.setState(reminder.id(), Reminder.State.SKIPPED, "not a mobile number");
            log.add(appointment.id(), phone, "Skipped text: " + phoneNumbers.display(phone) + " is not a mobile number");
            return;
        }
        OutboundMessages.Result result = texts.text(calendar, appointment, phone, reminder.template(), "reminder:" + reminder.id());
        if (!result.sent()) {
            reminders.setState(reminder.id(), Reminder.State.SKIPPED, result.skippedBecause());
            if (result.refused()) {
                log.add(appointment.id(), phone, "Text refused: " + result.skippedBecause());
                throw new LifecycleSteps.TextRefused(result.messageId(), result.skippedBecause());
            }
            log.add(appointment.id(), phone, "Skipped text: " + result.skippedBecause());
            return;
        }
        reminders.setState(reminder.id(), Reminder.State.SENT, null);
        if (ReminderPlanner.BOOKING_CONFIRMATION_TEMPLATE.equals(reminder.template())) {
            log.add(appointment.id(), phone, "Sent booking confirmation text");
            return;
        }
        if (reminder.asksReply() && attendee.status() != AttendeeStatus.CONFIRMED) {
            transitions.apply(appointment.id(), phone, Transition.ASKED_TO_CONFIRM);
            log.add(appointment.id(), phone, ReminderPlanner.NEW_TIME_TEMPLATE.equals(reminder.template())
                    ? "Sent text with the new time" : "Sent text confirmation");
        } else {
            transitions.apply(appointment.id(), phone, Transition.REMINDED);
            log.add(appointment.id(), phone, "Sent text reminder");
        }
        statusLines.request(calendar, appointment.id());
    }
}
