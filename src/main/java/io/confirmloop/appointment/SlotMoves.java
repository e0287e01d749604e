package io.confirmloop.appointment;

import static io.confirmloop.system.Jdbc.instant;

import java.io.Serializable;
import java.time.Instant;

import io.confirmloop.calendar.Calendar;
import io.confirmloop.calendar.CalendarEventWriter;
import io.confirmloop.calendar.CalendarProviderException;
import io.confirmloop.calendar.CalendarRepository;
import io.confirmloop.system.WorkQueue;
import io.confirmloop.system.WorkQueues;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves an event to the slot its client chose by text, in whichever calendar holds it: a queue
 * item written with the choice, the provider called outside any transaction and retried; the slot
 * stays reserved until the move is made. A move whose attempts all fail is logged and tried again
 * by the sweep; an event that is gone ends the reservation. The sync then sees the moved event and
 * the attendees plan again, as after any move.
 */
@Component
class SlotMoves {

    /** A queue item: make the move of this offer's chosen slot. */
    record MoveToSlot(String offerId) implements Serializable {
    }

    private record Target(Calendar calendar, String appointmentId, String phone, String eventId, Instant start, Instant end) {
    }

    private final WorkQueue<MoveToSlot> queue;
    private final JdbcClient jdbc;
    private final AppointmentRepository appointments;
    private final CalendarRepository calendars;
    private final CalendarEventWriter writer;
    private final AppointmentLog log;
    private final TransactionTemplate tx;

    SlotMoves(WorkQueues queues, JdbcClient jdbc, AppointmentRepository appointments, CalendarRepository calendars, CalendarEventWriter writer,
            AppointmentLog log, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.appointments = appointments;
        this.calendars = calendars;
        this.writer = writer;
        this.log = log;
        this.tx = tx;
        this.queue = queues.create("slot-moves", WorkQueue.Delivery.OUTSIDE_TRANSACTION, item -> move(item.offerId()),
                (item, error, attempts) -> tx.executeWithoutResult(s -> failed(item.offerId(), error)));
    }

    /** In the choice's transaction: the move is made once it commits. */
    void request(String offerId) {
        queue.enqueue(new MoveToSlot(offerId));
    }

    /** Moves still to be made (their item was lost with a node, or every attempt failed), queued again. */
    @Scheduled(fixedDelayString = "${confirmloop.sync.interval}", initialDelayString = "${confirmloop.sync.initial-delay:PT20S}")
    void sweep() {
        jdbc.sql("select id from slot_offer where state = 'MOVING'").query(String.class).list()
                .forEach(id -> queue.enqueue(new MoveToSlot(id)));
    }

    private void move(String offerId) {
        Target target = tx.execute(s -> target(offerId));
        if (target == null) {
            return;
        }
        try {
            writer.move(target.calendar(), target.eventId(), target.start(), target.end());
            tx.executeWithoutResult(s -> jdbc.sql("update slot_offer set state = 'MOVED' where id = ? and state = 'MOVING'")
                    .param(offerId).update());
        } catch (CalendarProviderException.NotFound gone) {
            tx.executeWithoutResult(s -> {
                jdbc.sql("update slot_offer set state = 'MOVE_FAILED' where id = ?").param(offerId).update();
                log.add(target.appointmentId(), target.phone(), "Not moved to the chosen slot: the event is gone from the calendar");
            });
        }
    }

    private Target target(String offerId) {
        return jdbc.sql("""
                select o.appointment_id, o.phone, o.chosen_start, o.chosen_end from slot_offer o where o.id = ? and o.state = 'MOVING'""")
                .param(offerId)
                .query((rs, n) -> new Object[] {rs.getString("appointment_id"), rs.getString("phone"), instant(rs, "chosen_start"),
                        instant(rs, "chosen_end")})
                .optional()
                .flatMap(row -> appointments.find((String) row[0]).flatMap(a -> calendars.find(a.calendarId())
                        .map(c -> new Target(c, a.id(), (String) row[1], a.eventId(), (Instant) row[2], (Instant) row[3]))))
                .orElse(null);
    }

    private void failed(String offerId, Throwable error) {
        jdbc.sql("select appointment_id, phone from slot_offer where id = ?").param(offerId)
                .query((rs, n) -> new String[] {rs.getString("appointment_id"), rs.getString("phone")}).optional()
                .ifPresent(row -> log.add(row[0], row[1], "Moving the event to the chosen slot failed for now ("
                        + (error == null ? "unknown error" : error.getMessage()) + "); it is tried again"));
    }
}
