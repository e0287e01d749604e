package io.confirmloop.booking;

import static io.confirmloop.system.Jdbc.ts;

import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

import io.confirmloop.calendar.BuiltInEventCheck;
import io.confirmloop.calendar.Calendar;
import io.confirmloop.calendar.CalendarEventStore;
import io.confirmloop.calendar.CalendarRepository;
import io.confirmloop.calendar.NewEvent;
import io.confirmloop.system.ApiException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The owner's edits of a booked event. It may be made longer only while the longer time is still
 * free: nothing that blocks booking may lie in it (another event of a calendar used for
 * availability, another booking, a slot being moved to by text). Shorter, or moved at the same
 * length, is the owner's call. The booking keeps the event's times, and its copies follow the
 * event, removal included.
 */
@Component
class BookedEventChanges implements BuiltInEventCheck {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

    private final SlotFinder slots;
    private final CalendarRepository calendars;
    private final BookingCopies copies;
    private final JdbcClient jdbc;

    BookedEventChanges(SlotFinder slots, CalendarRepository calendars, BookingCopies copies, JdbcClient jdbc) {
        this.slots = slots;
        this.calendars = calendars;
        this.copies = copies;
        this.jdbc = jdbc;
    }

    @Override
    public void beforeReplace(Calendar calendar, CalendarEventStore.StoredEvent current, NewEvent fields) {
        String eventId = current.event().eventId();
        Optional<String> booking = booking(calendar, eventId);
        if (booking.isEmpty()) {
            return;
        }
        Duration before = Duration.between(current.event().start(), current.event().end());
        Duration after = Duration.between(fields.start(), fields.end());
        if (after.compareTo(before) > 0) {
            calendars.lockFreeTime(calendar.id());
            if (!slots.nothingBusy(calendar, fields.start(), fields.end(), eventId)) {
                throw ApiException.conflict("TIME_NOT_FREE", "This booked appointment cannot last until "
                        + TIME.format(fields.end().atZone(calendar.timeZone())) + ": that time is no longer free");
            }
        }
        jdbc.sql("update booking set start_at = ?, end_at = ? where id = ?").params(ts(fields.start()), ts(fields.end()), booking.get()).update();
        copies.follow(booking.get());
    }

    @Override
    public void beforeDelete(Calendar calendar, CalendarEventStore.StoredEvent current) {
        booking(calendar, current.event().eventId()).ifPresent(copies::follow);
    }

    private Optional<String> booking(Calendar calendar, String eventId) {
        return jdbc.sql("select id from booking where calendar_id = ? and event_id = ?").params(calendar.id(), eventId).query(String.class)
                .optional();
    }
}
