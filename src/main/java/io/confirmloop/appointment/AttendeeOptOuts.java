package io.confirmloop.appointment;

import java.time.Instant;

import io.confirmloop.appointment.AttendeeTransitions.Transition;
import io.confirmloop.calendar.CalendarRepository;
import io.confirmloop.messaging.OptOutListener;
import io.confirmloop.system.AppClock;
import org.springframework.stereotype.Component;

/** A number opted out of texts (or back in): each of its upcoming attendances shows it, and the status lines follow. */
@Component
class AttendeeOptOuts implements OptOutListener {

    private final AppointmentRepository appointments;
    private final CalendarRepository calendars;
    private final AttendeeTransitions transitions;
    private final StatusLineWriter statusLines;
    private final AppointmentLog log;
    private final AppClock clock;

    AttendeeOptOuts(AppointmentRepository appointments, CalendarRepository calendars, AttendeeTransitions transitions,
            StatusLineWriter statusLines, AppointmentLog log, AppClock clock) {
        this.appointments = appointments;
        this.calendars = calendars;
        this.transitions = transitions;
        this.statusLines = statusLines;
        this.log = log;
        this.clock = clock;
    }

    @Override
    public void optedOut(String phone) {
        apply(phone, Transition.OPTED_OUT, "Opted out of texts");
    }

    @Override
    public void optedIn(String phone) {
        apply(phone, Transition.OPTED_IN, "Opted in to texts again");
    }

    private void apply(String phone, Transition transition, String text) {
        Instant now = clock.now();
        for (Appointment appointment : appointments.upcomingWithAttendee(phone, now)) {
            if (transitions.apply(appointment.id(), phone, transition).isPresent()) {
                log.add(appointment.id(), phone, text);
                calendars.find(appointment.calendarId()).ifPresent(c -> statusLines.request(c, appointment.id()));
            }
        }
    }
}
