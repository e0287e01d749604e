package io.confirmloop.booking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

class FreeSlotsTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final String TYPE = "client-hours";

    private static Availability.Window window(DayOfWeek day, String from, String to) {
        return new Availability.Window(TYPE, day, LocalTime.parse(from), LocalTime.parse(to));
    }

    private static List<String> starts(List<FreeSlots.Slot> slots) {
        return slots.stream().map(s -> s.start().atZone(NEW_YORK).toLocalDateTime().toString()).toList();
    }

    private static List<FreeSlots.Slot> slotsOn(Availability availability, LocalDate day, Duration duration, FreeSlots.Interval... busy) {
        Instant from = day.atStartOfDay(NEW_YORK).toInstant();
        return FreeSlots.compute(availability, NEW_YORK, duration, from, day.plusDays(1).atStartOfDay(NEW_YORK).toInstant(), List.of(busy));
    }

    @Test
    void windowsAreCutOnTheDurationGridAndBusyTimeBlocks() {
        LocalDate tuesday = LocalDate.of(2026, 12, 8);
        Availability availability = new Availability(List.of(window(DayOfWeek.TUESDAY, "09:00", "11:00")), List.of());
        Instant busyStart = tuesday.atTime(9, 40).atZone(NEW_YORK).toInstant();

        List<FreeSlots.Slot> slots = slotsOn(availability, tuesday, Duration.ofMinutes(30),
                new FreeSlots.Interval(busyStart, busyStart.plus(Duration.ofMinutes(15))));

        assertThat(starts(slots)).containsExactly("2026-12-08T09:00", "2026-12-08T10:00", "2026-12-08T10:30");
        assertThat(slots.get(0).end()).isEqualTo(slots.get(0).start().plus(Duration.ofMinutes(30)));
    }

    @Test
    void aSlotMustFitTheWindowWhole() {
        LocalDate tuesday = LocalDate.of(2026, 12, 8);
        Availability availability = new Availability(List.of(window(DayOfWeek.TUESDAY, "09:00", "10:40")), List.of());

        assertThat(starts(slotsOn(availability, tuesday, Duration.ofMinutes(45), new FreeSlots.Interval[0])))
                .containsExactly("2026-12-08T09:00", "2026-12-08T09:45");
    }

    @Test
    void exceptionsTakeADayOrHoursOffAndAddExtraHours() {
        LocalDate christmasEve = LocalDate.of(2026, 12, 24); // a Thursday
        LocalDate saturday = LocalDate.of(2026, 12, 26);
        LocalDate monday = LocalDate.of(2026, 12, 28);
        Availability availability = new Availability(
                List.of(window(DayOfWeek.THURSDAY, "09:00", "12:00"), window(DayOfWeek.MONDAY, "09:00", "11:00")),
                List.of(new Availability.Exception(null, christmasEve, null, null, false),
                        new Availability.Exception(TYPE, saturday, LocalTime.parse("10:00"), LocalTime.parse("11:00"), true),
                        new Availability.Exception(TYPE, monday, LocalTime.parse("09:30"), LocalTime.parse("10:30"), false)));

        assertThat(slotsOn(availability, christmasEve, Duration.ofMinutes(30))).isEmpty();
        assertThat(starts(slotsOn(availability, saturday, Duration.ofMinutes(30)))).containsExactly("2026-12-26T10:00", "2026-12-26T10:30");
        assertThat(starts(slotsOn(availability, monday, Duration.ofMinutes(30)))).containsExactly("2026-12-28T09:00", "2026-12-28T10:30");
    }

    @Test
    void theHourSkippedInSpringHasNoSlotsAndEverySlotLastsTheDuration() {
        LocalDate springForward = LocalDate.of(2027, 3, 14); // a Sunday: 02:00 jumps to 03:00
        Availability availability = new Availability(List.of(window(DayOfWeek.SUNDAY, "01:00", "04:00")), List.of());

        List<FreeSlots.Slot> slots = slotsOn(availability, springForward, Duration.ofMinutes(60));

        assertThat(starts(slots)).containsExactly("2027-03-14T01:00", "2027-03-14T03:00");
        assertThat(slots).allSatisfy(s -> assertThat(Duration.between(s.start(), s.end())).isEqualTo(Duration.ofHours(1)));
    }

    @Test
    void theHourRepeatedInAutumnIsOfferedOnce() {
        LocalDate fallBack = LocalDate.of(2026, 11, 1); // a Sunday: 01:00–02:00 happens twice
        Availability availability = new Availability(List.of(window(DayOfWeek.SUNDAY, "00:00", "03:00")), List.of());

        List<FreeSlots.Slot> slots = slotsOn(availability, fallBack, Duration.ofMinutes(60));

        assertThat(starts(slots)).containsExactly("2026-11-01T00:00", "2026-11-01T01:00", "2026-11-01T02:00");
        assertThat(slots.get(1).start()).isEqualTo(Instant.parse("2026-11-01T05:00:00Z")); // the first 01:00 (EDT)
        assertThat(slots.get(2).start()).isEqualTo(Instant.parse("2026-11-01T07:00:00Z")); // 02:00 EST
    }

    @Test
    void aWindowToMidnightRunsToTheEndOfTheDayAndSlotsBeforeFromAreLeftOut() {
        LocalDate tuesday = LocalDate.of(2026, 12, 8);
        Availability availability = new Availability(List.of(window(DayOfWeek.TUESDAY, "22:00", "00:00")), List.of());
        Instant from = tuesday.atTime(22, 30).atZone(NEW_YORK).toInstant();

        List<FreeSlots.Slot> slots = FreeSlots.compute(availability, NEW_YORK, Duration.ofMinutes(30), from,
                tuesday.plusDays(1).atStartOfDay(NEW_YORK).toInstant(), List.of());

        assertThat(starts(slots)).containsExactly("2026-12-08T22:30", "2026-12-08T23:00", "2026-12-08T23:30");
    }
}
