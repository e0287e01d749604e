package io.confirmloop.booking;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;
import java.util.stream.Stream;

import io.confirmloop.calendar.CalendarEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The demo account's hours on the embedded default: when it has no availability type yet, a
 * client-facing "Client hours" (green) with Monday–Friday 09:00–17:00 on the demo calendar, so the
 * booking page offers slots on a first run.
 */
@Component
class DemoAvailability {

    private static final Logger log = LoggerFactory.getLogger(DemoAvailability.class);

    private final AvailabilityRepository repository;
    private final AvailabilityTypes types;

    DemoAvailability(AvailabilityRepository repository, AvailabilityTypes types) {
        this.repository = repository;
        this.types = types;
    }

    @EventListener
    @Transactional
    void demoCalendarReady(CalendarEvents.DemoCalendarReady ready) {
        if (!repository.types(ready.ownerGroup()).isEmpty()) {
            return;
        }
        String typeId = types.clientFacing(ready.ownerGroup()).id();
        List<Availability.Window> weekdays = Stream.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY).map(day -> new Availability.Window(typeId, day, LocalTime.of(9, 0), LocalTime.of(17, 0))).toList();
        repository.replaceAvailability(ready.calendarId(), new Availability(weekdays, List.of()));
        log.info("Gave the demo calendar client hours: Monday to Friday 09:00-17:00");
    }
}
