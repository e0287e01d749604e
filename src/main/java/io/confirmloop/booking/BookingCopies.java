package io.confirmloop.booking;

import static io.confirmloop.system.Jdbc.instant;
import static io.confirmloop.system.Jdbc.ts;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import io.confirmloop.calendar.Calendar;
import io.confirmloop.calendar.CalendarEventWriter;
import io.confirmloop.calendar.CalendarRepository;
import io.confirmloop.calendar.NewEvent;
import io.confirmloop.calendar.ProviderEvent;
import io.confirmloop.system.AppClock;
import io.confirmloop.system.WorkQueue;
import io.confirmloop.system.WorkQueues;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * "Copy appointments": a booking is copied into every other calendar of the account marked so,
 * through its provider. A copy is a row written with the booking, and a queue item; the provider
 * is called outside any transaction, retried with backoff, and a copy whose attempts all failed
 * keeps its error and is tried again by the sweep, so an outage never loses it. The copy carries
 * {@code #noremind}: the client is reminded once, from the booking calendar.
 */
@Component
class BookingCopies {

    static final String MARKER = "#noremind";

    /** A queue item: copy this booking into this calendar. */
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

    /** Copies not made yet (their item was lost with a node, or every attempt failed), queued again once their backoff has passed. */
    @Scheduled(fixedDelayString = "${confirmloop.sync.interval}", initialDelayString = "${confirmloop.sync.initial-delay:PT20S}")
    void sweep() {
        Instant now = clock.now();
        jdbc.sql("select booking_id, calendar_id, attempts, updated_at from booking_copy where event_id is null")
                .query((rs, n) -> {
                    Instant due = instant(rs, "updated_at").plus(backoff(rs.getInt("attempts")));
                    return due.isAfter(now) ? null : new CopyBooking(rs.getString("booking_id"), rs.getString("calendar_id"));
                }).list().stream().filter(Objects::nonNull).forEach(queue::enqueue);
    }

    private record Pending(Calendar calendar, NewEvent event) {
    }

    private void copy(CopyBooking item) {
        Pending pending = tx.execute(s -> pending(item));
        if (pending == null) {
            return;
        }
        ProviderEvent created = writer.create(pending.calendar(), pending.event());
        tx.executeWithoutResult(s -> jdbc.sql("""
                update booking_copy set event_id = ?, last_error = null, updated_at = ? where booking_id = ? and calendar_id = ?""")
                .params(created.eventId(), ts(clock.now()), item.bookingId(), item.calendarId()).update());
    }

    private record Copy(String name, String phone, String email, Instant start, Instant end) {
    }

    private Pending pending(CopyBooking item) {
        Copy copy = jdbc.sql("""
                select b.name, b.phone, b.email, b.start_at, b.end_at from booking_copy c join booking b on b.id = c.booking_id
                where c.booking_id = ? and c.calendar_id = ? and c.event_id is null""")
                .params(item.bookingId(), item.calendarId())
                .query((rs, n) -> new Copy(rs.getString("name"), rs.getString("phone"), rs.getString("email"), instant(rs, "start_at"),
                        instant(rs, "end_at"))).optional().orElse(null);
        Calendar calendar = calendars.find(item.calendarId()).orElse(null);
        if (copy == null || calendar == null) {
            return null;
        }
        return new Pending(calendar, new NewEvent(BookingEvents.title(copy.name()),
                BookingEvents.description(copy.name(), copy.phone(), copy.email()) + "\n" + MARKER, null, copy.start(), copy.end(),
                calendar.timeZone()));
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

    /** 1, 2, 4 … up to 60 minutes after the last failure. */
    static Duration backoff(int failures) {
        return failures == 0 ? Duration.ZERO : Duration.ofMinutes(Math.min(60, 1L << Math.min(6, failures - 1)));
    }
}
