package io.confirmloop.appointment;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.Lock;

import io.confirmloop.calendar.Calendar;
import io.confirmloop.calendar.CalendarEvents;
import io.confirmloop.calendar.CalendarProviders;
import io.confirmloop.calendar.CalendarRepository;
import io.confirmloop.calendar.PhoneNumbers;
import io.confirmloop.calendar.ProviderEvent;
import io.confirmloop.system.AppClock;
import io.confirmloop.system.Ids;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.integration.support.locks.LockRegistry;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns a calendar's events into appointments: a new event with a phone number starts an
 * appointment's process; a moved event reschedules it; a removed event (or one that lost its
 * numbers) cancels it; a changed set of numbers adds or removes attendees. The built-in calendar
 * and every provider go through this one path.
 */
@Component
class AppointmentSync {

    private static final Logger log = LoggerFactory.getLogger(AppointmentSync.class);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

    private final CalendarRepository calendars;
    private final CalendarProviders providers;
    private final AppointmentRepository appointments;
    private final PhoneNumbers phoneNumbers;
    private final LifecycleGateway lifecycle;
    private final AppointmentLog appointmentLog;
    private final LockRegistry locks;
    private final TransactionTemplate tx;
    private final AppClock clock;
    private final Duration lookahead;

    AppointmentSync(CalendarRepository calendars, CalendarProviders providers, AppointmentRepository appointments,
            PhoneNumbers phoneNumbers, LifecycleGateway lifecycle, AppointmentLog appointmentLog, LockRegistry locks,
            TransactionTemplate tx, AppClock clock, @Value("${confirmloop.sync.lookahead}") Duration lookahead) {
        this.calendars = calendars;
        this.providers = providers;
        this.appointments = appointments;
        this.phoneNumbers = phoneNumbers;
        this.lifecycle = lifecycle;
        this.appointmentLog = appointmentLog;
        this.locks = locks;
        this.tx = tx;
        this.clock = clock;
        this.lookahead = lookahead;
    }

    /** Built-in calendar writes and "sync now": synced in the caller's transaction. */
    @EventListener
    void onCalendarChanged(CalendarEvents.CalendarChanged changed) {
        calendars.find(changed.calendarId()).filter(Calendar::active).ifPresent(this::sync);
    }

    @EventListener
    void onCalendarDeleting(CalendarEvents.CalendarDeleting deleting) {
        for (String appointmentId : appointments.idsOfCalendar(deleting.calendarId())) {
            lifecycle.delete(appointmentId, "calendar deleted");
        }
    }

    /** Every active calendar on a schedule; in a cluster one node syncs a given calendar at a time. */
    @Scheduled(fixedDelayString = "${confirmloop.sync.interval}", initialDelayString = "PT20S")
    void syncAll() {
        for (Calendar calendar : calendars.findActive()) {
            Lock lock = locks.obtain("calendar-sync:" + calendar.id());
            if (!lock.tryLock()) {
                continue;
            }
            try {
                tx.executeWithoutResult(status -> calendars.find(calendar.id()).filter(Calendar::active).ifPresent(this::sync));
            } catch (RuntimeException e) {
                log.warn("Sync of calendar {} failed; it is tried again at the next round: {}", calendar.id(), e.toString());
            } finally {
                lock.unlock();
            }
        }
    }

    void sync(Calendar calendar) {
        Instant now = clock.now();
        Instant to = now.plus(lookahead);
        List<ProviderEvent> events = providers.of(calendar).fetch(calendar, now, to);
        Map<String, Appointment> existing = new HashMap<>();
        appointments.findActiveInWindow(calendar.id(), now, to).forEach(a -> existing.put(a.eventId(), a));
        Set<String> seen = new HashSet<>();
        for (ProviderEvent event : events) {
            if (event.cancelled() || (calendar.ownerEventsOnly() && !event.organizedByOwner())) {
                continue;
            }
            List<PhoneNumbers.Found> found = phoneNumbers.find(event.text(), calendar.region());
            List<String> emails = phoneNumbers.emails(event.text());
            Appointment appointment = existing.get(event.eventId());
            if (appointment == null) {
                Optional<Appointment> earlier = appointments.findByEvent(calendar.id(), event.eventId());
                if (found.isEmpty() || !event.start().isAfter(now)) {
                    continue;
                }
                seen.add(event.eventId());
                if (earlier.isPresent()) {
                    reactivate(calendar, earlier.get(), event, found, emails, now);
                } else {
                    create(calendar, event, found, emails, now);
                }
                continue;
            }
            seen.add(event.eventId());
            if (found.isEmpty()) {
                appointmentLog.add(appointment.id(), null, "The event no longer carries a phone number");
                appointments.update(appointment.withStatus(AppointmentStatus.CANCELLED, now));
                lifecycle.cancelled(appointment.id());
                continue;
            }
            update(calendar, appointment, event, found, emails, now);
        }
        for (Appointment gone : existing.values()) {
            if (!seen.contains(gone.eventId())) {
                appointmentLog.add(gone.id(), null, "Removed from the calendar");
                appointments.update(gone.withStatus(AppointmentStatus.CANCELLED, now));
                lifecycle.cancelled(gone.id());
            }
        }
        calendars.markSynced(calendar.id(), now);
    }

    private void create(Calendar calendar, ProviderEvent event, List<PhoneNumbers.Found> found, List<String> emails, Instant now) {
        Appointment appointment = new Appointment(Ids.newId(), calendar.id(), event.eventId(), event.title(), event.description(),
                event.location(), event.start(), event.end(), AppointmentStatus.ACTIVE, 1, now, now);
        appointments.insert(appointment);
        for (int i = 0; i < found.size(); i++) {
            PhoneNumbers.Found number = found.get(i);
            appointments.insertAttendee(new Attendee(appointment.id(), number.e164(), i < emails.size() ? emails.get(i) : null,
                    number.canReceiveSms(), AttendeeStatus.PENDING, false, false, null, now));
        }
        appointmentLog.add(appointment.id(), null, "Found in calendar " + calendar.name() + " for "
                + WHEN.format(event.start().atZone(calendar.timeZone())) + " (" + calendar.timeZone().getId() + ")");
        lifecycle.start(appointment, calendar.ownerGroup(), phones(found));
    }

    private void reactivate(Calendar calendar, Appointment earlier, ProviderEvent event, List<PhoneNumbers.Found> found,
            List<String> emails, Instant now) {
        Appointment appointment = earlier.reactivated(event.start(), event.end(), now)
                .withText(event.title(), event.description(), event.location(), now);
        appointments.update(appointment);
        applyAttendees(appointment, found, emails, now, true);
        appointmentLog.add(appointment.id(), null, "Back in the calendar for " + WHEN.format(event.start().atZone(calendar.timeZone())));
        lifecycle.rescheduled(appointment, calendar.ownerGroup(), phones(found));
    }

    private void update(Calendar calendar, Appointment appointment, ProviderEvent event, List<PhoneNumbers.Found> found,
            List<String> emails, Instant now) {
        boolean moved = !appointment.start().equals(event.start()) || !appointment.end().equals(event.end());
        boolean textChanged = !Objects.equals(appointment.title(), event.title()) || !Objects.equals(appointment.description(), event.description())
                || !Objects.equals(appointment.location(), event.location());
        Appointment updated = textChanged ? appointment.withText(event.title(), event.description(), event.location(), now) : appointment;
        if (moved) {
            updated = updated.movedTo(event.start(), event.end(), now);
        }
        if (moved || textChanged) {
            appointments.update(updated);
        }
        boolean attendeesChanged = applyAttendees(updated, found, emails, now, false);
        if (moved) {
            appointmentLog.add(appointment.id(), null, "Moved in the calendar to " + WHEN.format(event.start().atZone(calendar.timeZone())));
            lifecycle.rescheduled(updated, calendar.ownerGroup(), phones(found));
        } else if (attendeesChanged) {
            lifecycle.attendeesChanged(updated, calendar.ownerGroup(), phones(found));
        }
    }

    /** Adds new numbers, marks missing ones removed; true if the set of numbers changed. */
    private boolean applyAttendees(Appointment appointment, List<PhoneNumbers.Found> found, List<String> emails, Instant now,
            boolean resetStatus) {
        Map<String, Attendee> current = new HashMap<>();
        appointments.attendees(appointment.id()).forEach(a -> current.put(a.phone(), a));
        boolean changed = false;
        Set<String> wanted = new HashSet<>();
        for (int i = 0; i < found.size(); i++) {
            PhoneNumbers.Found number = found.get(i);
            String email = i < emails.size() ? emails.get(i) : null;
            wanted.add(number.e164());
            Attendee att = current.get(number.e164());
            if (att == null) {
                appointments.insertAttendee(new Attendee(appointment.id(), number.e164(), email, number.canReceiveSms(),
                        AttendeeStatus.PENDING, false, false, null, now));
                appointmentLog.add(appointment.id(), number.e164(), "Attendee added");
                changed = true;
            } else {
                Attendee updated = att.contact(email, number.canReceiveSms(), false, now);
                if (resetStatus || att.removed()) {
                    updated = updated.with(att.status() == AttendeeStatus.OPTED_OUT ? AttendeeStatus.OPTED_OUT : AttendeeStatus.PENDING, false, now);
                }
                if (att.removed()) {
                    appointmentLog.add(appointment.id(), number.e164(), "Attendee added again");
                    changed = true;
                }
                if (!updated.equals(att.contact(att.email(), att.canReceiveSms(), att.removed(), now))) {
                    appointments.updateAttendee(updated);
                }
            }
        }
        for (Attendee att : current.values()) {
            if (!att.removed() && !wanted.contains(att.phone())) {
                appointments.updateAttendee(att.contact(att.email(), att.canReceiveSms(), true, now).with(AttendeeStatus.CANCELLED, false, now));
                appointmentLog.add(appointment.id(), att.phone(), "Attendee removed from the event");
                changed = true;
            }
        }
        return changed;
    }

    private static List<String> phones(List<PhoneNumbers.Found> found) {
        return found.stream().map(PhoneNumbers.Found::e164).toList();
    }
}
