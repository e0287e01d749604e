package io.confirmloop.appointment;

import java.io.Serializable;

import io.confirmloop.calendar.CalendarRepository;
import io.confirmloop.system.WorkQueue;
import io.confirmloop.system.WorkQueues;
import org.springframework.stereotype.Component;

/**
 * Emails to the owner about the appointment as a whole (e.g. "rescheduled"), asked for where no
 * mail may be sent (inside the sync's transaction) and sent by a durable queue of their own, once
 * (the key makes a retry send nothing twice).
 */
@Component
class OwnerNotices {

    /** A queue item: email the owner this template about this appointment. */
    record Notice(String appointmentId, String template, String key) implements Serializable {
    }

    private final WorkQueue<Notice> queue;

    OwnerNotices(WorkQueues queues, AppointmentRepository appointments, CalendarRepository calendars, ClientTexts texts, AppointmentLog log) {
        this.queue = queues.create("owner-notices", WorkQueue.Delivery.OUTSIDE_TRANSACTION,
                notice -> appointments.find(notice.appointmentId()).ifPresent(appointment -> calendars.find(appointment.calendarId())
                        .ifPresent(calendar -> texts.notifyOwner(calendar, appointment, null, notice.template(), notice.key(), null))),
                (notice, error, attempts) -> log.add(notice.appointmentId(), null, "Could not email the owner: " + error));
    }

    /** The appointment moved: the owner is emailed the new time. */
    void rescheduled(Appointment appointment) {
        queue.enqueue(new Notice(appointment.id(), "owner-rescheduled", "rescheduled:" + appointment.id() + ":" + appointment.planGeneration()));
    }
}
