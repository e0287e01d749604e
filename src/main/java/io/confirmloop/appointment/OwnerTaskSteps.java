package io.confirmloop.appointment;

import io.confirmloop.appointment.AppointmentProcess.CallOutcome;
import io.confirmloop.appointment.AttendeeTransitions.Transition;
import io.confirmloop.calendar.Calendar;
import io.confirmloop.calendar.CalendarRepository;
import org.springframework.stereotype.Service;

/** No answer by the deadline, and what the owner's call brought. */
@Service
class OwnerTaskSteps implements LifecycleSteps.OwnerTasks {

    private final AppointmentRepository appointments;
    private final CalendarRepository calendars;
    private final AttendeeTransitions transitions;
    private final StatusLineWriter statusLines;
    private final AppointmentLog log;
    private final TaskSummaries summaries;

    OwnerTaskSteps(AppointmentRepository appointments, CalendarRepository calendars, AttendeeTransitions transitions,
            StatusLineWriter statusLines, AppointmentLog log, TaskSummaries summaries) {
        this.appointments = appointments;
        this.calendars = calendars;
        this.transitions = transitions;
        this.statusLines = statusLines;
        this.log = log;
        this.summaries = summaries;
    }

    @Override
    public LifecycleSteps.NoResponse recordNoResponse(String appointmentId, String phone) {
        Calendar calendar = calendar(appointmentId);
        if (!calendar.active()) {
            log.add(appointmentId, phone, "No reply by the deadline; no task while the calendar is switched off");
            return new LifecycleSteps.NoResponse(false, null);
        }
        transitions.apply(appointmentId, phone, Transition.NO_RESPONSE);
        log.add(appointmentId, phone, "No reply by the deadline: call the client");
        statusLines.request(calendar, appointmentId);
        return new LifecycleSteps.NoResponse(true, summaries.of(appointmentId, phone));
    }

    @Override
    public void recordCallOutcome(String appointmentId, String phone, CallOutcome outcome, String notes) {
        String suffix = notes == null || notes.isBlank() ? "" : " — " + notes.strip();
        switch (outcome) {
            case CONFIRMED_BY_PHONE -> {
                transitions.apply(appointmentId, phone, Transition.CONFIRMED);
                log.add(appointmentId, phone, "Confirmed by phone" + suffix);
            }
            case CANCELLED -> {
                transitions.apply(appointmentId, phone, Transition.CANCELLED);
                log.add(appointmentId, phone, "Cancelled by phone" + suffix);
            }
            case UNREACHABLE -> log.add(appointmentId, phone, "Could not reach the client by phone" + suffix);
            default -> throw new IllegalArgumentException(String.valueOf(outcome));
        }
        statusLines.request(calendar(appointmentId), appointmentId);
    }

    private Calendar calendar(String appointmentId) {
        return calendars.find(appointments.find(appointmentId).orElseThrow().calendarId()).orElseThrow();
    }
}
