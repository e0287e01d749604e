package io.confirmloop.appointment;

import java.io.Serializable;
import java.time.Instant;

import io.confirmloop.calendar.CalendarEvents;
import io.confirmloop.system.AppClock;
import io.confirmloop.system.WorkQueue;
import io.confirmloop.system.WorkQueues;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A calendar switched off or on: each of its upcoming appointments is told, through a durable
 * queue (one item per appointment, so the owner's switch never waits for busy processes).
 * Switched off, the attendees wait without sending anything; switched on, plans are made afresh,
 * and reminders whose moment passed meanwhile follow the missed-reminder rule.
 */
@Component
class CalendarSwitches {

    /** A queue item: tell this appointment's attendees that it changed. */
    record AppointmentChanged(String appointmentId) implements Serializable {
    }

    private final AppointmentRepository appointments;
    private final LifecycleGateway lifecycle;
    private final AppointmentLog log;
    private final AppClock clock;
    private final WorkQueue<AppointmentChanged> queue;

    CalendarSwitches(AppointmentRepository appointments, LifecycleGateway lifecycle, AppointmentLog log, AppClock clock, WorkQueues queues) {
        this.appointments = appointments;
        this.lifecycle = lifecycle;
        this.log = log;
        this.clock = clock;
        this.queue = queues.create("appointment-changes", WorkQueue.Delivery.IN_TRANSACTION,
                item -> lifecycle.appointmentChanged(item.appointmentId()),
                (item, error, attempts) -> log.add(item.appointmentId(), null,
                        "Could not tell the attendees that the calendar was switched: " + error));
    }

    @EventListener
    void onSwitched(CalendarEvents.CalendarSwitched switched) {
        Instant now = clock.now();
        for (Appointment appointment : appointments.upcomingOfCalendar(switched.calendarId(), now)) {
            if (switched.active()) {
                appointments.update(appointment.movedTo(appointment.start(), appointment.end(), now));
                log.add(appointment.id(), null, "Calendar switched on: reminders planned afresh");
            } else {
                log.add(appointment.id(), null, "Calendar switched off: nothing is sent until it is on again");
            }
            queue.enqueue(new AppointmentChanged(appointment.id()));
        }
    }
}
