package io.confirmloop.appointment;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.confirmloop.appointment.AppointmentProcess.CallOutcome;
import io.confirmloop.appointment.AppointmentProcess.NextStep;
import io.confirmloop.calendar.Calendar;
import io.confirmloop.calendar.CalendarRepository;
import io.confirmloop.calendar.PhoneNumbers;
import io.confirmloop.messaging.Message;
import io.confirmloop.messaging.MessageRepository;
import io.confirmloop.messaging.MessageTemplates;
import io.confirmloop.messaging.OutboundMessages;
import io.confirmloop.system.AppClock;
import org.springframework.stereotype.Service;

/**
 * What each step of the appointment-lifecycle process does. The delegates only pass ids in and
 * small decisions out; the appointment is reloaded every time.
 */
@Service
public class LifecycleService {

    /** The next thing an attendee's branch waits for. */
    public record Decision(NextStep step, Instant at, String reminderId) {
    }

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

    private final AppointmentRepository appointments;
    private final ReminderRepository reminders;
    private final ReminderPlanner planner;
    private final CalendarRepository calendars;
    private final StatusLineWriter statusLines;
    private final OutboundMessages outbound;
    private final MessageTemplates templates;
    private final MessageRepository messages;
    private final AppointmentLog log;
    private final DeliveryFailures failures;
    private final TaskSummaries summaries;
    private final PhoneNumbers phoneNumbers;
    private final ReminderSettings settings;
    private final AppClock clock;

    LifecycleService(AppointmentRepository appointments, ReminderRepository reminders, ReminderPlanner planner,
            CalendarRepository calendars, StatusLineWriter statusLines, OutboundMessages outbound, MessageTemplates templates,
            MessageRepository messages, AppointmentLog log, DeliveryFailures failures, TaskSummaries summaries, PhoneNumbers phoneNumbers,
            ReminderSettings settings, AppClock clock) {
        this.appointments = appointments;
        this.reminders = reminders;
        this.planner = planner;
        this.calendars = calendars;
        this.statusLines = statusLines;
        this.outbound = outbound;
        this.templates = templates;
        this.messages = messages;
        this.log = log;
        this.failures = failures;
        this.summaries = summaries;
        this.phoneNumbers = phoneNumbers;
        this.settings = settings;
        this.clock = clock;
    }

    // --- planning -------------------------------------------------------------------------------

    public Decision planNextStep(String appointmentId, String phone) {
        Instant now = clock.now();
        Optional<Appointment> found = appointments.find(appointmentId);
        Optional<Attendee> attendee = appointments.attendee(appointmentId, phone);
        if (found.isEmpty() || attendee.isEmpty() || found.get().status() != AppointmentStatus.ACTIVE || attendee.get().removed()
                || AttendeeStatus.SETTLED.contains(attendee.get().status())) {
            return new Decision(NextStep.DONE, null, null);
        }
        Appointment appointment = found.get();
        Attendee att = attendee.get();
        Optional<Calendar> calendar = calendars.find(appointment.calendarId());
        if (calendar.isEmpty()) {
            return new Decision(NextStep.DONE, null, null);
        }
        List<Reminder> plan = reminders.plan(appointmentId, phone, appointment.planGeneration());
        if (plan.isEmpty()) {
            // Opt-outs are applied when a text is due (and logged as skipped), so START resumes the plan.
            plan = planner.plan(calendar.get(), appointment, att, att.canReceiveSms(), now);
            plan.forEach(reminders::insert);
        }
        Reminder next = null;
        for (Reminder r : plan) {
            if (r.state() != Reminder.State.PLANNED) {
                continue;
            }
            if (r.asksReply() && att.status() == AttendeeStatus.CONFIRMED) {
                reminders.setState(r.id(), Reminder.State.SKIPPED, "the client had already confirmed");
                continue;
            }
            next = r;
            break;
        }
        Instant deadline = null;
        if (att.status() == AttendeeStatus.REMINDED && att.awaitingReply()) {
            Instant byRule = appointment.start().minus(settings.replyDeadline());
            Instant byWindow = att.lastRequestAt() == null ? byRule : att.lastRequestAt().plus(settings.minimumReplyWindow());
            deadline = byRule.isAfter(byWindow) ? byRule : byWindow;
            if (deadline.isAfter(appointment.start())) {
                deadline = appointment.start();
            }
        }
        if (next != null && next.dueAt().isBefore(appointment.end()) && (deadline == null || !next.dueAt().isAfter(deadline))) {
            return new Decision(NextStep.REMIND, next.dueAt(), next.id());
        }
        if (deadline != null) {
            return new Decision(NextStep.DEADLINE, deadline, null);
        }
        return new Decision(NextStep.FINISH, appointment.end(), null);
    }

    // --- outbound ---------------------------------------------------------------------------------

    public void sendReminder(String appointmentId, String phone, String reminderId) {
        Reminder reminder = reminders.find(reminderId).orElse(null);
        if (reminder == null || reminder.state() != Reminder.State.PLANNED) {
            return;
        }
        Appointment appointment = appointments.find(appointmentId).orElseThrow();
        Attendee att = appointments.attendee(appointmentId, phone).orElseThrow();
        Calendar calendar = calendars.find(appointment.calendarId()).orElseThrow();
        if (appointment.status() != AppointmentStatus.ACTIVE || att.removed()) {
            reminders.setState(reminderId, Reminder.State.SKIPPED, "the appointment is no longer active");
            return;
        }
        MessageTemplates.Rendered text = templates.render(calendar.id(), reminder.template(), values(calendar, appointment, phone, null));
        Instant now = clock.now();
        if ("EMAIL".equals(reminder.channel())) {
            if (att.email() == null) {
                reminders.setState(reminderId, Reminder.State.SKIPPED, "no email address");
                return;
            }
            outbound.email("reminder:" + reminderId, appointmentId, calendar.id(), phone, att.email(), text.subject(), text.body());
            reminders.setState(reminderId, Reminder.State.SENT, null);
            if (att.status() == AttendeeStatus.PENDING) {
                appointments.updateAttendee(att.with(AttendeeStatus.REMINDED, false, now));
            }
            log.add(appointmentId, phone, "Sent email reminder");
        } else {
            if (!att.canReceiveSms()) {
                reminders.setState(reminderId, Reminder.State.SKIPPED, "not a mobile number");
                log.add(appointmentId, phone, "Skipped text: " + phoneNumbers.display(phone) + " is not a mobile number");
                return;
            }
            OutboundMessages.Result result = outbound.sms("reminder:" + reminderId, appointmentId, calendar.id(), phone, text.body());
            if (!result.sent()) {
                reminders.setState(reminderId, Reminder.State.SKIPPED, result.skippedBecause());
                notSent(appointmentId, phone, result);
                return;
            }
            reminders.setState(reminderId, Reminder.State.SENT, null);
            if (reminder.asksReply() && att.status() != AttendeeStatus.CONFIRMED) {
                appointments.updateAttendee(att.askedToConfirm(now));
                log.add(appointmentId, phone, "Sent text confirmation");
            } else {
                if (att.status() == AttendeeStatus.PENDING) {
                    appointments.updateAttendee(att.with(AttendeeStatus.REMINDED, att.awaitingReply(), now));
                }
                log.add(appointmentId, phone, "Sent text reminder");
            }
        }
        updateDescription(calendar, appointmentId);
    }

    // --- replies ----------------------------------------------------------------------------------

    public void recordConfirmation(String appointmentId, String phone, String replyMessageId) {
        Context c = context(appointmentId, phone);
        appointments.updateAttendee(c.attendee().with(AttendeeStatus.CONFIRMED, false, clock.now()));
        log.add(appointmentId, phone, "Confirmed via text");
        reply(c, "confirmation-ack", "ack:" + replyMessageId);
        updateDescription(c.calendar(), appointmentId);
    }

    public String recordDecline(String appointmentId, String phone, String replyMessageId) {
        Context c = context(appointmentId, phone);
        appointments.updateAttendee(c.attendee().with(AttendeeStatus.DECLINED, false, clock.now()));
        log.add(appointmentId, phone, "Declined via text");
        reply(c, "decline-ack", "ack:" + replyMessageId);
        notifyOwner(c, "owner-declined", "declined:" + replyMessageId, replyText(replyMessageId));
        updateDescription(c.calendar(), appointmentId);
        return summary(appointmentId, phone);
    }

    public String recordRescheduleRequest(String appointmentId, String phone, String replyMessageId) {
        Context c = context(appointmentId, phone);
        appointments.updateAttendee(c.attendee().with(AttendeeStatus.RESCHEDULE_REQUESTED, false, clock.now()));
        log.add(appointmentId, phone, "Asked to reschedule via text");
        reply(c, "reschedule-ack", "ack:" + replyMessageId);
        notifyOwner(c, "owner-reschedule-request", "reschedule:" + replyMessageId, replyText(replyMessageId));
        updateDescription(c.calendar(), appointmentId);
        return summary(appointmentId, phone);
    }

    public void forwardToOwner(String appointmentId, String phone, String replyMessageId) {
        Context c = context(appointmentId, phone);
        if (notifyOwner(c, "owner-forwarded-text", "forward:" + replyMessageId, replyText(replyMessageId))) {
            log.add(appointmentId, phone, "Forwarded client text to owner");
        }
    }

    public void sendHelp(String appointmentId, String phone, String replyMessageId) {
        Context c = context(appointmentId, phone);
        reply(c, "help", "help:" + replyMessageId);
        log.add(appointmentId, phone, "Sent help text");
    }

    /** STOP: the number is opted out everywhere already; this records it on the attendee. */
    public void recordOptOut(String appointmentId, String phone) {
        appointments.attendee(appointmentId, phone).ifPresent(att -> {
            if (att.status() != AttendeeStatus.OPTED_OUT && !AttendeeStatus.SETTLED.contains(att.status())) {
                appointments.updateAttendee(att.with(AttendeeStatus.OPTED_OUT, false, clock.now()));
                log.add(appointmentId, phone, "Opted out of texts");
                appointments.find(appointmentId).flatMap(a -> calendars.find(a.calendarId()))
                        .ifPresent(cal -> updateDescription(cal, appointmentId));
            }
        });
    }

    /** START: texts may be sent again; the attendee waits as before the opt-out, without a pending question. */
    public void recordOptIn(String appointmentId, String phone) {
        appointments.attendee(appointmentId, phone).ifPresent(att -> {
            if (att.status() == AttendeeStatus.OPTED_OUT) {
                AttendeeStatus back = att.lastRequestAt() == null ? AttendeeStatus.PENDING : AttendeeStatus.REMINDED;
                appointments.updateAttendee(att.with(back, false, clock.now()));
                log.add(appointmentId, phone, "Opted in to texts again");
                appointments.find(appointmentId).flatMap(a -> calendars.find(a.calendarId()))
                        .ifPresent(cal -> updateDescription(cal, appointmentId));
            }
        });
    }

    // --- the owner steps in ---------------------------------------------------------------------

    public String recordNoResponse(String appointmentId, String phone) {
        Context c = context(appointmentId, phone);
        appointments.updateAttendee(c.attendee().with(AttendeeStatus.NO_RESPONSE, false, clock.now()));
        log.add(appointmentId, phone, "No reply by the deadline: call the client");
        updateDescription(c.calendar(), appointmentId);
        return summary(appointmentId, phone);
    }

    public void recordCallOutcome(String appointmentId, String phone, CallOutcome outcome, String notes) {
        Context c = context(appointmentId, phone);
        String suffix = notes == null || notes.isBlank() ? "" : " — " + notes.strip();
        switch (outcome) {
            case CONFIRMED_BY_PHONE -> {
                appointments.updateAttendee(c.attendee().with(AttendeeStatus.CONFIRMED, false, clock.now()));
                log.add(appointmentId, phone, "Confirmed by phone" + suffix);
            }
            case CANCELLED -> {
                appointments.updateAttendee(c.attendee().with(AttendeeStatus.CANCELLED, false, clock.now()));
                log.add(appointmentId, phone, "Cancelled by phone" + suffix);
            }
            case UNREACHABLE -> log.add(appointmentId, phone, "Could not reach the client by phone" + suffix);
        }
        updateDescription(c.calendar(), appointmentId);
    }

    // --- calendar changes -------------------------------------------------------------------------

    /** The event moved: clients who had heard from us get the new time; every attendee starts over. */
    public void announceNewTime(String appointmentId) {
        Appointment appointment = appointments.find(appointmentId).orElseThrow();
        Calendar calendar = calendars.find(appointment.calendarId()).orElseThrow();
        Instant now = clock.now();
        for (Attendee att : appointments.attendees(appointmentId)) {
            if (att.removed()) {
                continue;
            }
            boolean contacted = att.lastRequestAt() != null || att.status() != AttendeeStatus.PENDING;
            if (att.status() == AttendeeStatus.OPTED_OUT) {
                continue;
            }
            if (contacted && att.canReceiveSms()) {
                String body = templates.render(calendar.id(), "new-time", values(calendar, appointment, att.phone(), null)).body();
                OutboundMessages.Result result = outbound.sms("new-time:" + appointmentId + ":" + appointment.planGeneration() + ":" + att.phone(),
                        appointmentId, calendar.id(), att.phone(), body);
                if (result.sent()) {
                    appointments.updateAttendee(att.askedToConfirm(now));
                    log.add(appointmentId, att.phone(), "Sent text with the new time");
                    continue;
                }
                notSent(appointmentId, att.phone(), result);
            }
            appointments.updateAttendee(att.with(AttendeeStatus.PENDING, false, now));
        }
        log.add(appointmentId, null, "Rescheduled to " + WHEN.format(appointment.start().atZone(calendar.timeZone())) + " ("
                + calendar.timeZone().getId() + ")");
        notifyOwner(new Context(appointment, null, calendar), "owner-rescheduled",
                "rescheduled:" + appointmentId + ":" + appointment.planGeneration(), null);
        updateDescription(calendar, appointmentId);
    }

    /** The event was removed (or lost its phone numbers): nothing more is sent. */
    public void cancelAppointment(String appointmentId) {
        Appointment appointment = appointments.find(appointmentId).orElse(null);
        if (appointment == null) {
            return;
        }
        Instant now = clock.now();
        if (appointment.status() == AppointmentStatus.ACTIVE) {
            appointments.update(appointment.withStatus(AppointmentStatus.CANCELLED, now));
        }
        for (Attendee att : appointments.attendees(appointmentId)) {
            if (!att.removed() && att.status() != AttendeeStatus.OPTED_OUT) {
                appointments.updateAttendee(att.with(AttendeeStatus.CANCELLED, false, now));
            }
        }
        reminders.skipPlanned(appointmentId, "the appointment was cancelled");
        log.add(appointmentId, null, "Appointment cancelled");
    }

    // --- helpers ----------------------------------------------------------------------------------

    private record Context(Appointment appointment, Attendee attendee, Calendar calendar) {
    }

    private Context context(String appointmentId, String phone) {
        Appointment appointment = appointments.find(appointmentId).orElseThrow();
        Attendee att = appointments.attendee(appointmentId, phone).orElseThrow();
        Calendar calendar = calendars.find(appointment.calendarId()).orElseThrow();
        return new Context(appointment, att, calendar);
    }

    private Map<String, String> values(Calendar calendar, Appointment appointment, String phone, String text) {
        return MessageTemplates.values(calendar.businessName(), appointment.start(), calendar.timeZone(), appointment.title(),
                phone == null ? null : phoneNumbers.display(phone), text);
    }

    private void reply(Context c, String template, String key) {
        String body = templates.render(c.calendar().id(), template, values(c.calendar(), c.appointment(), c.attendee().phone(), null)).body();
        OutboundMessages.Result result = outbound.sms(key, c.appointment().id(), c.calendar().id(), c.attendee().phone(), body);
        if (!result.sent()) {
            notSent(c.appointment().id(), c.attendee().phone(), result);
        }
    }

    /** A text that was skipped (opted out) is logged; one the provider refused goes to the delivery-failure handling. */
    private void notSent(String appointmentId, String phone, OutboundMessages.Result result) {
        if (result.refused()) {
            failures.textNotDelivered(result.messageId(), result.skippedBecause());
        } else {
            log.add(appointmentId, phone, "Skipped text: " + result.skippedBecause());
        }
    }

    private boolean notifyOwner(Context c, String template, String key, String clientText) {
        if (c.calendar().notificationEmail() == null) {
            return false;
        }
        MessageTemplates.Rendered mail = templates.render(c.calendar().id(), template,
                values(c.calendar(), c.appointment(), c.attendee() == null ? null : c.attendee().phone(), clientText));
        outbound.email(key, c.appointment().id(), c.calendar().id(), c.attendee() == null ? null : c.attendee().phone(),
                c.calendar().notificationEmail(), mail.subject(), mail.body());
        return true;
    }

    private String replyText(String messageId) {
        return messageId == null ? "" : messages.find(messageId).map(Message::body).orElse("");
    }

    private String summary(String appointmentId, String phone) {
        return summaries.of(appointmentId, phone);
    }

    /** The statuses changed: the event's status lines are written soon, in a step of their own. */
    private void updateDescription(Calendar calendar, String appointmentId) {
        statusLines.request(calendar, appointmentId);
    }
}
