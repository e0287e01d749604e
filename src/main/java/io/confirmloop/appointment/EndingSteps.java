package io.confirmloop.appointment;

import java.time.Instant;
import java.util.Optional;

import io.confirmloop.appointment.AttendeeTransitions.Transition;
import io.confirmloop.calendar.Calendar;
import io.confirmloop.calendar.CalendarRepository;
import io.confirmloop.messaging.OptOuts;
import io.confirmloop.messaging.OutboundMessages;
import io.confirmloop.system.AppClock;
import org.springframework.stereotype.Service;

/**
 * The appointment was removed from the calendar, or the attendee's number left the event. A client
 * who had heard from us gets one cancellation text (quiet hours apply; a calendar setting can
 * turn it off); nothing else is sent.
 */
@Service
class EndingSteps implements LifecycleSteps.Endings {

    private final AppointmentRepository appointments;
    private final ReminderRepository reminders;
    private final CalendarRepository calendars;
    private final AttendeeTransitions transitions;
    private final ReminderPlanner planner;
    private final ClientTexts texts;
    private final OptOuts optOuts;
    private final AppointmentLog log;
    private final AppClock clock;

    EndingSteps(AppointmentRepository appointments, ReminderRepository reminders, CalendarRepository calendars,
            AttendeeTransitions transitions, ReminderPlanner planner, ClientTexts texts, OptOuts optOuts, AppointmentLog log, AppClock clock) {
        this.appointments = appointments;
        this.reminders = reminders;
        this.calendars = calendars;
        this.transitions = transitions;
        this.planner = planner;
        this.texts = texts;
        this.optOuts = optOuts;
        this.log = log;
        this.clock = clock;
    }

    @Override
    public Instant planCancellationNotice(String appointmentId, String phone) {
        Appointment appointment = appointments.find(appointmentId).orElseThrow();
        Calendar calendar = calendars.find(appointment.calendarId()).orElseThrow();
        Attendee attendee = appointments.attendee(appointmentId, phone).orElseThrow();
        boolean contacted = attendee.lastRequestAt() != null || reminders.anySent(appointmentId, phone);
        reminders.skipPlanned(appointmentId, phone, "the appointment was cancelled");
        transitions.apply(appointmentId, phone, Transition.CANCELLED);
        log.add(appointmentId, phone, "Appointment cancelled");
        Instant now = clock.now();
        if (!contacted || !calendar.cancellationTexts() || !attendee.canReceiveSms() || optOuts.isOptedOut(phone)
                || !appointment.start().isAfter(now)) {
            return null;
        }
        Optional<Instant> at = planner.outsideQuietHours(now, appointment.start(), now, calendar);
        if (at.isEmpty()) {
            log.add(appointmentId, phone, "Cancellation text skipped: no moment outside quiet hours before the appointment");
            return null;
        }
        if (at.get().isAfter(now)) {
            log.add(appointmentId, phone, "Cancellation text at " + at.get().atZone(calendar.timeZone()).toLocalTime() + " (quiet hours)");
        }
        return at.get();
    }

    @Override
    public void sendCancellationNotice(String appointmentId, String phone) {
        Appointment appointment = appointments.find(appointmentId).orElseThrow();
        if (appointment.status() == AppointmentStatus.ACTIVE) {
            log.add(appointmentId, phone, "Cancellation text not sent: the appointment is back in the calendar");
            return;
        }
        Calendar calendar = calendars.find(appointment.calendarId()).orElseThrow();
        OutboundMessages.Result result = texts.text(calendar, appointment, phone, "cancellation",
                "cancelled:" + appointmentId + ":" + appointment.planGeneration() + ":" + phone);
        log.add(appointmentId, phone, result.sent() ? "Sent text: the appointment is cancelled"
                : (result.refused() ? "Text refused: " : "Skipped text: ") + result.skippedBecause());
        if (result.refused()) {
            throw new LifecycleSteps.TextRefused(result.messageId(), result.skippedBecause());
        }
    }

    @Override
    public void recordRemoval(String appointmentId, String phone) {
        reminders.skipPlanned(appointmentId, phone, "the attendee was removed from the event");
    }
}
