package io.confirmloop.appointment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import io.confirmloop.appointment.ReminderPlanner.Rule;
import io.confirmloop.appointment.Reminder.State;
import io.confirmloop.calendar.Calendar;
import io.confirmloop.calendar.Provider;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@link ReminderPlanner#schedule}: exact due instants, the missed-reminder rule and quiet hours
 * (DESIGN.md §1.2). The rules are given directly; the DMN table is tested elsewhere.
 */
class ReminderPlannerTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final String PHONE = "+4915112345678";
    private static final String PASSED = "its moment had passed";
    private static final String TOO_CLOSE = "its moment had passed and the appointment is too close";
    private static final String NO_QUIET_MOMENT = "no moment outside quiet hours before the appointment";

    private static final Rule SMS_REQUEST_24H = new Rule(24, "SMS", "confirmation-request", true);
    private static final Rule SMS_REMINDER_2H = new Rule(2, "SMS", "reminder", false);
    private static final Rule SMS_REQUEST_48H = new Rule(48, "SMS", "confirmation-request", true);
    private static final Rule EMAIL_REMINDER_24H = new Rule(24, "EMAIL", "email-reminder", false);
    private static final Rule EMAIL_REMINDER_2H = new Rule(2, "EMAIL", "email-reminder", false);
    private static final List<Rule> DEFAULT_RULES = List.of(SMS_REQUEST_24H, SMS_REMINDER_2H);

    private final ReminderPlanner planner = new ReminderPlanner(null, ReminderSettings.defaults());

    private static Calendar calendar(ZoneId zone) {
        return new Calendar("cal-1", "group-1", "Front desk", "Sunrise Clinic", Provider.INTERNAL, zone, "DE", "desk@example.com", true,
                false, false, false, false, true, "default", null, null, null, Instant.parse("2026-01-01T00:00:00Z"));
    }

    private static Appointment appointment(Instant start) {
        return new Appointment("appt-1", "cal-1", "event-1", "Check-up", "Call +49 151 12345678", null, start, start.plus(Duration.ofHours(1)),
                AppointmentStatus.ACTIVE, 3, Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z"));
    }

    private static Instant local(String localDateTime, ZoneId zone) {
        LocalDateTime ldt = LocalDateTime.parse(localDateTime);
        assertThat(zone.getRules().getValidOffsets(ldt)).as("unambiguous local time %s in %s", localDateTime, zone).hasSize(1);
        return ZonedDateTime.ofStrict(ldt, zone.getRules().getOffset(ldt), zone).toInstant();
    }

    private List<Reminder> schedule(List<Rule> rules, ZoneId zone, Instant start, Instant now) {
        return planner.schedule(rules, calendar(zone), appointment(start), PHONE, now);
    }

    @Nested
    class AllInTheFuture {

        // 15:00 CEST = 13:00Z: neither reminder falls into quiet hours.
        private final Instant start = local("2026-06-10T15:00", BERLIN);

        @Test
        void defaultRulesPlanTwoRemindersAtExactInstants() {
            List<Reminder> plan = schedule(DEFAULT_RULES, BERLIN, start, Instant.parse("2026-06-01T10:00:00Z"));

            assertThat(plan).extracting(Reminder::dueAt, Reminder::template, Reminder::channel, Reminder::asksReply, Reminder::state,
                    Reminder::note).containsExactly(
                            tuple(Instant.parse("2026-06-09T13:00:00Z"), "confirmation-request", "SMS", true, State.PLANNED, null),
                            tuple(Instant.parse("2026-06-10T11:00:00Z"), "reminder", "SMS", false, State.PLANNED, null));
            assertThat(plan).allSatisfy(r -> {
                assertThat(r.appointmentId()).isEqualTo("appt-1");
                assertThat(r.phone()).isEqualTo(PHONE);
                assertThat(r.generation()).isEqualTo(3);
                assertThat(r.id()).isNotBlank();
            });
            assertThat(plan).extracting(Reminder::id).doesNotHaveDuplicates();
        }

        @Test
        void planIsSortedByDueTimeWhateverTheRuleOrder() {
            List<Reminder> plan = schedule(List.of(SMS_REMINDER_2H, SMS_REQUEST_24H), BERLIN, start, Instant.parse("2026-06-01T10:00:00Z"));

            assertThat(plan).extracting(Reminder::dueAt, Reminder::template).containsExactly(
                    tuple(Instant.parse("2026-06-09T13:00:00Z"), "confirmation-request"),
                    tuple(Instant.parse("2026-06-10T11:00:00Z"), "reminder"));
        }

        @Test
        void fractionalHoursAreExactMinutes() {
            List<Reminder> plan = schedule(List.of(new Rule(1.5, "SMS", "reminder", false)), BERLIN, start,
                    Instant.parse("2026-06-01T10:00:00Z"));

            assertThat(plan).extracting(Reminder::dueAt, Reminder::state)
                    .containsExactly(tuple(Instant.parse("2026-06-10T11:30:00Z"), State.PLANNED));
        }

        @Test
        void reminderDueExactlyNowIsPlannedNotMissed() {
            Instant now = Instant.parse("2026-06-10T11:00:00Z");
            List<Reminder> plan = schedule(List.of(SMS_REMINDER_2H), BERLIN, start, now);

            assertThat(plan).extracting(Reminder::dueAt, Reminder::state).containsExactly(tuple(now, State.PLANNED));
        }

        @Test
        void noRulesNoReminders() {
            assertThat(schedule(List.of(), BERLIN, start, Instant.parse("2026-06-01T10:00:00Z"))).isEmpty();
        }
    }

    @Nested
    class FoundLate {

        // 15:00 CEST = 13:00Z; every "now" below is daytime in Berlin.
        private final Instant start = local("2026-06-10T15:00", BERLIN);

        @Test
        void fiveHoursBeforeTheMissedRequestGoesOutAtOnceAndTheReminderIsPlanned() {
            Instant now = start.minus(Duration.ofHours(5)); // 08:00Z = 10:00 CEST
            List<Reminder> plan = schedule(DEFAULT_RULES, BERLIN, start, now);

            assertThat(plan).extracting(Reminder::dueAt, Reminder::template, Reminder::state, Reminder::note).containsExactly(
                    tuple(now, "confirmation-request", State.PLANNED, null),
                    tuple(Instant.parse("2026-06-10T11:00:00Z"), "reminder", State.PLANNED, null));
        }

        @Test
        void ninetyMinutesBeforeTheRequestGoesOutAtOnceAndThePassedReminderIsSkipped() {
            Instant now = start.minus(Duration.ofMinutes(90)); // 11:30Z
            List<Reminder> plan = schedule(DEFAULT_RULES, BERLIN, start, now);

            assertThat(plan).extracting(Reminder::dueAt, Reminder::template, Reminder::state, Reminder::note).containsExactly(
                    tuple(Instant.parse("2026-06-10T11:00:00Z"), "reminder", State.SKIPPED, PASSED),
                    tuple(now, "confirmation-request", State.PLANNED, null));
        }

        @Test
        void fortyFiveMinutesBeforeBothAreSkipped() {
            Instant now = start.minus(Duration.ofMinutes(45));
            List<Reminder> plan = schedule(DEFAULT_RULES, BERLIN, start, now);

            assertThat(plan).extracting(Reminder::dueAt, Reminder::template, Reminder::state, Reminder::note).containsExactly(
                    tuple(Instant.parse("2026-06-09T13:00:00Z"), "confirmation-request", State.SKIPPED, TOO_CLOSE),
                    tuple(Instant.parse("2026-06-10T11:00:00Z"), "reminder", State.SKIPPED, PASSED));
        }

        @Test
        void exactlyOneHourBeforeTheRequestStillGoesOut() {
            Instant now = start.minus(Duration.ofHours(1));
            List<Reminder> plan = schedule(List.of(SMS_REQUEST_24H), BERLIN, start, now);

            assertThat(plan).extracting(Reminder::dueAt, Reminder::state).containsExactly(tuple(now, State.PLANNED));
        }

        @Test
        void fiftyNineMinutesBeforeTheRequestIsTooClose() {
            Instant now = start.minus(Duration.ofMinutes(59));
            List<Reminder> plan = schedule(List.of(SMS_REQUEST_24H), BERLIN, start, now);

            assertThat(plan).extracting(Reminder::dueAt, Reminder::state, Reminder::note)
                    .containsExactly(tuple(Instant.parse("2026-06-09T13:00:00Z"), State.SKIPPED, TOO_CLOSE));
        }

        @Test
        void missedPlainRemindersAreNeverSentLate() {
            Instant now = start.minus(Duration.ofHours(5));
            List<Reminder> plan = schedule(List.of(new Rule(24, "SMS", "reminder", false), SMS_REMINDER_2H), BERLIN, start, now);

            assertThat(plan).extracting(Reminder::dueAt, Reminder::state, Reminder::note).containsExactly(
                    tuple(Instant.parse("2026-06-09T13:00:00Z"), State.SKIPPED, PASSED),
                    tuple(Instant.parse("2026-06-10T11:00:00Z"), State.PLANNED, null));
        }
    }

    @Nested
    class TwoMissedRequests {

        // 20:00 CEST = 18:00Z; found 10 h before = 08:00Z = 10:00 CEST.
        private final Instant start = local("2026-06-10T20:00", BERLIN);
        private final Instant now = start.minus(Duration.ofHours(10));

        @Test
        void onlyTheLatestIsSentAtOnce() {
            List<Reminder> plan = schedule(List.of(SMS_REQUEST_48H, SMS_REQUEST_24H, SMS_REMINDER_2H), BERLIN, start, now);

            assertThat(plan).extracting(Reminder::dueAt, Reminder::template, Reminder::asksReply, Reminder::state, Reminder::note)
                    .containsExactly(
                            tuple(Instant.parse("2026-06-08T18:00:00Z"), "confirmation-request", true, State.SKIPPED, PASSED),
                            tuple(now, "confirmation-request", true, State.PLANNED, null),
                            tuple(Instant.parse("2026-06-10T16:00:00Z"), "reminder", false, State.PLANNED, null));
        }

        @Test
        void onlyTheLatestIsSentAtOnceWhateverTheRuleOrder() {
            List<Reminder> plan = schedule(List.of(SMS_REMINDER_2H, SMS_REQUEST_24H, SMS_REQUEST_48H), BERLIN, start, now);

            assertThat(plan).extracting(Reminder::dueAt, Reminder::state, Reminder::note).containsExactly(
                    tuple(Instant.parse("2026-06-08T18:00:00Z"), State.SKIPPED, PASSED),
                    tuple(now, State.PLANNED, null),
                    tuple(Instant.parse("2026-06-10T16:00:00Z"), State.PLANNED, null));
        }

        @Test
        void aMissedRequestIsNotSentLateWhenALaterRequestIsStillToCome() {
            // Found 30 h before: the 48 h request has passed, the 24 h request is still ahead. The latest confirmation
            // request is the 24 h one, so the passed 48 h one is simply skipped (DESIGN.md §1.2) — the client must not
            // get two confirmation requests six hours apart.
            Instant foundAt = start.minus(Duration.ofHours(30)); // 2026-06-09T12:00Z = 14:00 CEST
            List<Reminder> plan = schedule(List.of(SMS_REQUEST_48H, SMS_REQUEST_24H), BERLIN, start, foundAt);

            assertThat(plan).extracting(Reminder::dueAt, Reminder::state, Reminder::note).containsExactly(
                    tuple(Instant.parse("2026-06-08T18:00:00Z"), State.SKIPPED, PASSED),
                    tuple(Instant.parse("2026-06-09T18:00:00Z"), State.PLANNED, null));
        }
    }

    @Nested
    class QuietHoursInThePlan {

        // 09:30 EDT = 13:30Z.
        private final Instant start = local("2026-06-10T09:30", NEW_YORK);
        private final Instant longBefore = Instant.parse("2026-06-01T12:00:00Z");

        @Test
        void smsDueAt0730MovesTo0800InTheCalendarZone() {
            List<Reminder> plan = schedule(DEFAULT_RULES, NEW_YORK, start, longBefore);

            // 24 h request at 09:30 EDT the day before is allowed; the 2 h reminder at 07:30 EDT moves to 08:00 EDT
            // (30 min away, before the appointment) rather than 20:59 the evening before (10 h 31 away).
            assertThat(plan).extracting(Reminder::dueAt, Reminder::template, Reminder::state).containsExactly(
                    tuple(Instant.parse("2026-06-09T13:30:00Z"), "confirmation-request", State.PLANNED),
                    tuple(Instant.parse("2026-06-10T12:00:00Z"), "reminder", State.PLANNED));
            assertThat(plan.get(1).dueAt().atZone(NEW_YORK).toLocalTime()).isEqualTo(LocalTime.of(8, 0));
        }

        @Test
        void emailRemindersAreNotMovedByQuietHours() {
            List<Reminder> plan = schedule(List.of(EMAIL_REMINDER_24H, EMAIL_REMINDER_2H), NEW_YORK, start, longBefore);

            assertThat(plan).extracting(Reminder::dueAt, Reminder::channel, Reminder::state).containsExactly(
                    tuple(Instant.parse("2026-06-09T13:30:00Z"), "EMAIL", State.PLANNED),
                    tuple(Instant.parse("2026-06-10T11:30:00Z"), "EMAIL", State.PLANNED));
            assertThat(plan.get(1).dueAt().atZone(NEW_YORK).toLocalTime()).isEqualTo(LocalTime.of(7, 30));
        }

        @Test
        void lateRequestFoundDuringQuietHoursWaitsForTheMorning() {
            // Found at 22:00 CEST, appointment 11:00 CEST next day: "at once" is quiet, 20:59 has passed → 08:00 CEST.
            Instant appointmentStart = local("2026-06-11T11:00", BERLIN);
            Instant now = local("2026-06-10T22:00", BERLIN);
            List<Reminder> plan = schedule(DEFAULT_RULES, BERLIN, appointmentStart, now);

            assertThat(plan).extracting(Reminder::dueAt, Reminder::template, Reminder::state).containsExactly(
                    tuple(local("2026-06-11T08:00", BERLIN), "confirmation-request", State.PLANNED),
                    tuple(local("2026-06-11T09:00", BERLIN), "reminder", State.PLANNED));
        }

        @Test
        void textsWithNoAllowedMomentAreSkipped() {
            // Found at 22:00 CEST, appointment 07:30 CEST next day: 20:59 has passed and 08:00 is after the start.
            Instant appointmentStart = local("2026-06-11T07:30", BERLIN);
            Instant now = local("2026-06-10T22:00", BERLIN);
            List<Reminder> plan = schedule(DEFAULT_RULES, BERLIN, appointmentStart, now);

            assertThat(plan).extracting(Reminder::dueAt, Reminder::template, Reminder::state, Reminder::note).containsExactly(
                    tuple(local("2026-06-10T07:30", BERLIN), "confirmation-request", State.SKIPPED, NO_QUIET_MOMENT),
                    tuple(local("2026-06-11T05:30", BERLIN), "reminder", State.SKIPPED, NO_QUIET_MOMENT));
        }
    }

    @Nested
    class DaylightSaving {

        private final Instant longBefore = Instant.parse("2026-03-01T00:00:00Z");

        @Test
        void mondayAfterSpringForwardKeepsExactDurations() {
            // Monday 2026-03-30 09:00 CEST = 07:00Z. Clocks went forward on Sunday at 02:00 CET, before Sunday 09:00,
            // so 24 h earlier is Sunday 07:00Z = 09:00 CEST. The 2 h reminder (07:00 CEST) is quiet → 08:00 CEST = 06:00Z.
            Instant start = local("2026-03-30T09:00", BERLIN);
            assertThat(start).isEqualTo(Instant.parse("2026-03-30T07:00:00Z"));
            List<Reminder> plan = schedule(DEFAULT_RULES, BERLIN, start, longBefore);

            assertThat(plan).extracting(Reminder::dueAt, Reminder::state).containsExactly(
                    tuple(Instant.parse("2026-03-29T07:00:00Z"), State.PLANNED),
                    tuple(Instant.parse("2026-03-30T06:00:00Z"), State.PLANNED));
            assertThat(Duration.between(plan.get(0).dueAt(), start)).isEqualTo(Duration.ofHours(24));
            assertThat(plan.get(0).dueAt().atZone(BERLIN).toLocalTime()).isEqualTo(LocalTime.of(9, 0));
        }

        @Test
        void twentyFourHoursAcrossSpringForwardIsOneHourEarlierOnTheWallClock() {
            // Sunday 2026-03-29 09:00 CEST = 07:00Z; exactly 24 h earlier is Saturday 07:00Z = 08:00 CET.
            Instant start = local("2026-03-29T09:00", BERLIN);
            List<Reminder> plan = schedule(List.of(SMS_REQUEST_24H), BERLIN, start, longBefore);

            assertThat(plan).extracting(Reminder::dueAt, Reminder::state)
                    .containsExactly(tuple(Instant.parse("2026-03-28T07:00:00Z"), State.PLANNED));
            assertThat(plan.get(0).dueAt()).isEqualTo(start.minus(Duration.ofHours(24)));
            assertThat(plan.get(0).dueAt().atZone(BERLIN).toLocalDateTime()).isEqualTo(LocalDateTime.parse("2026-03-28T08:00"));
        }

        @Test
        void twentyFourHoursAcrossFallBackIsOneHourLaterOnTheWallClock() {
            // Sunday 2026-10-25 09:00 CET = 08:00Z; exactly 24 h earlier is Saturday 08:00Z = 10:00 CEST.
            Instant start = local("2026-10-25T09:00", BERLIN);
            List<Reminder> plan = schedule(List.of(SMS_REQUEST_24H), BERLIN, start, Instant.parse("2026-10-01T00:00:00Z"));

            assertThat(plan).extracting(Reminder::dueAt, Reminder::state)
                    .containsExactly(tuple(Instant.parse("2026-10-24T08:00:00Z"), State.PLANNED));
            assertThat(plan.get(0).dueAt().atZone(BERLIN).toLocalDateTime()).isEqualTo(LocalDateTime.parse("2026-10-24T10:00"));
        }

        @Test
        void newYorkSpringForward() {
            // Sunday 2026-03-08 10:00 EDT = 14:00Z; 24 h earlier = Saturday 14:00Z = 09:00 EST.
            // 2 h reminder: 12:00Z = 08:00 EDT, allowed.
            Instant start = local("2026-03-08T10:00", NEW_YORK);
            List<Reminder> plan = schedule(DEFAULT_RULES, NEW_YORK, start, Instant.parse("2026-03-01T00:00:00Z"));

            assertThat(plan).extracting(Reminder::dueAt, Reminder::state).containsExactly(
                    tuple(Instant.parse("2026-03-07T14:00:00Z"), State.PLANNED),
                    tuple(Instant.parse("2026-03-08T12:00:00Z"), State.PLANNED));
            assertThat(plan.get(0).dueAt().atZone(NEW_YORK).toLocalTime()).isEqualTo(LocalTime.of(9, 0));
        }
    }

    @Nested
    class OneTextAtATime {

        @Test
        void aReminderDueTogetherWithALateRequestIsLeftOut() {
            // Found at 13:00 CEST for 15:00: the 24 h request is late and goes at once; the 2 h reminder is due now too.
            Instant start = local("2026-06-10T15:00", BERLIN);
            List<Reminder> plan = schedule(DEFAULT_RULES, BERLIN, start, local("2026-06-10T13:00", BERLIN));

            assertThat(plan).filteredOn(r -> r.state() == State.PLANNED).extracting(Reminder::template).containsExactly("confirmation-request");
            assertThat(plan).filteredOn(r -> r.template().equals("reminder")).singleElement()
                    .satisfies(r -> assertThat(r.note()).isEqualTo("a confirmation request went out just before"));
        }
    }

    @Nested
    class Circumstances {

        // Wednesday 10 June 2026, 15:00 in Berlin
        private final Instant start = local("2026-06-10T15:00", BERLIN);

        private List<Reminder> plan(Instant now, ReminderPlanner.Circumstances circumstances) {
            return planner.schedule(DEFAULT_RULES, calendar(BERLIN), appointment(start), PHONE, now, circumstances);
        }

        @Test
        void aMoveAnnouncesTheNewTimeAtOnceInsteadOfAnyConfirmationRequest() {
            Instant now = local("2026-06-09T10:00", BERLIN);

            List<Reminder> plan = plan(now, new ReminderPlanner.Circumstances(false, true));

            assertThat(plan).filteredOn(r -> r.state() == State.PLANNED).extracting(Reminder::template, Reminder::dueAt, Reminder::asksReply)
                    .containsExactly(tuple("new-time", now, true), tuple("reminder", start.minus(Duration.ofHours(2)), false));
            assertThat(plan).filteredOn(r -> r.template().equals("confirmation-request"))
                    .allSatisfy(r -> assertThat(r.state()).isEqualTo(State.SKIPPED));
        }

        @Test
        void aMoveAtNightAnnouncesTheNewTimeWhenQuietHoursEnd() {
            Instant now = local("2026-06-09T23:00", BERLIN);

            List<Reminder> plan = plan(now, new ReminderPlanner.Circumstances(false, true));

            assertThat(plan).filteredOn(r -> r.template().equals("new-time")).singleElement().satisfies(r -> {
                assertThat(r.dueAt()).isEqualTo(local("2026-06-10T08:00", BERLIN));
                assertThat(r.note()).isEqualTo(Reminder.QUIET_HOURS);
                assertThat(r.kind()).isEqualTo("New time");
            });
        }

        @Test
        void aPendingRequestIsNotSentAgainWhenTheRequestIsMissedInANewPlan() {
            Instant now = local("2026-06-09T20:00", BERLIN);

            List<Reminder> plan = plan(now, new ReminderPlanner.Circumstances(true, false));

            assertThat(plan).filteredOn(r -> r.template().equals("confirmation-request")).singleElement().satisfies(r -> {
                assertThat(r.state()).isEqualTo(State.SKIPPED);
                assertThat(r.note()).isEqualTo("a request is already waiting for an answer");
            });
        }
    }
}
