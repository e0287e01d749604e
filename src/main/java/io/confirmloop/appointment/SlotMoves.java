package io.confirmloop.appointment;

import static io.confirmloop.system.Jdbc.instant;
import static io.confirmloop.system.Jdbc.ts;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import io.confirmloop.calendar.Calendar;
import io.confirmloop.calendar.CalendarEventWriter;
import io.confirmloop.calendar.CalendarProviderException;
import io.confirmloop.calendar.CalendarRepository;
import io.confirmloop.system.AppClock;
import io.confirmloop.system.SweepBackoff;
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
 * by the sweep after 1, 2, 4 … up to 60 minutes; an event that is gone ends the reservation. The sync then sees the moved event and
 * the attendees plan again, as after any move.
 */
@Component
class SlotMoves {

    /** A queue item: make the move of this offer's chosen slot. */
    record MoveToSlot(String offerId) implements Serializable {
    }

    private record Target(Calendar calendar, String appointmentId, String phone, String eventId, Instant start, Instant end) {
    }

    private record Chosen(String appointmentId, String phone, Instant start, Instant end) {
    }

    private final WorkQueue<MoveToSlot> queue;
    private final JdbcClient jdbc;
    private final AppointmentRepository appointments;
    private final CalendarRepository calendars;
    private final CalendarEventWriter writer;
    private final AppointmentLog log;
    private final TransactionTemplate tx;
    private final AppClock clock;

    SlotMoves(WorkQueues queues, JdbcClient jdbc, AppointmentRepository appointments, CalendarRepository calendars, CalendarEventWriter writer,
            AppointmentLog log, TransactionTemplate tx, AppClock clock) {
        this.clock = clock;
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

    /** Moves still to be made (their item was lost with a node, or every attempt failed), queued again once their wait is over. */
    @Scheduled(fixedDelayString = "${confirmloop.sync.interval}", initialDelayString = "${confirmloop.sync.initial-delay:PT20S}")
    void sweep() {
        Instant now = clock.now();
        jdbc.sql("select id, move_attempts, move_failed_at from slot_offer where state = 'MOVING'")
                .query((rs, n) -> {
                    Instant failedAt = instant(rs, "move_failed_at");
                    return failedAt == null || !failedAt.plus(SweepBackoff.after(rs.getInt("move_attempts"))).isAfter(now)
                            ? rs.getString("id") : null;
                }).list().stream().filter(Objects::nonNull).forEach(id -> queue.enqueue(new MoveToSlot(id)));
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
        return chosen(offerId, "and state = 'MOVING'")
                .flatMap(o -> appointments.find(o.appointmentId()).flatMap(a -> calendars.find(a.calendarId())
                        .map(c -> new Target(c, a.id(), o.phone(), a.eventId(), o.start(), o.end()))))
                .orElse(null);
    }

    private Optional<Chosen> chosen(String offerId, String condition) {
        return jdbc.sql("select appointment_id, phone, chosen_start, chosen_end from slot_offer where id = ? " + condition).param(offerId)
                .query((rs, n) -> new Chosen(rs.getString("appointment_id"), rs.getString("phone"), instant(rs, "chosen_start"),
                        instant(rs, "chosen_end")))
                .optional();
    }

    private void failed(String offerId, Throwable error) {
        jdbc.sql("update slot_offer set move_attempts = move_attempts + 1, move_failed_at = ? where id = ?").params(ts(clock.now()), offerId)
                .update();
        chosen(offerId, "").ifPresent(o -> log.add(o.appointmentId(), o.phone(), "Moving the event to the chosen slot failed for now ("
                + (error == null ? "unknown error" : error.getMessage()) + "); it is tried again"));
    }
}
