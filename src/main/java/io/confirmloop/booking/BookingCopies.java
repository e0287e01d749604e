package io.confirmloop.booking;

import static io.confirmloop.system.Jdbc.instant;
import static io.confirmloop.system.Jdbc.ts;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import io.confirmloop.calendar.Calendar;
import io.confirmloop.calendar.CalendarEventWriter;
import io.confirmloop.calendar.CalendarProviderException;
import io.confirmloop.calendar.CalendarRepository;
import io.confirmloop.calendar.NewEvent;
import io.confirmloop.calendar.ProviderEvent;
import io.confirmloop.system.AppClock;
import io.confirmloop.system.SweepBackoff;
import io.confirmloop.system.WorkQueue;
import io.confirmloop.system.WorkQueues;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * "Copy appointments": a booking is copied into every other calendar of the account marked so,
 * through its provider, and the copy follows the booked event: moved or resized with it, removed
 * with it. A copy is a row written with the booking, and a queue item; the provider is called
 * outside any transaction, retried with backoff, and a copy whose attempts all failed keeps its
 * error and is tried again by the sweep, so an outage never loses it. The sweep also finds copies
 * behind their event (a move by text, a lost item). The copy carries {@code #noremind}: the client
 * is reminded once, from the booking calendar.
 */
@Component
class BookingCopies {

    static final String MARKER = "#noremind";

    /** A queue item: bring this booking's copy in this calendar up to date with the booked event. */
    record CopyBooking(String bookingId, String calendarId) implements Serializable {
    }

    private final WorkQueue<CopyBooking> queue;
    private final JdbcClient jdbc;
    private final CalendarRepository calendars;
    private final CalendarEventWriter writer;
    private final TransactionTemplate tx;
    private final AppClock clock;

    BookingCopies(WorkQueues queues, JdbcClient jdbc, CalendarRepository calendars, CalendarEventWriter writer, TransactionTemplate tx,
            AppClock clock) {
        this.jdbc = jdbc;
        this.calendars = calendars;
        this.writer = writer;
        this.tx = tx;
        this.clock = clock;
        this.queue = queues.create("booking-copies", WorkQueue.Delivery.OUTSIDE_TRANSACTION, this::copy,
                (item, error, attempts) -> tx.executeWithoutResult(s -> failed(item, error)));
    }

    /** In the booking's transaction: one copy per other calendar of the account marked "copy appointments". */
    void schedule(String bookingId, Calendar bookingCalendar) {
        Instant now = clock.now();
        calendars.findByGroups(List.of(bookingCalendar.ownerGroup())).stream()
                .filter(c -> c.copyAppointments() && !c.id().equals(bookingCalendar.id()))
                .forEach(c -> {
                    jdbc.sql("insert into booking_copy (booking_id, calendar_id, updated_at) values (?, ?, ?)")
                            .params(bookingId, c.id(), ts(now)).update();
                    queue.enqueue(new CopyBooking(bookingId, c.id()));
                });
    }

    /** In the transaction that changes or removes the booked event: its copies follow once it commits. */
    void follow(String bookingId) {
        jdbc.sql("select calendar_id from booking_copy where booking_id = ? and removed = false").param(bookingId).query(String.class).list()
                .forEach(calendarId -> queue.enqueue(new CopyBooking(bookingId, calendarId)));
    }

    /**
     * Copies not made yet or behind their booked event (their item was lost with a node, every
     * attempt failed, or the event was moved by text), queued again once their backoff has passed.
     * Copies of appointments that are over are left as they are.
     */
    @Scheduled(fixedDelayString = "${confirmloop.sync.interval}", initialDelayString = "${confirmloop.sync.initial-delay:PT20S}")
    void sweep() {
        Instant now = clock.now();
        jdbc.sql("""
                select c.booking_id, c.calendar_id, c.attempts, c.updated_at from booking_copy c
                join booking b on b.id = c.booking_id
                left join calendar_event e on e.calendar_id = b.calendar_id and e.event_id = b.event_id
                where c.removed = false and (c.event_id is null or e.event_id is null or e.deleted = true
                  or c.copied_start <> e.start_at or c.copied_end <> e.end_at)
                  and coalesce(e.end_at, b.end_at) > ?""")
                .param(ts(now))
                .query((rs, n) -> {
                    Instant due = instant(rs, "updated_at").plus(SweepBackoff.after(rs.getInt("attempts")));
                    return due.isAfter(now) ? null : new CopyBooking(rs.getString("booking_id"), rs.getString("calendar_id"));
                }).list().stream().filter(Objects::nonNull).forEach(queue::enqueue);
    }

    private void copy(CopyBooking item) {
        Copy copy = tx.execute(s -> copyOf(item));
        Calendar calendar = copy == null ? null : calendars.find(item.calendarId()).orElse(null);
        if (calendar == null) {
            return;
        }
        if (copy.eventRemoved()) {
            if (copy.copyId() != null) {
                try {
                    writer.delete(calendar, copy.copyId());
                } catch (CalendarProviderException.NotFound gone) {
                    // removed at the provider already
                }
            }
            written(item, copy.copyId(), null, null, true);
        } else if (copy.copyId() == null) {
            ProviderEvent created = writer.create(calendar, new NewEvent(BookingEvents.title(copy.name()),
                    BookingEvents.description(copy.name(), copy.phone(), copy.email()) + "\n" + MARKER, null, copy.start(), copy.end(),
                    calendar.timeZone()));
            written(item, created.eventId(), copy.start(), copy.end(), false);
        } else if (!copy.start().equals(copy.copiedStart()) || !copy.end().equals(copy.copiedEnd())) {
            writer.move(calendar, copy.copyId(), copy.start(), copy.end());
            written(item, copy.copyId(), copy.start(), copy.end(), false);
        }
    }

    private void written(CopyBooking item, String copyId, Instant start, Instant end, boolean removed) {
        tx.executeWithoutResult(s -> jdbc.sql("""
                update booking_copy set event_id = ?, copied_start = ?, copied_end = ?, removed = ?, attempts = 0, last_error = null,
                  updated_at = ? where booking_id = ? and calendar_id = ?""")
                .params(copyId, start == null ? null : ts(start), end == null ? null : ts(end), removed, ts(clock.now()), item.bookingId(),
                        item.calendarId()).update());
    }

    /** The copy as it is, beside the booked event as it is now (its times, or removed). */
    private record Copy(String name, String phone, String email, Instant start, Instant end, boolean eventRemoved, String copyId,
            Instant copiedStart, Instant copiedEnd) {
    }

    private Copy copyOf(CopyBooking item) {
        return jdbc.sql("""
                select b.name, b.phone, b.email, e.start_at, e.end_at, e.deleted, c.event_id, c.copied_start, c.copied_end
                from booking_copy c join booking b on b.id = c.booking_id
                left join calendar_event e on e.calendar_id = b.calendar_id and e.event_id = b.event_id
                where c.booking_id = ? and c.calendar_id = ? and c.removed = false""")
                .params(item.bookingId(), item.calendarId())
                .query((rs, n) -> new Copy(rs.getString("name"), rs.getString("phone"), rs.getString("email"), instant(rs, "start_at"),
                        instant(rs, "end_at"), rs.getObject("deleted") == null || rs.getBoolean("deleted"), rs.getString("event_id"),
                        instant(rs, "copied_start"), instant(rs, "copied_end")))
                .optional().orElse(null);
    }

    private void failed(CopyBooking item, Throwable error) {
        jdbc.sql("""
                update booking_copy set attempts = attempts + 1, last_error = ?, updated_at = ? where booking_id = ? and calendar_id = ?""")
                .params(describe(error), ts(clock.now()), item.bookingId(), item.calendarId()).update();
    }

    private static String describe(Throwable error) {
        String text = error == null ? "unknown error" : error.getClass().getSimpleName() + ": " + error.getMessage();
        return text.length() > 1000 ? text.substring(0, 1000) : text;
    }
}
