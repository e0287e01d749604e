package io.confirmloop.booking;

import static io.confirmloop.system.Jdbc.instant;
import static io.confirmloop.system.Jdbc.ts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.confirmloop.calendar.Calendar;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The free slots of a worker (a calendar's owner): the windows of the account's client-facing
 * type, minus the busy time of this calendar and of every calendar of the same account marked
 * "use for availability" (events with Free status do not block, unless the calendar treats every
 * event as busy), which includes the appointments already booked, and minus the slots clients
 * chose by text whose move the calendar has not made yet.
 */
@Component
public class SlotFinder {

    private final AvailabilityRepository availability;
    private final JdbcClient jdbc;

    SlotFinder(AvailabilityRepository availability, JdbcClient jdbc) {
        this.availability = availability;
        this.jdbc = jdbc;
    }

    public BookingSettings settings(Calendar calendar) {
        return availability.settings(calendar.ownerGroup());
    }

    /**
     * @param excludeEventId an event of this calendar that does not block (the appointment being moved), or null
     */
    public List<FreeSlots.Slot> free(Calendar calendar, Duration duration, Instant from, Instant to, String excludeEventId) {
        Optional<AvailabilityType> type = availability.clientFacingType(calendar.ownerGroup());
        if (type.isEmpty()) {
            return List.of();
        }
        Availability windows = availability.availability(calendar.id()).ofType(type.get().id());
        // busy time reaching into the window: a slot may start at `to` minus a moment and last the duration
        List<FreeSlots.Interval> busy = busy(calendar, from, to.plus(duration), excludeEventId);
        return FreeSlots.compute(windows, calendar.timeZone(), duration, from, to, busy);
    }

    /** True when [start, start + duration) is one of the free slots. */
    public boolean isFree(Calendar calendar, Duration duration, Instant start, String excludeEventId) {
        return free(calendar, duration, start, start.plusSeconds(1), excludeEventId).stream().anyMatch(s -> s.start().equals(start));
    }

    /** True when nothing that blocks booking (see {@link #free}) lies in [from, to), the event {@code excludeEventId} aside. */
    public boolean nothingBusy(Calendar calendar, Instant from, Instant to, String excludeEventId) {
        return busy(calendar, from, to, excludeEventId).isEmpty();
    }

    /** True when [start, start + duration) is a slot of the windows, taken or not. */
    public boolean isSlot(Calendar calendar, Duration duration, Instant start) {
        Optional<AvailabilityType> type = availability.clientFacingType(calendar.ownerGroup());
        return type.isPresent() && FreeSlots.compute(availability.availability(calendar.id()).ofType(type.get().id()), calendar.timeZone(),
                duration, start, start.plusSeconds(1), List.of()).stream().anyMatch(s -> s.start().equals(start));
    }

    private List<FreeSlots.Interval> busy(Calendar calendar, Instant from, Instant to, String excludeEventId) {
        return jdbc.sql("""
                select e.start_at, e.end_at from calendar_event e join calendar c on c.id = e.calendar_id
                where (c.id = :calendar or (c.owner_group = :group and c.use_for_availability = true))
                  and e.deleted = false and (e.busy = true or c.all_events_busy = true)
                  and e.start_at < :to and e.end_at > :from
                  and not (e.calendar_id = :calendar and e.event_id = :exclude)
                union all
                select o.chosen_start, o.chosen_end from slot_offer o join appointment a on a.id = o.appointment_id
                  join calendar c on c.id = a.calendar_id
                where o.state = 'MOVING' and (c.id = :calendar or (c.owner_group = :group and c.use_for_availability = true))
                  and o.chosen_start < :to and o.chosen_end > :from""")
                .param("calendar", calendar.id()).param("group", calendar.ownerGroup()).param("from", ts(from)).param("to", ts(to))
                .param("exclude", excludeEventId == null ? "" : excludeEventId)
                .query((rs, n) -> new FreeSlots.Interval(instant(rs, "start_at"), instant(rs, "end_at"))).list();
    }
}
