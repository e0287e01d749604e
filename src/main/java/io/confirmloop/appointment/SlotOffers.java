package io.confirmloop.appointment;

import static io.confirmloop.system.Jdbc.instant;
import static io.confirmloop.system.Jdbc.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import io.confirmloop.booking.BookingRules;
import io.confirmloop.booking.BookingSettings;
import io.confirmloop.booking.FreeSlots;
import io.confirmloop.booking.SlotFinder;
import io.confirmloop.calendar.Calendar;
import io.confirmloop.calendar.CalendarRepository;
import io.confirmloop.system.Ids;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The free slots texted to a client who asked to reschedule: up to three, on the grid of the
 * appointment's own length, that the booking rules allow; valid for a while. A chosen slot is
 * checked again with the calendar locked, then reserved (MOVING) until the calendar has moved the
 * event ({@link SlotMoves}), so no booking or other offer can take it meanwhile.
 */
@Component
class SlotOffers {

    static final int MAX_SLOTS = 3;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

    /** An offer: its slots in the order texted (1, 2, 3). */
    record Offer(String id, String appointmentId, String phone, List<FreeSlots.Slot> slots, Instant expiresAt, String state) {
    }

    /** What became of a number the client sent. */
    enum Outcome { MOVED, NO_OFFER, EXPIRED, NOT_OFFERED, TAKEN }

    record Choice(Outcome outcome, FreeSlots.Slot slot) {
    }

    private final SlotFinder slots;
    private final BookingRules rules;
    private final SlotMoves moves;
    private final CalendarRepository calendars;
    private final JdbcClient jdbc;
    private final Duration validFor;

    SlotOffers(SlotFinder slots, BookingRules rules, SlotMoves moves, CalendarRepository calendars, JdbcClient jdbc,
            @Value("${confirmloop.booking.offer-valid-for:PT4H}") Duration validFor) {
        this.slots = slots;
        this.calendars = calendars;
        this.rules = rules;
        this.moves = moves;
        this.jdbc = jdbc;
        this.validFor = validFor;
    }

    /** A new offer of the next free slots (earlier open offers of the attendee are closed), or empty when there is none. */
    Optional<Offer> create(Calendar calendar, Appointment appointment, String phone, Instant now) {
        close(appointment.id(), phone);
        BookingSettings settings = slots.settings(calendar);
        Duration length = Duration.between(appointment.start(), appointment.end());
        Instant horizon = now.atZone(calendar.timeZone()).toLocalDate().plusDays(settings.daysToView()).atStartOfDay(calendar.timeZone())
                .toInstant();
        List<FreeSlots.Slot> free = slots.free(calendar, length, now, horizon, appointment.eventId()).stream()
                .filter(s -> !s.start().equals(appointment.start()))
                .filter(s -> rules.check(s.start(), length, calendar.timeZone(), settings, 0, now).allowed())
                .limit(MAX_SLOTS).toList();
        if (free.isEmpty()) {
            return Optional.empty();
        }
        Offer offer = new Offer(Ids.newId(), appointment.id(), phone, free, now.plus(validFor), "OPEN");
        jdbc.sql("""
                insert into slot_offer (id, appointment_id, phone, slots, offered_at, expires_at, state)
                values (?, ?, ?, ?, ?, ?, 'OPEN')""")
                .params(offer.id(), appointment.id(), phone, format(free), ts(now), ts(offer.expiresAt())).update();
        return Optional.of(offer);
    }

    /** The offer went out now: it is valid from here. */
    void texted(String offerId, Instant now) {
        jdbc.sql("update slot_offer set offered_at = ?, expires_at = ? where id = ?").params(ts(now), ts(now.plus(validFor)), offerId).update();
    }

    Optional<Offer> open(String appointmentId, String phone) {
        return jdbc.sql("select * from slot_offer where appointment_id = ? and phone = ? and state = 'OPEN' order by offered_at desc")
                .params(appointmentId, phone).query(SlotOffers::map).list().stream().findFirst();
    }

    /** The appointment of the number's latest open offer: a number the client sends answers it. */
    Optional<String> appointmentWithOpenOffer(String phone) {
        return jdbc.sql("select appointment_id from slot_offer where phone = ? and state = 'OPEN' order by offered_at desc")
                .param(phone).query(String.class).list().stream().findFirst();
    }

    void close(String appointmentId, String phone) {
        jdbc.sql("update slot_offer set state = 'CLOSED' where appointment_id = ? and phone = ? and state = 'OPEN'")
                .params(appointmentId, phone).update();
    }

    /**
     * The client sent {@code number}: the slot is checked again with the calendar's row locked (as a
     * booking is), reserved, and the move handed to the calendar.
     */
    Choice choose(Calendar calendar, Appointment appointment, String phone, int number, Instant now) {
        calendars.lockFreeTime(calendar.id());
        Optional<Offer> open = open(appointment.id(), phone);
        if (open.isEmpty()) {
            return new Choice(Outcome.NO_OFFER, null);
        }
        Offer offer = open.get();
        close(appointment.id(), phone);
        if (now.isAfter(offer.expiresAt())) {
            return new Choice(Outcome.EXPIRED, null);
        }
        if (number < 1 || number > offer.slots().size()) {
            return new Choice(Outcome.NOT_OFFERED, null);
        }
        FreeSlots.Slot slot = offer.slots().get(number - 1);
        Duration length = Duration.between(slot.start(), slot.end());
        if (!slots.isFree(calendar, length, slot.start(), appointment.eventId())) {
            return new Choice(Outcome.TAKEN, slot);
        }
        jdbc.sql("update slot_offer set state = 'MOVING', chosen_start = ?, chosen_end = ? where id = ?")
                .params(ts(slot.start()), ts(slot.end()), offer.id()).update();
        moves.request(offer.id());
        return new Choice(Outcome.MOVED, slot);
    }

    /** True when this attendee chose the appointment's current start by text (they need no "new time" text). */
    boolean movedByClient(String appointmentId, String phone, Instant start) {
        return jdbc.sql("""
                select count(*) from slot_offer where appointment_id = ? and phone = ? and state in ('MOVING', 'MOVED') and chosen_start = ?""")
                .params(appointmentId, phone, ts(start)).query(Integer.class).single() > 0;
    }

    /** "1) Wed 9 Dec 09:00, 2) …" in the calendar's zone. */
    static String describe(List<FreeSlots.Slot> slots, Calendar calendar) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < slots.size(); i++) {
            parts.add((i + 1) + ") " + WHEN.format(slots.get(i).start().atZone(calendar.timeZone())));
        }
        return String.join(", ", parts);
    }

    private static String format(List<FreeSlots.Slot> slots) {
        return slots.stream().map(s -> s.start() + "/" + s.end()).collect(Collectors.joining(","));
    }

    private static Offer map(ResultSet rs, int n) throws SQLException {
        List<FreeSlots.Slot> slots = Arrays.stream(rs.getString("slots").split(",")).map(part -> {
            String[] times = part.split("/");
            return new FreeSlots.Slot(Instant.parse(times[0]), Instant.parse(times[1]));
        }).toList();
        return new Offer(rs.getString("id"), rs.getString("appointment_id"), rs.getString("phone"), slots, instant(rs, "expires_at"),
                rs.getString("state"));
    }
}
