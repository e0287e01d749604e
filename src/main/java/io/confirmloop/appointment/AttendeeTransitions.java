package io.confirmloop.appointment;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import io.confirmloop.system.AppClock;
import org.springframework.stereotype.Component;

/**
 * Every change of an attendee's status, as a named transition with the statuses it may start
 * from. A transition that does not apply (e.g. a confirmation of a declined attendee) changes
 * nothing and says so.
 */
@Component
class AttendeeTransitions {

    /** The transitions, with where they may start and where they lead. */
    enum Transition {
        /** A reminder went out. */
        REMINDED(EnumSet.of(AttendeeStatus.PENDING), AttendeeStatus.REMINDED),
        /** A confirmation request (or the new time with one) went out: an answer is awaited. */
        ASKED_TO_CONFIRM(EnumSet.of(AttendeeStatus.PENDING, AttendeeStatus.REMINDED, AttendeeStatus.CONFIRMED), AttendeeStatus.REMINDED),
        /** The appointment moved: a confirmation of the old time no longer counts. */
        AWAITING_NEW_TIME(EnumSet.of(AttendeeStatus.REMINDED, AttendeeStatus.CONFIRMED, AttendeeStatus.NO_RESPONSE), AttendeeStatus.PENDING),
        CONFIRMED(EnumSet.of(AttendeeStatus.PENDING, AttendeeStatus.REMINDED, AttendeeStatus.NO_RESPONSE), AttendeeStatus.CONFIRMED),
        DECLINED(EnumSet.of(AttendeeStatus.PENDING, AttendeeStatus.REMINDED, AttendeeStatus.CONFIRMED, AttendeeStatus.NO_RESPONSE),
                AttendeeStatus.DECLINED),
        RESCHEDULE_REQUESTED(EnumSet.of(AttendeeStatus.PENDING, AttendeeStatus.REMINDED, AttendeeStatus.CONFIRMED, AttendeeStatus.NO_RESPONSE),
                AttendeeStatus.RESCHEDULE_REQUESTED),
        /** The client moved the appointment to a slot they chose by text: the new time is theirs. */
        MOVED_BY_CLIENT(EnumSet.of(AttendeeStatus.RESCHEDULE_REQUESTED), AttendeeStatus.CONFIRMED),
        /** The appointment changed while slots were offered: the offer is withdrawn and the plan made afresh. */
        OFFER_WITHDRAWN(EnumSet.of(AttendeeStatus.RESCHEDULE_REQUESTED), AttendeeStatus.PENDING),
        NO_RESPONSE(EnumSet.of(AttendeeStatus.REMINDED), AttendeeStatus.NO_RESPONSE),
        CANCELLED(EnumSet.complementOf(EnumSet.of(AttendeeStatus.CANCELLED, AttendeeStatus.OPTED_OUT)), AttendeeStatus.CANCELLED),
        OPTED_OUT(EnumSet.of(AttendeeStatus.PENDING, AttendeeStatus.REMINDED, AttendeeStatus.CONFIRMED), AttendeeStatus.OPTED_OUT),
        OPTED_IN(EnumSet.of(AttendeeStatus.OPTED_OUT), AttendeeStatus.PENDING),
        /** The event changed so that every attendee starts over (a number added again, a replan): an opt-out stays. */
        STARTED_OVER(EnumSet.complementOf(EnumSet.of(AttendeeStatus.OPTED_OUT)), AttendeeStatus.PENDING),
        /** The number was taken out of the event. */
        REMOVED_FROM_EVENT(EnumSet.allOf(AttendeeStatus.class), AttendeeStatus.CANCELLED);

        private final Set<AttendeeStatus> from;
        private final AttendeeStatus to;

        Transition(Set<AttendeeStatus> from, AttendeeStatus to) {
            this.from = from;
            this.to = to;
        }

        boolean allowedFrom(AttendeeStatus status) {
            return from.contains(status);
        }

        AttendeeStatus target() {
            return to;
        }
    }

    private final AppointmentRepository appointments;
    private final AppClock clock;

    AttendeeTransitions(AppointmentRepository appointments, AppClock clock) {
        this.appointments = appointments;
        this.clock = clock;
    }

    /** Applies the transition to a current, not removed attendee; empty if it does not apply. */
    Optional<Attendee> apply(String appointmentId, String phone, Transition transition) {
        Optional<Attendee> current = appointments.attendee(appointmentId, phone).filter(a -> !a.removed());
        if (current.isEmpty() || !transition.allowedFrom(current.get().status())) {
            return Optional.empty();
        }
        Attendee updated = next(current.get(), transition, clock.now());
        appointments.updateAttendee(updated);
        return Optional.of(updated);
    }

    /** The attendee after the transition (pure): who awaits an answer, and since when. */
    static Attendee next(Attendee a, Transition transition, Instant now) {
        return switch (transition) {
            case ASKED_TO_CONFIRM -> a.askedToConfirm(now);
            // back in after an opt-out: waiting as before, without a pending question
            case OPTED_IN -> a.with(a.lastRequestAt() == null ? AttendeeStatus.PENDING : AttendeeStatus.REMINDED, false, now);
            default -> a.with(transition.target(), false, now);
        };
    }
}
