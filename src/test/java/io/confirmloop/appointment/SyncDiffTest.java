package io.confirmloop.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import io.confirmloop.calendar.ProviderEvent;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** What one event, as it is now, means for its appointment, as it is now. */
class SyncDiffTest {

    private static final Instant NOW = Instant.parse("2026-12-01T15:00:00Z");
    private static final Instant START = Instant.parse("2026-12-02T15:00:00Z");
    private static final Instant END = START.plus(Duration.ofMinutes(30));
    private static final SyncDiff.Number JANE = new SyncDiff.Number("+12015550101", null, true);
    private static final SyncDiff.Number JOHN = new SyncDiff.Number("+12015550102", "john@example.com", true);

    private static ProviderEvent event(Instant start, String title) {
        return new ProviderEvent("ev-1", null, "1", title, "notes", "Room 1", start, start.plus(Duration.ofMinutes(30)),
                ZoneId.of("America/New_York"), true, true);
    }

    private static SyncDiff.EventFacts facts(ProviderEvent event, SyncDiff.Number... numbers) {
        return new SyncDiff.EventFacts(Optional.of(event), true, List.of(numbers));
    }

    private static Appointment appointment(AppointmentStatus status, Instant start) {
        return new Appointment("a-1", "cal-1", "ev-1", "Check-up", "notes", "Room 1", start, start.plus(Duration.ofMinutes(30)), status, 1,
                NOW, NOW);
    }

    private static Attendee attendee(SyncDiff.Number n, boolean removed) {
        return new Attendee("a-1", n.phone(), n.email(), n.canReceiveSms(), removed ? AttendeeStatus.CANCELLED : AttendeeStatus.REMINDED,
                false, removed, null, NOW);
    }

    private static Optional<SyncDiff.AppointmentFacts> current(Appointment appointment, Attendee... attendees) {
        return Optional.of(new SyncDiff.AppointmentFacts(appointment, List.of(attendees)));
    }

    @Nested
    class NoAppointmentYet {

        @Test
        void aFutureEventWithANumberBecomesAnAppointment() {
            SyncDiff.Change change = SyncDiff.of(facts(event(START, "Check-up"), JANE, JOHN), Optional.empty(), NOW);
            assertThat(change).isInstanceOfSatisfying(SyncDiff.Create.class, c -> assertThat(c.numbers()).containsExactly(JANE, JOHN));
        }

        @Test
        void anEventWithoutANumberIsNoAppointment() {
            assertThat(SyncDiff.of(facts(event(START, "Lunch")), Optional.empty(), NOW)).isInstanceOf(SyncDiff.None.class);
        }

        @Test
        void anEventThatStartedAlreadyIsNoAppointment() {
            assertThat(SyncDiff.of(facts(event(NOW.minusSeconds(60), "Check-up"), JANE), Optional.empty(), NOW))
                    .isInstanceOf(SyncDiff.None.class);
        }

        @Test
        void anEventTheOwnerDidNotOrganiseIsLeftOutWhenTheCalendarSaysSo() {
            SyncDiff.EventFacts invited = new SyncDiff.EventFacts(Optional.of(event(START, "Check-up")), false, List.of(JANE));
            assertThat(SyncDiff.of(invited, Optional.empty(), NOW)).isInstanceOf(SyncDiff.None.class);
        }

        @Test
        void aRemovedEventIsNothing() {
            assertThat(SyncDiff.of(SyncDiff.EventFacts.gone(), Optional.empty(), NOW)).isInstanceOf(SyncDiff.None.class);
        }
    }

    @Nested
    class ActiveAppointment {

        @Test
        void theSameEventChangesNothing() {
            SyncDiff.Change change = SyncDiff.of(facts(event(START, "Check-up"), JANE),
                    current(appointment(AppointmentStatus.ACTIVE, START), attendee(JANE, false)), NOW);
            assertThat(change).isInstanceOf(SyncDiff.None.class);
        }

        @Test
        void aMovedEventIsAMove() {
            SyncDiff.Change change = SyncDiff.of(facts(event(START.plus(Duration.ofHours(2)), "Check-up"), JANE),
                    current(appointment(AppointmentStatus.ACTIVE, START), attendee(JANE, false)), NOW);
            assertThat(change).isInstanceOfSatisfying(SyncDiff.Update.class, u -> {
                assertThat(u.moved()).isTrue();
                assertThat(u.textChanged()).isFalse();
                assertThat(u.attendees().setChanged()).isFalse();
            });
        }

        @Test
        void aNewTitleIsATextChangeOnly() {
            SyncDiff.Change change = SyncDiff.of(facts(event(START, "Check-up *court"), JANE),
                    current(appointment(AppointmentStatus.ACTIVE, START), attendee(JANE, false)), NOW);
            assertThat(change).isInstanceOfSatisfying(SyncDiff.Update.class, u -> {
                assertThat(u.moved()).isFalse();
                assertThat(u.textChanged()).isTrue();
            });
        }

        @Test
        void anAddedAndARemovedNumberChangeTheAttendeesOnly() {
            SyncDiff.Number ann = new SyncDiff.Number("+12015550103", null, true);
            SyncDiff.Change change = SyncDiff.of(facts(event(START, "Check-up"), JANE, ann),
                    current(appointment(AppointmentStatus.ACTIVE, START), attendee(JANE, false), attendee(JOHN, false)), NOW);
            assertThat(change).isInstanceOfSatisfying(SyncDiff.Update.class, u -> {
                assertThat(u.moved()).isFalse();
                assertThat(u.attendees().added()).containsExactly(ann);
                assertThat(u.attendees().removed()).containsExactly(JOHN.phone());
                assertThat(u.numbers()).containsExactly(JANE, ann);
            });
        }

        @Test
        void aNumberThatComesBackIsReadded() {
            SyncDiff.Change change = SyncDiff.of(facts(event(START, "Check-up"), JANE, JOHN),
                    current(appointment(AppointmentStatus.ACTIVE, START), attendee(JANE, false), attendee(JOHN, true)), NOW);
            assertThat(change).isInstanceOfSatisfying(SyncDiff.Update.class,
                    u -> assertThat(u.attendees().readded()).containsExactly(JOHN));
        }

        @Test
        void aNewEmailIsAContactChangeButNoChangeOfTheSet() {
            SyncDiff.Number janeWithMail = new SyncDiff.Number(JANE.phone(), "jane@example.com", true);
            SyncDiff.Change change = SyncDiff.of(facts(event(START, "Check-up"), janeWithMail),
                    current(appointment(AppointmentStatus.ACTIVE, START), attendee(JANE, false)), NOW);
            assertThat(change).isInstanceOfSatisfying(SyncDiff.Update.class, u -> {
                assertThat(u.attendees().setChanged()).isFalse();
                assertThat(u.attendees().contactChanged()).containsExactly(janeWithMail);
            });
        }

        @Test
        void aRemovedEventCancels() {
            assertThat(SyncDiff.of(SyncDiff.EventFacts.gone(), current(appointment(AppointmentStatus.ACTIVE, START), attendee(JANE, false)), NOW))
                    .isInstanceOfSatisfying(SyncDiff.Cancel.class, c -> assertThat(c.reason()).isEqualTo("Removed from the calendar"));
        }

        @Test
        void anEventThatLostItsNumbersCancels() {
            assertThat(SyncDiff.of(facts(event(START, "Check-up")), current(appointment(AppointmentStatus.ACTIVE, START)), NOW))
                    .isInstanceOfSatisfying(SyncDiff.Cancel.class,
                            c -> assertThat(c.reason()).isEqualTo("The event no longer carries a phone number"));
        }

        @Test
        void anAppointmentThatIsOverIsLeftAsItEnded() {
            Instant past = NOW.minus(Duration.ofHours(3));
            assertThat(SyncDiff.of(SyncDiff.EventFacts.gone(), current(appointment(AppointmentStatus.ACTIVE, past)), NOW))
                    .isInstanceOf(SyncDiff.None.class);
        }
    }

    @Nested
    class CancelledAppointment {

        @Test
        void anEventBackInTheCalendarReactivatesIt() {
            SyncDiff.Change change = SyncDiff.of(facts(event(START, "Check-up"), JANE),
                    current(appointment(AppointmentStatus.CANCELLED, START), attendee(JANE, false)), NOW);
            assertThat(change).isInstanceOf(SyncDiff.Reactivate.class);
        }

        @Test
        void aMoveThenARemovalNeverRevivesIt() {
            // the removal was taken in first; the move's item, taken in later, finds the event gone
            assertThat(SyncDiff.of(SyncDiff.EventFacts.gone(), current(appointment(AppointmentStatus.CANCELLED, START)), NOW))
                    .isInstanceOf(SyncDiff.None.class);
        }
    }
}
