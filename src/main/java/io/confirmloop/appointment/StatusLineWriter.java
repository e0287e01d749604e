package io.confirmloop.appointment;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

import io.confirmloop.calendar.Calendar;
import io.confirmloop.calendar.CalendarEventWriter;
import io.confirmloop.calendar.CalendarProviderException;
import io.confirmloop.calendar.CalendarRepository;
import io.confirmloop.calendar.PhoneNumbers;
import io.confirmloop.calendar.ProviderEvent;
import io.confirmloop.calendar.StatusLines;
import io.confirmloop.system.AppClock;
import io.confirmloop.system.WorkQueue;
import io.confirmloop.system.WorkQueues;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * "Update appointment descriptions": one status line per attendee at the top of the event's
 * description, the rest untouched. A lifecycle step only asks for it (a queue item in the step's
 * transaction); the write runs on its own, outside any transaction, against the event's version,
 * with retries, so a calendar that is down or changed meanwhile never fails or delays a reminder.
 * A write whose attempts all fail stays pending with its error, and the sweep tries it again.
 */
@Component
class StatusLineWriter {

    /** A queue item: write the status lines of this appointment. */
    record WriteStatusLines(String appointmentId) implements Serializable {
    }

    private final WorkQueue<WriteStatusLines> queue;
    private final AppointmentRepository appointments;
    private final CalendarRepository calendars;
    private final CalendarEventWriter writer;
    private final PhoneNumbers phoneNumbers;
    private final TransactionTemplate tx;
    private final AppClock clock;

    StatusLineWriter(WorkQueues queues, AppointmentRepository appointments, CalendarRepository calendars, CalendarEventWriter writer,
            PhoneNumbers phoneNumbers, TransactionTemplate tx, AppClock clock) {
        this.appointments = appointments;
        this.calendars = calendars;
        this.writer = writer;
        this.phoneNumbers = phoneNumbers;
        this.tx = tx;
        this.clock = clock;
        this.queue = queues.create("status-lines", WorkQueue.Delivery.OUTSIDE_TRANSACTION, item -> write(item.appointmentId()),
                (item, error, attempts) -> tx.executeWithoutResult(s ->
                        appointments.descriptionFailed(item.appointmentId(), String.valueOf(error == null ? null : error.getMessage()), clock.now())));
    }

    /** The statuses changed: write the lines soon (when the calendar asks for it). */
    void request(Calendar calendar, String appointmentId) {
        if (calendar.updateDescriptions()) {
            appointments.descriptionRequested(appointmentId, clock.now());
            queue.enqueue(new WriteStatusLines(appointmentId));
        }
    }

    /** Writes that are still due (their item was lost with a node, or every attempt failed), queued again. */
    @Scheduled(fixedDelayString = "${confirmloop.sync.interval}", initialDelayString = "${confirmloop.sync.initial-delay:PT20S}")
    void sweep() {
        Instant now = clock.now();
        tx.executeWithoutResult(s -> appointments.pendingDescriptions().stream().filter(p -> p.due(now))
                .forEach(p -> queue.enqueue(new WriteStatusLines(p.appointmentId()))));
    }

    private void write(String appointmentId) {
        Target target = tx.execute(s -> target(appointmentId));
        if (target == null) {
            return;
        }
        try {
            ProviderEvent written = writer.updateDescription(target.calendar(), target.eventId(),
                    description -> StatusLines.prepend(target.lines(), description));
            tx.executeWithoutResult(s -> appointments.descriptionWritten(appointmentId, written.description(),
                    String.join("\n", target.lines()), target.requestedAt(), clock.now()));
        } catch (CalendarProviderException.NotFound gone) {
            tx.executeWithoutResult(s -> appointments.descriptionWritten(appointmentId, null, null, target.requestedAt(), clock.now()));
        }
    }

    private record Target(Calendar calendar, String eventId, List<String> lines, Instant requestedAt) {
    }

    private Target target(String appointmentId) {
        AppointmentRepository.PendingDescription pending = appointments.pendingDescription(appointmentId).orElse(null);
        if (pending == null) {
            return null;
        }
        Appointment appointment = appointments.find(appointmentId).orElseThrow();
        Calendar calendar = calendars.find(appointment.calendarId()).orElse(null);
        if (calendar == null || !calendar.updateDescriptions()) {
            appointments.descriptionWritten(appointmentId, null, null, pending.requestedAt(), clock.now());
            return null;
        }
        List<String> lines = appointments.attendees(appointmentId).stream().filter(a -> !a.removed())
                .map(a -> phoneNumbers.display(a.phone()) + ": " + a.statusWords()).toList();
        return new Target(calendar, appointment.eventId(), lines, pending.requestedAt());
    }
}
