package io.confirmloop.booking;

import static io.confirmloop.system.Jdbc.ts;

import java.sql.Date;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

import io.confirmloop.calendar.Calendar;
import io.confirmloop.calendar.CalendarEventWriter;
import io.confirmloop.calendar.CalendarRepository;
import io.confirmloop.calendar.NewEvent;
import io.confirmloop.calendar.PhoneNumbers;
import io.confirmloop.calendar.Provider;
import io.confirmloop.calendar.ProviderEvent;
import io.confirmloop.system.ApiException;
import io.confirmloop.system.AppClock;
import io.confirmloop.system.Ids;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Self-booking into an owner's built-in calendar: the free slots the booking rules allow, and a
 * booking, checked again atomically (the calendar's row is locked while the slot is checked and
 * the event stored, so of two clients racing for one slot exactly one gets it). The event, the
 * booking row, its copies and the queue item that starts its lifecycle commit together.
 */
@Service
class BookingService {

    /** Body of {@code POST /api/booking/{calendarId}/appointments}. */
    public record BookingRequest(String name, String phone, String email, String start) {
    }

    /** A booking made. */
    public record Booked(String id, Calendar calendar, String eventId, Instant start, Instant end) {
    }

    private static final int MAX_NAME = 200;

    private final CalendarRepository calendars;
    private final SlotFinder slots;
    private final BookingRules rules;
    private final CalendarEventWriter writer;
    private final BookingCopies copies;
    private final PhoneNumbers phoneNumbers;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AppClock clock;

    BookingService(CalendarRepository calendars, SlotFinder slots, BookingRules rules, CalendarEventWriter writer, BookingCopies copies,
            PhoneNumbers phoneNumbers, JdbcClient jdbc, TransactionTemplate tx, AppClock clock) {
        this.calendars = calendars;
        this.slots = slots;
        this.rules = rules;
        this.writer = writer;
        this.copies = copies;
        this.phoneNumbers = phoneNumbers;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    /** The built-in calendar a booking link names; any other calendar has no booking page. */
    public Calendar bookingCalendar(String calendarId) {
        return calendars.find(calendarId).filter(c -> c.provider() == Provider.INTERNAL)
                .orElseThrow(() -> ApiException.notFound("Booking calendar", calendarId));
    }

    public BookingSettings settings(Calendar calendar) {
        return slots.settings(calendar);
    }

    /** Free slots in [from, to) the rules allow to a client who has booked nothing today; none when event requests are off. */
    public List<FreeSlots.Slot> freeSlots(Calendar calendar, Instant from, Instant to) {
        BookingSettings settings = slots.settings(calendar);
        if (!settings.eventRequestsEnabled()) {
            return List.of();
        }
        Instant now = clock.now();
        Instant start = from == null || from.isBefore(now) ? now : from;
        Instant horizon = now.atZone(calendar.timeZone()).toLocalDate().plusDays(settings.daysToView()).atStartOfDay(calendar.timeZone())
                .toInstant();
        Instant end = to == null || to.isAfter(horizon) ? horizon : to;
        if (!start.isBefore(end)) {
            return List.of();
        }
        Duration duration = Duration.ofMinutes(settings.defaultDurationMinutes());
        return slots.free(calendar, duration, start, end, null).stream()
                .filter(s -> rules.check(s.start(), duration, calendar.timeZone(), settings, 0, now).allowed()).toList();
    }

    /** The number as the calendar reads it (E.164), if it is one. */
    public Optional<String> phoneNumber(String calendarId, String input) {
        return phoneNumbers.normalise(input, bookingCalendar(calendarId).region());
    }

    public Booked book(String calendarId, BookingRequest request) {
        Calendar calendar = bookingCalendar(calendarId);
        String name = request.name() == null ? "" : request.name().strip();
        if (name.isEmpty() || name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest("INVALID_NAME", "Enter your name (at most " + MAX_NAME + " characters)");
        }
        String phone = phoneNumbers.normalise(request.phone(), calendar.region()).orElseThrow(() -> ApiException.badRequest("INVALID_PHONE",
                "Enter a valid mobile phone number" + (request.phone() == null ? "" : ", e.g. with its country code")));
        String email = email(request.email());
        Instant start = start(request.start());
        return tx.execute(s -> bookLocked(calendar, name, phone, email, start));
    }

    private Booked bookLocked(Calendar calendar, String name, String phone, String email, Instant start) {
        calendars.lockFreeTime(calendar.id());
        BookingSettings settings = slots.settings(calendar);
        if (!settings.eventRequestsEnabled()) {
            throw ApiException.unprocessable("BOOKING_OFF", calendar.businessName() + " does not take bookings online at the moment");
        }
        Duration duration = Duration.ofMinutes(settings.defaultDurationMinutes());
        Instant now = clock.now();
        LocalDate today = now.atZone(calendar.timeZone()).toLocalDate();
        BookingRules.Verdict verdict = rules.check(start, duration, calendar.timeZone(), settings, bookingsOn(phone, today, calendar.ownerGroup()), now);
        if (!verdict.allowed()) {
            throw ApiException.unprocessable(verdict.code(), verdict.message());
        }
        if (!slots.isSlot(calendar, duration, start)) {
            throw ApiException.unprocessable("NOT_A_SLOT", "That time is not one of the bookable times");
        }
        if (!slots.isFree(calendar, duration, start, null)) {
            throw ApiException.conflict("SLOT_TAKEN", "Sorry, that time has just been taken. Please choose another one.");
        }
        Instant end = start.plus(duration);
        ProviderEvent event = writer.create(calendar, new NewEvent(BookingEvents.title(name), BookingEvents.description(name, phone, email),
                null, start, end, calendar.timeZone()));
        String id = Ids.newId();
        jdbc.sql("""
                insert into booking (id, calendar_id, event_id, phone, name, email, start_at, end_at, booked_on, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, calendar.id(), event.eventId(), phone, name, email, ts(start), ts(end), Date.valueOf(today), ts(now))
                .update();
        copies.schedule(id, calendar);
        return new Booked(id, calendar, event.eventId(), start, end);
    }

    /** Bookings this number made on {@code day} with the account, whatever the dates of the booked events. */
    int bookingsOn(String phone, LocalDate day, String ownerGroup) {
        return jdbc.sql("""
                select count(*) from booking b join calendar c on c.id = b.calendar_id
                where b.phone = ? and b.booked_on = ? and c.owner_group = ?""")
                .params(phone, Date.valueOf(day), ownerGroup).query(Integer.class).single();
    }

    private String email(String input) {
        if (input == null || input.isBlank()) {
            return null;
        }
        List<String> found = phoneNumbers.emails(input.strip());
        if (found.size() != 1 || !found.get(0).equalsIgnoreCase(input.strip())) {
            throw ApiException.badRequest("INVALID_EMAIL", "Enter a valid email address, or leave it empty");
        }
        return found.get(0);
    }

    private static Instant start(String input) {
        try {
            return OffsetDateTime.parse(input).toInstant();
        } catch (NullPointerException | DateTimeParseException e) {
            throw ApiException.badRequest("INVALID_START", "start must be an ISO-8601 time with offset, e.g. 2026-12-08T10:00:00-05:00");
        }
    }
}
