package io.confirmloop.appointment;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.confirmloop.appointment.AppointmentProcess.NextStep;
import io.confirmloop.calendar.Calendar;
import io.confirmloop.calendar.CalendarRepository;
import io.confirmloop.calendar.PhoneNumbers;
import io.confirmloop.system.AppClock;
import org.springframework.stereotype.Service;

/**
 * Task_PlanNextStep: what an attendee waits for next. A fresh plan is made from the rules (DMN)
 * whenever the appointment's plan generation changed (moved, new text, calendar switched on
 * again); the timers of the model then wait for the next message, the reply deadline and the end.
 */
@Service
class AttendeePlanner implements LifecycleSteps.Planning {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    private final AppointmentRepository appointments;
    private final ReminderRepository reminders;
    private final ReminderPlanner planner;
    private final CalendarRepository calendars;
    private final AttendeeTransitions transitions;
    private final AppointmentLog log;
    private final ClientLabels labels;
    private final ReminderSettings settings;
    private final AppClock clock;
    private final SlotOffers slotOffers;

    AttendeePlanner(AppointmentRepository appointments, ReminderRepository reminders, ReminderPlanner planner, CalendarRepository calendars,
            AttendeeTransitions transitions, AppointmentLog log, ClientLabels labels, ReminderSettings settings, AppClock clock, SlotOffers slotOffers) {
        this.slotOffers = slotOffers;
        this.appointments = appointments;
        this.reminders = reminders;
        this.planner = planner;
        this.calendars = calendars;
        this.transitions = transitions;
        this.log = log;
        this.labels = labels;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public LifecycleSteps.Plan planNextStep(String appointmentId, String phone) {
        Instant now = clock.now();
        Optional<Appointment> found = appointments.find(appointmentId);
        Optional<Attendee> attendee = appointments.attendee(appointmentId, phone);
        Optional<Calendar> calendar = found.flatMap(a -> calendars.find(a.calendarId()));
        if (found.isEmpty() || attendee.isEmpty() || calendar.isEmpty() || found.get().status() != AppointmentStatus.ACTIVE
                || attendee.get().removed() || AttendeeStatus.SETTLED.contains(attendee.get().status()) || !found.get().end().isAfter(now)) {
            return done(found.orElse(null), calendar.orElse(null), phone);
        }
        Appointment appointment = found.get();
        Instant never = appointment.end().plus(Duration.ofDays(1));
        String label = labels.label(appointment, phone);
        String when = ClientLabels.when(appointment, calendar.get());
        if (!calendar.get().active()) {
            return new LifecycleSteps.Plan(NextStep.PAUSED, never, null, never, appointment.end(), label, when);
        }
        List<Reminder> plan = reminders.plan(appointmentId, phone, appointment.planGeneration());
        if (plan.isEmpty()) {
            if (planner.remindersOff(calendar.get(), appointment)) {
                log.add(appointmentId, phone, "No reminders: the event is marked for none (e.g. #noremind)");
                return new LifecycleSteps.Plan(NextStep.DONE, never, null, never, appointment.end(), label, when);
            }
            plan = freshPlan(calendar.get(), appointment, attendee.get(), now);
        }
        Attendee att = appointments.attendee(appointmentId, phone).orElseThrow();
        Reminder next = nextToSend(plan, att);
        while (next != null && !reminders.lockPlanned(next.id())) {
            // the outbox handed it off just now: the one after it
            plan = reminders.plan(appointmentId, phone, appointment.planGeneration());
            next = nextToSend(plan, att);
        }
        Instant deadline = deadline(appointment, att);
        Instant reminderAt = next != null && next.dueAt().isBefore(appointment.end()) ? next.dueAt() : never;
        Instant deadlineAt = deadline == null ? never : deadline.equals(reminderAt) ? deadline.plusSeconds(1) : deadline;
        return new LifecycleSteps.Plan(NextStep.WAIT, reminderAt, reminderAt.equals(never) ? null : next.id(), deadlineAt,
                appointment.end(), label, when);
    }

    /** A new plan for the attendee: after a move the client who had heard from us gets the new time (one text). */
    private List<Reminder> freshPlan(Calendar calendar, Appointment appointment, Attendee attendee, Instant now) {
        Optional<Instant> plannedFor = reminders.plannedForBefore(appointment.id(), attendee.phone(), appointment.planGeneration());
        boolean contacted = attendee.lastRequestAt() != null || reminders.anySent(appointment.id(), attendee.phone());
        boolean moved = plannedFor.isPresent() && !plannedFor.get().equals(appointment.start());
        boolean announce = moved && contacted && attendee.status() != AttendeeStatus.OPTED_OUT
                && !slotOffers.movedByClient(appointment.id(), attendee.phone(), appointment.start());
        if (announce && transitions.apply(appointment.id(), attendee.phone(), AttendeeTransitions.Transition.AWAITING_NEW_TIME).isPresent()) {
            log.add(appointment.id(), attendee.phone(), "Moved: waiting for the client to confirm the new time");
        }
        Attendee current = appointments.attendee(appointment.id(), attendee.phone()).orElseThrow();
        boolean requestPending = current.status() == AttendeeStatus.REMINDED && current.awaitingReply();
        boolean bookedOnline = plannedFor.isEmpty() && !contacted
                && appointments.bookedOnline(appointment.calendarId(), appointment.eventId(), attendee.phone());
        List<Reminder> plan = planner.plan(calendar, appointment, current, current.canReceiveSms(), now,
                new ReminderPlanner.Circumstances(requestPending, announce, bookedOnline));
        plan.forEach(r -> reminders.insert(r, appointment.start()));
        plan.stream().filter(r -> r.state() == Reminder.State.PLANNED && Reminder.QUIET_HOURS.equals(r.note())).forEach(r ->
                log.add(appointment.id(), attendee.phone(), r.kind() + " at " + TIME.format(r.dueAt().atZone(calendar.timeZone()))
                        + " (quiet hours)"));
        plan.stream().filter(r -> r.state() == Reminder.State.SKIPPED && Reminder.NO_QUIET_MOMENT.equals(r.note())).forEach(r ->
                log.add(appointment.id(), attendee.phone(), "Skipped: " + r.kind() + " due at "
                        + TIME.format(r.dueAt().atZone(calendar.timeZone())) + ": " + Reminder.NO_QUIET_MOMENT));
        return reminders.plan(appointment.id(), attendee.phone(), appointment.planGeneration());
    }

    /** The next planned message; a confirmation request is skipped once the client has confirmed. */
    private Reminder nextToSend(List<Reminder> plan, Attendee attendee) {
        for (Reminder r : plan) {
            if (r.state() != Reminder.State.PLANNED) {
                continue;
            }
            if (r.asksReply() && attendee.status() == AttendeeStatus.CONFIRMED) {
                reminders.setState(r.id(), Reminder.State.SKIPPED, "the client had already confirmed");
                continue;
            }
            return r;
        }
        return null;
    }

    /** When an unanswered request turns into "Call the client": the reply deadline, but never before the minimum window. */
    private Instant deadline(Appointment appointment, Attendee attendee) {
        if (attendee.status() != AttendeeStatus.REMINDED || !attendee.awaitingReply()) {
            return null;
        }
        Instant byRule = appointment.start().minus(settings.replyDeadline());
        Instant byWindow = attendee.lastRequestAt() == null ? byRule : attendee.lastRequestAt().plus(settings.minimumReplyWindow());
        Instant deadline = byRule.isAfter(byWindow) ? byRule : byWindow;
        return deadline.isAfter(appointment.start()) ? appointment.start() : deadline;
    }

    private LifecycleSteps.Plan done(Appointment appointment, Calendar calendar, String phone) {
        Instant end = appointment == null ? clock.now() : appointment.end();
        String label = appointment == null ? phone : labels.label(appointment, phone);
        String when = appointment == null || calendar == null ? "" : ClientLabels.when(appointment, calendar);
        return new LifecycleSteps.Plan(NextStep.DONE, end, null, end, end, label, when);
    }
}
