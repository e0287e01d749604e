package io.confirmloop.appointment;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.confirmloop.appointment.AttendeeTransitions.Transition;
import io.confirmloop.calendar.Calendar;
import io.confirmloop.calendar.CalendarEventStore;
import io.confirmloop.calendar.CalendarEvents;
import io.confirmloop.calendar.CalendarRepository;
import io.confirmloop.calendar.EventChangeHandler;
import io.confirmloop.calendar.PhoneNumbers;
import io.confirmloop.calendar.ProviderEvent;
import io.confirmloop.system.AppClock;
import io.confirmloop.system.Ids;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Takes in one changed calendar event: a new event with a phone number starts an appointment's
 * process; a moved event reschedules it; a removed event (or one that lost its numbers) cancels it;
 * a changed set of numbers adds or removes attendees. It runs from the queue of changed events, in
 * a transaction of its own, with the appointment row locked, so changes of one event are taken in
 * one at a time; {@link SyncDiff} decides from the event and the appointment as they are now.
 */
@Component
class AppointmentSync implements EventChangeHandler {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

    private final CalendarRepository calendars;
    private final CalendarEventStore events;
    private final AppointmentRepository appointments;
    private final PhoneNumbers phoneNumbers;
    private final LifecycleGateway lifecycle;
    private final AppointmentLog log;
    private final OwnerNotices ownerNotices;
    private final AppClock clock;

    AppointmentSync(CalendarRepository calendars, CalendarEventStore events, AppointmentRepository appointments, PhoneNumbers phoneNumbers,
            LifecycleGateway lifecycle, AppointmentLog log, OwnerNotices ownerNotices, AppClock clock) {
        this.ownerNotices = ownerNotices;
        this.calendars = calendars;
        this.events = events;
        this.appointments = appointments;
        this.phoneNumbers = phoneNumbers;
        this.lifecycle = lifecycle;
        this.log = log;
        this.clock = clock;
    }

    @Override
    public void apply(String calendarId, String eventId) {
        Optional<Calendar> calendar = calendars.find(calendarId);
        if (calendar.isEmpty() || !calendar.get().active()) {
            return; // deleted, or off: an active calendar takes its events in again when it is switched on
        }
        Optional<Appointment> appointment = appointments.findByEventForUpdate(calendarId, eventId);
        Optional<CalendarEventStore.StoredEvent> stored = events.find(calendarId, eventId);
        Instant now = clock.now();
        SyncDiff.Change change = SyncDiff.of(facts(calendar.get(), stored), appointment.map(a ->
                new SyncDiff.AppointmentFacts(a, appointments.attendees(a.id()))), now);
        carryOut(calendar.get(), eventId, appointment, change, now);
        stored.ifPresent(e -> events.markApplied(calendarId, eventId, e.contentHash()));
    }

    @EventListener
    void onCalendarDeleting(CalendarEvents.CalendarDeleting deleting) {
        for (String appointmentId : appointments.idsOfCalendar(deleting.calendarId())) {
            lifecycle.delete(appointmentId, "calendar deleted");
        }
    }

    private SyncDiff.EventFacts facts(Calendar calendar, Optional<CalendarEventStore.StoredEvent> stored) {
        if (stored.isEmpty() || stored.get().deleted()) {
            return SyncDiff.EventFacts.gone();
        }
        ProviderEvent event = stored.get().event();
        List<PhoneNumbers.Found> found = phoneNumbers.find(event.text(), calendar.region());
        // addresses written in the event first, then the guests invited to it, paired with the numbers in order
        List<String> emails = Stream.concat(phoneNumbers.emails(event.text()).stream(), event.guestEmails().stream()).distinct().toList();
        List<SyncDiff.Number> numbers = IntStream.range(0, found.size())
                .mapToObj(i -> new SyncDiff.Number(found.get(i).e164(), i < emails.size() ? emails.get(i) : null, found.get(i).canReceiveSms()))
                .toList();
        boolean relevant = !calendar.ownerEventsOnly() || event.organizedByOwner();
        return new SyncDiff.EventFacts(Optional.of(event), relevant, numbers);
    }

    private void carryOut(Calendar calendar, String eventId, Optional<Appointment> current, SyncDiff.Change change, Instant now) {
        if (change instanceof SyncDiff.Create create) {
            create(calendar, eventId, create, now);
        } else if (change instanceof SyncDiff.Reactivate reactivate) {
            reactivate(calendar, current.orElseThrow(), reactivate, now);
        } else if (change instanceof SyncDiff.Cancel cancel) {
            Appointment appointment = current.orElseThrow();
            log.add(appointment.id(), null, cancel.reason());
            appointments.update(appointment.withStatus(AppointmentStatus.CANCELLED, now));
            lifecycle.cancelled(appointment.id());
        } else if (change instanceof SyncDiff.Update update) {
            update(calendar, current.orElseThrow(), update, now);
        }
    }

    private void create(Calendar calendar, String eventId, SyncDiff.Create create, Instant now) {
        ProviderEvent event = create.event();
        Appointment appointment = new Appointment(Ids.newId(), calendar.id(), eventId, event.title(), event.description(),
                event.location(), event.start(), event.end(), AppointmentStatus.ACTIVE, 1, now, now);
        appointments.insert(appointment);
        create.numbers().forEach(n -> appointments.insertAttendee(pending(appointment.id(), n, now)));
        log.add(appointment.id(), null, "Found in calendar " + calendar.name() + " for "
                + WHEN.format(event.start().atZone(calendar.timeZone())) + " (" + calendar.timeZone().getId() + ")");
        // a new id: no instance can be running for it yet, so none is looked for
        create.numbers().forEach(n -> lifecycle.startNew(appointment, calendar.ownerGroup(), n.phone()));
    }

    private void reactivate(Calendar calendar, Appointment earlier, SyncDiff.Reactivate reactivate, Instant now) {
        ProviderEvent event = reactivate.event();
        Appointment appointment = earlier.reactivated(event.start(), event.end(), now)
                .withText(event.title(), event.description(), event.location(), now);
        appointments.update(appointment);
        applyAttendees(appointment.id(), reactivate.numbers(), reactivate.attendees(), true, now);
        log.add(appointment.id(), null, "Back in the calendar for " + WHEN.format(event.start().atZone(calendar.timeZone())));
        // an attendee's former instance may still be waiting to tell the client of the cancellation
        lifecycle.delete(appointment.id(), "the appointment is back in the calendar");
        reactivate.numbers().forEach(n -> lifecycle.start(appointment, calendar.ownerGroup(), n.phone()));
    }

    private void update(Calendar calendar, Appointment appointment, SyncDiff.Update update, Instant now) {
        ProviderEvent event = update.event();
        Appointment updated = update.textChanged() ? appointment.withText(event.title(), event.description(), event.location(), now)
                : appointment;
        if (update.moved() || update.textChanged()) {
            // a new plan: the new time, or what a new text calls for (a marker such as #noremind or *court)
            updated = updated.movedTo(event.start(), event.end(), now);
            appointments.update(updated);
        }
        applyAttendees(appointment.id(), update.numbers(), update.attendees(), false, now);
        if (update.moved()) {
            log.add(appointment.id(), null, "Moved in the calendar to " + WHEN.format(event.start().atZone(calendar.timeZone())) + " ("
                    + calendar.timeZone().getId() + ")");
            ownerNotices.rescheduled(updated);
        } else if (update.textChanged()) {
            log.add(appointment.id(), null, "The event's text changed: reminders planned again");
        }
        // only the attendees that changed are touched: the others keep their state, timers and tasks
        for (String removed : update.attendees().removed()) {
            lifecycle.attendeeRemoved(appointment.id(), removed);
        }
        for (SyncDiff.Number added : concat(update.attendees().added(), update.attendees().readded())) {
            lifecycle.start(updated, calendar.ownerGroup(), added.phone());
        }
        if (update.moved() || update.textChanged()) {
            lifecycle.appointmentChanged(appointment.id());
        }
    }

    /**
     * Adds new numbers, brings back numbers that return, marks missing ones removed, and keeps
     * contact details current. {@code restart}: every attendee starts over (not an opted-out one).
     */
    private void applyAttendees(String appointmentId, List<SyncDiff.Number> numbers, SyncDiff.AttendeeChanges changes, boolean restart,
            Instant now) {
        changes.added().forEach(n -> {
            appointments.insertAttendee(pending(appointmentId, n, now));
            log.add(appointmentId, n.phone(), "Attendee added");
        });
        changes.readded().forEach(n -> log.add(appointmentId, n.phone(), "Attendee added again"));
        List<String> returning = changes.readded().stream().map(SyncDiff.Number::phone).toList();
        for (Attendee attendee : appointments.attendees(appointmentId)) {
            Optional<SyncDiff.Number> number = numbers.stream().filter(n -> n.phone().equals(attendee.phone())).findFirst();
            if (number.isPresent()) {
                Attendee updated = attendee.contact(number.get().email(), number.get().canReceiveSms(), false, now);
                if (restart || returning.contains(attendee.phone())) {
                    updated = Transition.STARTED_OVER.allowedFrom(updated.status())
                            ? AttendeeTransitions.next(updated, Transition.STARTED_OVER, now) : updated.with(updated.status(), false, now);
                }
                if (!updated.equals(attendee.contact(attendee.email(), attendee.canReceiveSms(), attendee.removed(), now))) {
                    appointments.updateAttendee(updated);
                }
            } else if (changes.removed().contains(attendee.phone())) {
                appointments.updateAttendee(AttendeeTransitions.next(attendee.contact(attendee.email(), attendee.canReceiveSms(), true, now),
                        Transition.REMOVED_FROM_EVENT, now));
                log.add(appointmentId, attendee.phone(), "Attendee removed from the event");
            }
        }
    }

    private static Attendee pending(String appointmentId, SyncDiff.Number n, Instant now) {
        return new Attendee(appointmentId, n.phone(), n.email(), n.canReceiveSms(), AttendeeStatus.PENDING, false, false, null, now);
    }

    private static List<SyncDiff.Number> concat(List<SyncDiff.Number> a, List<SyncDiff.Number> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
