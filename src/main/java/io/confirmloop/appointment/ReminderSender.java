package io.confirmloop.appointment;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

import io.confirmloop.appointment.AttendeeTransitions.Transition;
import io.confirmloop.calendar.Calendar;
import io.confirmloop.calendar.CalendarRepository;
import io.confirmloop.calendar.PhoneNumbers;
import io.confirmloop.messaging.OutboundMessages;
import io.confirmloop.system.AppClock;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands one due reminder to the gateways, for the outbox ({@link ReminderOutbox}), or records why
 * it does not go: the plan was replaced, the appointment is over or no longer active, the calendar
 * is switched off, the client already confirmed, the number takes no texts, the client opted out,
 * a switch stopped it, or quiet hours began (then it is due again when they end). A text the
 * provider refuses for good is recorded as refused; the model reaches the client another way
 * (Task_RecordReminder throws "Text refused").
 * <p>
 * Every check is made at the moment of sending. The outcome, the attendee's transition and the
 * appointment log are written in one transaction after the hand-off; a passing failure of the
 * provider throws, and the outbox retries.
 */
@Service
class ReminderSender implements LifecycleSteps.Reminders {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    /** What became of a claimed reminder. */
    enum Outcome { SENT, SKIPPED, REFUSED, DEFERRED }

    private final ReminderRepository reminders;
    private final AppointmentRepository appointments;
    private final CalendarRepository calendars;
    private final AttendeeTransitions transitions;
    private final ClientTexts texts;
    private final StatusLineWriter statusLines;
    private final AppointmentLog log;
    private final PhoneNumbers phoneNumbers;
    private final ReminderPlanner planner;
    private final AppClock clock;
    private final TransactionTemplate transaction;

    ReminderSender(ReminderRepository reminders, AppointmentRepository appointments, CalendarRepository calendars,
            AttendeeTransitions transitions, ClientTexts texts, StatusLineWriter statusLines, AppointmentLog log, PhoneNumbers phoneNumbers,
            ReminderPlanner planner, AppClock clock, PlatformTransactionManager transactions) {
        this.reminders = reminders;
        this.appointments = appointments;
        this.calendars = calendars;
        this.transitions = transitions;
        this.texts = texts;
        this.statusLines = statusLines;
        this.log = log;
        this.phoneNumbers = phoneNumbers;
        this.planner = planner;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * Task_SendReminder of the models before the outbox (instances started then still wait on its
     * timer): sends the reminder unless the outbox already did.
     */
    @Override
    public void send(String appointmentId, String phone, String reminderId) {
        Reminder reminder = reminderId == null ? null : reminders.find(reminderId).orElse(null);
        if (reminder == null || reminder.state() != Reminder.State.PLANNED) {
            return;
        }
        if (handOff(reminder) == Outcome.REFUSED) {
            record(reminderId);
        }
    }

    /** Task_RecordReminder: the instance learns the outcome; a refused text is the BPMN error "Text refused". */
    @Override
    public void record(String reminderId) {
        Optional<ReminderRepository.Attempts> outcome = reminderId == null ? Optional.empty() : reminders.attempts(reminderId);
        if (outcome.isPresent() && outcome.get().refused()) {
            Reminder reminder = reminders.find(reminderId).orElseThrow();
            throw new LifecycleSteps.TextRefused(outcome.get().messageId(), reminder.note());
        }
    }

    /** Sends the claimed reminder or records why not. Throws on a passing failure of the provider, for a retry. */
    Outcome handOff(Reminder reminder) {
        Instant now = clock.now();
        Optional<Appointment> found = appointments.find(reminder.appointmentId());
        Optional<Attendee> attendee = found.flatMap(a -> appointments.attendee(a.id(), reminder.phone()));
        Optional<Calendar> calendar = found.flatMap(a -> calendars.find(a.calendarId()));
        if (found.isEmpty() || attendee.isEmpty() || calendar.isEmpty()) {
            return skip(reminder, "the appointment is gone", null);
        }
        Appointment appointment = found.get();
        if (reminder.generation() != appointment.planGeneration()) {
            return skip(reminder, "a newer plan replaced it", null);
        }
        if (appointment.status() != AppointmentStatus.ACTIVE || attendee.get().removed()
                || AttendeeStatus.SETTLED.contains(attendee.get().status())) {
            return skip(reminder, "the appointment is no longer active", null);
        }
        if (!reminder.dueAt().isBefore(appointment.end()) || !now.isBefore(appointment.end())) {
            return skip(reminder, "the appointment is over", null);
        }
        if (!calendar.get().active()) {
            return skip(reminder, "the calendar is switched off", "Not sent: the calendar is switched off");
        }
        if (reminder.asksReply() && attendee.get().status() == AttendeeStatus.CONFIRMED) {
            return skip(reminder, "the client had already confirmed", null);
        }
        Optional<Instant> allowed = planner.outsideQuietHours(now, appointment.start(), now, calendar.get());
        if (allowed.isEmpty()) {
            return skip(reminder, Reminder.NO_QUIET_MOMENT, "Skipped: " + reminder.kind() + ": " + Reminder.NO_QUIET_MOMENT);
        }
        if (allowed.get().isAfter(now)) {
            transaction.executeWithoutResult(s -> {
                reminders.defer(reminder.id(), allowed.get(), Reminder.QUIET_HOURS);
                log.add(appointment.id(), reminder.phone(), reminder.kind() + " at "
                        + TIME.format(allowed.get().atZone(calendar.get().timeZone())) + " (quiet hours)");
            });
            return Outcome.DEFERRED;
        }
        return "EMAIL".equals(reminder.channel()) ? email(calendar.get(), appointment, attendee.get(), reminder)
                : text(calendar.get(), appointment, attendee.get(), reminder);
    }

    /**
     * The provider kept failing through every attempt: recorded as refused with the last error, so
     * the model reaches the client another way.
     */
    void giveUp(Reminder reminder, String why) {
        transaction.executeWithoutResult(s -> {
            reminders.handedOff(reminder.id(), Reminder.State.SKIPPED, why, null, true, clock.now());
            log.add(reminder.appointmentId(), reminder.phone(), "Not sent: " + why);
        });
    }

    private Outcome email(Calendar calendar, Appointment appointment, Attendee attendee, Reminder reminder) {
        if (attendee.email() == null) {
            return skip(reminder, "no email address", null);
        }
        OutboundMessages.Result result = texts.email(calendar, appointment, attendee.phone(), attendee.email(), reminder.template(),
                "reminder:" + reminder.id(), null);
        if (!result.sent()) {
            return skip(reminder, result.skippedBecause(), null);
        }
        transaction.executeWithoutResult(s -> {
            // the attendee's row before the reminder's, as the planning locks them (no deadlock)
            transitions.apply(appointment.id(), attendee.phone(), Transition.REMINDED);
            reminders.handedOff(reminder.id(), Reminder.State.SENT, null, result.messageId(), false, clock.now());
            log.add(appointment.id(), attendee.phone(), "Sent email reminder");
            statusLines.request(calendar, appointment.id());
        });
        return Outcome.SENT;
    }

    private Outcome text(Calendar calendar, Appointment appointment, Attendee attendee, Reminder reminder) {
        String phone = attendee.phone();
        if (!attendee.canReceiveSms()) {
            return skip(reminder, "not a mobile number", "Skipped text: " + phoneNumbers.display(phone) + " is not a mobile number");
        }
        OutboundMessages.Result result = texts.text(calendar, appointment, phone, reminder.template(), "reminder:" + reminder.id());
        if (!result.sent()) {
            if (result.refused()) {
                transaction.executeWithoutResult(s -> {
                    reminders.handedOff(reminder.id(), Reminder.State.SKIPPED, result.skippedBecause(), result.messageId(), true, clock.now());
                    log.add(appointment.id(), phone, "Text refused: " + result.skippedBecause());
                });
                return Outcome.REFUSED;
            }
            return skip(reminder, result.skippedBecause(), "Skipped text: " + result.skippedBecause());
        }
        transaction.executeWithoutResult(s -> {
            if (ReminderPlanner.BOOKING_CONFIRMATION_TEMPLATE.equals(reminder.template())) {
                reminders.handedOff(reminder.id(), Reminder.State.SENT, null, result.messageId(), false, clock.now());
                log.add(appointment.id(), phone, "Sent booking confirmation text");
                return;
            }
            // the attendee's row before the reminder's, as the planning locks them (no deadlock)
            boolean asks = reminder.asksReply() && attendee.status() != AttendeeStatus.CONFIRMED;
            transitions.apply(appointment.id(), phone, asks ? Transition.ASKED_TO_CONFIRM : Transition.REMINDED);
            reminders.handedOff(reminder.id(), Reminder.State.SENT, null, result.messageId(), false, clock.now());
            if (asks) {
                log.add(appointment.id(), phone, ReminderPlanner.NEW_TIME_TEMPLATE.equals(reminder.template())
                        ? "Sent text with the new time" : "Sent text confirmation");
            } else {
                log.add(appointment.id(), phone, "Sent text reminder");
            }
            statusLines.request(calendar, appointment.id());
        });
        return Outcome.SENT;
    }

    private Outcome skip(Reminder reminder, String why, String logLine) {
        transaction.executeWithoutResult(s -> {
            reminders.handedOff(reminder.id(), Reminder.State.SKIPPED, why, null, false, clock.now());
            if (logLine != null) {
                log.add(reminder.appointmentId(), reminder.phone(), logLine);
            }
        });
        return Outcome.SKIPPED;
    }
}
