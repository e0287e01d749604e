package io.confirmloop.appointment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.confirmloop.calendar.ProviderEvent;

/**
 * What one calendar event, as it is now, means for its appointment, as it is now. Pure: the sync
 * reads both, asks this, and carries out the answer. Reading the current state (not the change
 * that led to it) makes the answer the same however often and in whatever order it is asked.
 */
final class SyncDiff {

    private SyncDiff() {
    }

    /** A client number found in the event, with the email address that goes with it, if any. */
    record Number(String phone, String email, boolean canReceiveSms) {
    }

    /**
     * The event as the sync sees it.
     *
     * @param event    empty if the event is gone from the calendar
     * @param relevant false if the calendar's settings leave the event out (not organised by the owner)
     * @param numbers  the client numbers in its text, in order of appearance
     */
    record EventFacts(Optional<ProviderEvent> event, boolean relevant, List<Number> numbers) {

        static EventFacts gone() {
            return new EventFacts(Optional.empty(), false, List.of());
        }
    }

    /** The appointment of the event, if there is one, with all its attendees (removed ones too). */
    record AppointmentFacts(Appointment appointment, List<Attendee> attendees) {
    }

    /** Changes to the attendees. */
    record AttendeeChanges(List<Number> added, List<Number> readded, List<String> removed, List<Number> contactChanged) {

        boolean setChanged() {
            return !added.isEmpty() || !readded.isEmpty() || !removed.isEmpty();
        }

        static AttendeeChanges none() {
            return new AttendeeChanges(List.of(), List.of(), List.of(), List.of());
        }
    }

    sealed interface Change {
    }

    /** Nothing to do. */
    record None() implements Change {
    }

    /** A new appointment for the event. */
    record Create(ProviderEvent event, List<Number> numbers) implements Change {
    }

    /** A cancelled appointment whose event is back (or has numbers again): active again with a fresh plan. */
    record Reactivate(ProviderEvent event, List<Number> numbers, AttendeeChanges attendees) implements Change {
    }

    /** The appointment ends as cancelled. */
    record Cancel(String reason) implements Change {
    }

    /** The event changed: moved, its text changed, and/or its numbers changed; {@code numbers} are all it carries now. */
    record Update(ProviderEvent event, boolean moved, boolean textChanged, AttendeeChanges attendees, List<Number> numbers)
            implements Change {
    }

    static Change of(EventFacts facts, Optional<AppointmentFacts> current, Instant now) {
        boolean wanted = facts.event().isPresent() && facts.relevant() && !facts.numbers().isEmpty();
        if (current.isEmpty()) {
            return wanted && facts.event().get().start().isAfter(now)
                    ? new Create(facts.event().get(), facts.numbers()) : new None();
        }
        Appointment appointment = current.get().appointment();
        List<Attendee> attendees = current.get().attendees();
        if (appointment.status() == AppointmentStatus.ACTIVE && !appointment.end().isAfter(now)) {
            return new None(); // over: it stays as it ended
        }
        if (appointment.status() != AppointmentStatus.ACTIVE) {
            if (wanted && facts.event().get().start().isAfter(now)) {
                return new Reactivate(facts.event().get(), facts.numbers(), attendees(facts.numbers(), attendees));
            }
            return new None();
        }
        if (facts.event().isEmpty()) {
            return new Cancel("Removed from the calendar");
        }
        if (!facts.relevant()) {
            return new Cancel("The event is no longer one the calendar's owner organised");
        }
        if (facts.numbers().isEmpty()) {
            return new Cancel("The event no longer carries a phone number");
        }
        ProviderEvent event = facts.event().get();
        boolean moved = !appointment.start().equals(event.start()) || !appointment.end().equals(event.end());
        boolean textChanged = !Objects.equals(appointment.title(), event.title())
                || !Objects.equals(nz(appointment.description()), nz(event.description()))
                || !Objects.equals(nz(appointment.location()), nz(event.location()));
        AttendeeChanges changes = attendees(facts.numbers(), attendees);
        if (!moved && !textChanged && !changes.setChanged() && changes.contactChanged().isEmpty()) {
            return new None();
        }
        return new Update(event, moved, textChanged, changes, facts.numbers());
    }

    /** The numbers found against the attendees kept: who is new, who is back, who left, whose details changed. */
    static AttendeeChanges attendees(List<Number> numbers, List<Attendee> attendees) {
        Map<String, Attendee> byPhone = new HashMap<>();
        attendees.forEach(a -> byPhone.put(a.phone(), a));
        List<Number> added = new ArrayList<>();
        List<Number> readded = new ArrayList<>();
        List<Number> contactChanged = new ArrayList<>();
        Set<String> wanted = new HashSet<>();
        for (Number number : numbers) {
            wanted.add(number.phone());
            Attendee attendee = byPhone.get(number.phone());
            if (attendee == null) {
                added.add(number);
            } else if (attendee.removed()) {
                readded.add(number);
            } else if (!Objects.equals(attendee.email(), number.email()) || attendee.canReceiveSms() != number.canReceiveSms()) {
                contactChanged.add(number);
            }
        }
        List<String> removed = attendees.stream().filter(a -> !a.removed() && !wanted.contains(a.phone())).map(Attendee::phone).toList();
        return new AttendeeChanges(added, readded, removed, contactChanged);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
