package io.confirmloop.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Quiet hours 21:00–08:00 (DESIGN.md §1.2): no SMS then; a text due then moves to the nearest
 * allowed moment that is not in the past and still before the appointment.
 */
class QuietHoursTest {

    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private final QuietHours quietHours = new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0));

    /** A wall-clock moment in a zone (fails for local times that do not exist or are ambiguous there). */
    private static Instant local(String localDateTime, ZoneId zone) {
        LocalDateTime ldt = LocalDateTime.parse(localDateTime);
        assertThat(zone.getRules().getValidOffsets(ldt)).as("unambiguous local time %s in %s", localDateTime, zone).hasSize(1);
        return ZonedDateTime.ofStrict(ldt, zone.getRules().getOffset(ldt), zone).toInstant();
    }

    private static Instant utc(String instant) {
        return Instant.parse(instant);
    }

    @Nested
    class IsQuiet {

        @Test
        void boundariesAreStartInclusiveAndEndExclusive() {
            assertThat(quietHours.isQuiet(local("2026-06-10T20:59:59", UTC), UTC)).isFalse();
            assertThat(quietHours.isQuiet(local("2026-06-10T21:00", UTC), UTC)).isTrue();
            assertThat(quietHours.isQuiet(local("2026-06-10T23:59", UTC), UTC)).isTrue();
            assertThat(quietHours.isQuiet(local("2026-06-11T00:00", UTC), UTC)).isTrue();
            assertThat(quietHours.isQuiet(local("2026-06-11T07:59:59", UTC), UTC)).isTrue();
            assertThat(quietHours.isQuiet(local("2026-06-11T08:00", UTC), UTC)).isFalse();
            assertThat(quietHours.isQuiet(local("2026-06-11T12:00", UTC), UTC)).isFalse();
        }

        @Test
        void isJudgedInTheGivenZone() {
            // 02:00 UTC is 22:00 the evening before in New York (EDT, UTC-4) and 04:00 in Berlin (CEST): both quiet.
            Instant at = utc("2026-06-11T02:00:00Z");
            assertThat(quietHours.isQuiet(at, NEW_YORK)).isTrue();
            assertThat(quietHours.isQuiet(at, BERLIN)).isTrue();
            // 13:00 UTC is 09:00 in New York and 15:00 in Berlin: both allowed, although 13:00 is allowed in UTC too.
            assertThat(quietHours.isQuiet(utc("2026-06-11T13:00:00Z"), NEW_YORK)).isFalse();
            // 06:30 UTC is 08:30 in Berlin (allowed) but 02:30 in New York (quiet).
            assertThat(quietHours.isQuiet(utc("2026-06-11T06:30:00Z"), BERLIN)).isFalse();
            assertThat(quietHours.isQuiet(utc("2026-06-11T06:30:00Z"), NEW_YORK)).isTrue();
        }
    }

    @Nested
    class Adjust {

        private final Instant longAgo = utc("2026-06-01T00:00:00Z");

        @Test
        void dueBeforeQuietHoursIsUnchanged() {
            Instant due = local("2026-06-10T20:59", UTC);
            assertThat(quietHours.adjust(due, local("2026-06-11T10:00", UTC), longAgo, UTC)).contains(due);
        }

        @Test
        void dueAtTheEndOfQuietHoursIsUnchanged() {
            Instant due = local("2026-06-11T08:00", UTC);
            assertThat(quietHours.adjust(due, local("2026-06-11T10:00", UTC), longAgo, UTC)).contains(due);
        }

        @Test
        void dueAt2200MovesBackToTheLastMinuteBeforeQuietHoursThatEvening() {
            // 20:59 is 1 h 01 before 22:00; 08:00 next morning is 10 h after.
            Optional<Instant> moved = quietHours.adjust(local("2026-06-10T22:00", UTC), local("2026-06-11T10:00", UTC), longAgo, UTC);
            assertThat(moved).contains(local("2026-06-10T20:59", UTC));
        }

        @Test
        void dueAtTheStartOfQuietHoursMovesOneMinuteBack() {
            Optional<Instant> moved = quietHours.adjust(local("2026-06-10T21:00", UTC), local("2026-06-11T10:00", UTC), longAgo, UTC);
            assertThat(moved).contains(local("2026-06-10T20:59", UTC));
        }

        @Test
        void dueAt0200MovesToThePreviousEveningWhichIsNearer() {
            // 20:59 the evening before is 5 h 01 away; 08:00 is 6 h away.
            Optional<Instant> moved = quietHours.adjust(local("2026-06-11T02:00", UTC), local("2026-06-11T10:00", UTC), longAgo, UTC);
            assertThat(moved).contains(local("2026-06-10T20:59", UTC));
        }

        @Test
        void dueAt0300MovesToTheMorningWhichIsNearer() {
            // 20:59 the evening before is 6 h 01 away; 08:00 is 5 h away.
            Optional<Instant> moved = quietHours.adjust(local("2026-06-11T03:00", UTC), local("2026-06-11T10:00", UTC), longAgo, UTC);
            assertThat(moved).contains(local("2026-06-11T08:00", UTC));
        }

        @Test
        void dueAt0700WithAppointmentAt0900MovesTo0800() {
            // 08:00 is 1 h away and before the appointment; 20:59 the evening before is 10 h 01 away.
            Optional<Instant> moved = quietHours.adjust(local("2026-06-11T07:00", UTC), local("2026-06-11T09:00", UTC), longAgo, UTC);
            assertThat(moved).contains(local("2026-06-11T08:00", UTC));
        }

        @Test
        void morningCandidateMustBeStrictlyBeforeTheAppointment() {
            // Appointment at 08:00 sharp: the end of quiet hours is not before it, so the text goes out the evening before.
            Optional<Instant> moved = quietHours.adjust(local("2026-06-11T06:00", UTC), local("2026-06-11T08:00", UTC), longAgo, UTC);
            assertThat(moved).contains(local("2026-06-10T20:59", UTC));
        }

        @Test
        void morningCandidateAfterTheAppointmentLeavesTheEveningEvenIfFarther() {
            // Due 07:00, appointment 07:30: 08:00 is after the appointment, so 20:59 the evening before (10 h 01 away) is used.
            Optional<Instant> moved = quietHours.adjust(local("2026-06-11T07:00", UTC), local("2026-06-11T07:30", UTC), longAgo, UTC);
            assertThat(moved).contains(local("2026-06-10T20:59", UTC));
        }

        @Test
        void noAllowedMomentGivesEmpty() {
            // Appointment 07:30, due 05:30, now 22:00 the evening before: 20:59 has passed, 08:00 is after the appointment.
            Optional<Instant> moved = quietHours.adjust(local("2026-06-11T05:30", UTC), local("2026-06-11T07:30", UTC),
                    local("2026-06-10T22:00", UTC), UTC);
            assertThat(moved).isEmpty();
        }

        @Test
        void earlierCandidateInThePastGivesTheLaterOne() {
            // Due 22:00 would move to 20:59, but it is already 21:30: 08:00 next morning instead.
            Optional<Instant> moved = quietHours.adjust(local("2026-06-10T22:00", UTC), local("2026-06-11T10:00", UTC),
                    local("2026-06-10T21:30", UTC), UTC);
            assertThat(moved).contains(local("2026-06-11T08:00", UTC));
        }

        @Test
        void earlierCandidateExactlyNowIsStillAllowed() {
            Instant now = local("2026-06-10T20:59", UTC);
            Optional<Instant> moved = quietHours.adjust(local("2026-06-10T22:00", UTC), local("2026-06-11T10:00", UTC), now, UTC);
            assertThat(moved).contains(now);
        }

        @Test
        void quietHoursAreReadInTheCalendarZone() {
            // 2026-06-11T02:00Z is 22:00 EDT on 10 June in New York → 20:59 EDT = 00:59Z.
            Optional<Instant> moved = quietHours.adjust(utc("2026-06-11T02:00:00Z"), local("2026-06-11T10:00", NEW_YORK), longAgo,
                    NEW_YORK);
            assertThat(moved).contains(utc("2026-06-11T00:59:00Z"));
            // The same instant is 04:00 CEST in Berlin → 08:00 CEST = 06:00Z (4 h) beats 20:59 CEST = 18:59Z (7 h 01).
            Optional<Instant> inBerlin = quietHours.adjust(utc("2026-06-11T02:00:00Z"), local("2026-06-11T10:00", BERLIN), longAgo,
                    BERLIN);
            assertThat(inBerlin).contains(utc("2026-06-11T06:00:00Z"));
        }
    }

    /** Nights on which the clocks change: the candidates are wall-clock 20:59 and 08:00, distances are real time. */
    @Nested
    class DaylightSaving {

        private final Instant longAgo = utc("2026-01-01T00:00:00Z");

        @Test
        void berlinSpringForwardNightMovesToEightOClockSummerTime() {
            // 2026-03-29: 02:00 CET → 03:00 CEST (at 01:00Z). Due 01:30Z = 03:30 CEST.
            // 20:59 CET on the 28th = 19:59Z (5 h 31 before), 08:00 CEST = 06:00Z (4 h 30 after).
            Instant due = utc("2026-03-29T01:30:00Z");
            assertThat(quietHours.isQuiet(due, BERLIN)).isTrue();
            Optional<Instant> moved = quietHours.adjust(due, local("2026-03-29T10:00", BERLIN), longAgo, BERLIN);
            assertThat(moved).contains(utc("2026-03-29T06:00:00Z"));
            assertThat(moved.orElseThrow().atZone(BERLIN).toLocalTime()).isEqualTo(LocalTime.of(8, 0));
        }

        @Test
        void berlinSpringForwardNightMovesBackToWinterTimeEvening() {
            // Due 00:30Z = 01:30 CET (before the change): 20:59 CET on the 28th = 19:59Z is 4 h 31 before, 06:00Z is 5 h 30 after.
            Optional<Instant> moved = quietHours.adjust(utc("2026-03-29T00:30:00Z"), local("2026-03-29T10:00", BERLIN), longAgo, BERLIN);
            assertThat(moved).contains(utc("2026-03-28T19:59:00Z"));
            assertThat(moved.orElseThrow().atZone(BERLIN).toLocalTime()).isEqualTo(LocalTime.of(20, 59));
        }

        @Test
        void berlinFallBackNightMeasuresRealTimeNotWallClock() {
            // 2026-10-25: 03:00 CEST → 02:00 CET (at 01:00Z). Due 01:10Z = 02:10 CET (second 02:10 of the night).
            // 20:59 CEST on the 24th = 18:59Z is 6 h 11 before (only 5 h 11 on the wall clock);
            // 08:00 CET = 07:00Z is 5 h 50 after → the morning is nearer in real time.
            Instant due = utc("2026-10-25T01:10:00Z");
            Optional<Instant> moved = quietHours.adjust(due, local("2026-10-25T10:00", BERLIN), longAgo, BERLIN);
            assertThat(moved).contains(utc("2026-10-25T07:00:00Z"));
            assertThat(moved.orElseThrow().atZone(BERLIN).toLocalTime()).isEqualTo(LocalTime.of(8, 0));
        }

        @Test
        void berlinFallBackNightEveningCandidateUsesSummerTimeOffset() {
            // Due 00:30Z = 02:30 CEST (first 02:30 of the night): 18:59Z is 5 h 31 before, 07:00Z is 6 h 30 after.
            Optional<Instant> moved = quietHours.adjust(utc("2026-10-25T00:30:00Z"), local("2026-10-25T10:00", BERLIN), longAgo, BERLIN);
            assertThat(moved).contains(utc("2026-10-24T18:59:00Z"));
            assertThat(moved.orElseThrow().atZone(BERLIN).toLocalTime()).isEqualTo(LocalTime.of(20, 59));
        }

        @Test
        void newYorkSpringForwardNight() {
            // 2026-03-08: 02:00 EST → 03:00 EDT (at 07:00Z).
            // Due 08:00Z = 04:00 EDT: 20:59 EST on the 7th = 01:59Z (6 h 01 before), 08:00 EDT = 12:00Z (4 h after).
            Instant appointment = local("2026-03-08T10:00", NEW_YORK);
            assertThat(quietHours.adjust(utc("2026-03-08T08:00:00Z"), appointment, longAgo, NEW_YORK))
                    .contains(utc("2026-03-08T12:00:00Z"));
            // Due 03:00Z = 22:00 EST on the 7th: 01:59Z is 1 h 01 before.
            assertThat(quietHours.adjust(utc("2026-03-08T03:00:00Z"), appointment, longAgo, NEW_YORK))
                    .contains(utc("2026-03-08T01:59:00Z"));
        }

        @Test
        void newYorkFallBackNightMeasuresRealTimeNotWallClock() {
            // 2026-11-01: 02:00 EDT → 01:00 EST (at 06:00Z). Due 07:10Z = 02:10 EST.
            // 20:59 EDT on Oct 31 = 00:59Z is 6 h 11 before (5 h 11 on the wall clock);
            // 08:00 EST = 13:00Z is 5 h 50 after → the morning.
            Instant appointment = local("2026-11-01T10:00", NEW_YORK);
            assertThat(quietHours.adjust(utc("2026-11-01T07:10:00Z"), appointment, longAgo, NEW_YORK))
                    .contains(utc("2026-11-01T13:00:00Z"));
            // Due 06:30Z = 01:30 EST (the second 01:30): 00:59Z is 5 h 31 before, 13:00Z is 6 h 30 after → the evening.
            assertThat(quietHours.adjust(utc("2026-11-01T06:30:00Z"), appointment, longAgo, NEW_YORK))
                    .contains(utc("2026-11-01T00:59:00Z"));
        }
    }
}
