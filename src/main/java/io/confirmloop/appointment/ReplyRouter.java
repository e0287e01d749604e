package io.confirmloop.appointment;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.confirmloop.calendar.Calendar;
import io.confirmloop.calendar.CalendarRepository;
import io.confirmloop.calendar.PhoneNumbers;
import io.confirmloop.messaging.Intent;
import io.confirmloop.messaging.Message;
import io.confirmloop.messaging.MessageRepository;
import io.confirmloop.messaging.MessageTemplates;
import io.confirmloop.messaging.OutboundMessages;
import io.confirmloop.system.AppClock;
import org.springframework.stereotype.Component;

/**
 * Hands a stored client text to the appointment it answers: the sender's nearest upcoming
 * appointment that awaits an answer. STOP and START reach every upcoming appointment of the number.
 */
@Component
public class ReplyRouter {

    private final MessageRepository messages;
    private final AppointmentRepository appointments;
    private final CalendarRepository calendars;
    private final LifecycleGateway lifecycle;
    private final LifecycleService service;
    private final OutboundMessages outbound;
    private final MessageTemplates templates;
    private final AppointmentLog log;
    private final PhoneNumbers phoneNumbers;
    private final AppClock clock;

    ReplyRouter(MessageRepository messages, AppointmentRepository appointments, CalendarRepository calendars, LifecycleGateway lifecycle,
            LifecycleService service, OutboundMessages outbound, MessageTemplates templates, AppointmentLog log,
            PhoneNumbers phoneNumbers, AppClock clock) {
        this.messages = messages;
        this.appointments = appointments;
        this.calendars = calendars;
        this.lifecycle = lifecycle;
        this.service = service;
        this.outbound = outbound;
        this.templates = templates;
        this.log = log;
        this.phoneNumbers = phoneNumbers;
        this.clock = clock;
    }

    /**
     * @throws org.camunda.bpm.engine.MismatchingMessageCorrelationException when the appointment that
     *         awaits the answer is busy at this moment (the caller retries)
     * @return true if the text reached an appointment, false if it matched none
     */
    public boolean route(String messageId) {
        Message message = messages.find(messageId).orElseThrow();
        String phone = message.phone();
        Instant now = clock.now();
        Intent intent = message.intent();
        if (intent == Intent.OPT_OUT || intent == Intent.OPT_IN) {
            List<Appointment> upcoming = appointments.upcomingWithAttendee(phone, now);
            if (upcoming.isEmpty()) {
                latest(phone).ifPresent(a -> messages.assign(messageId, a.id(), a.calendarId(), now));
                return false;
            }
            messages.assign(messageId, upcoming.get(0).id(), upcoming.get(0).calendarId(), now);
            for (Appointment appointment : upcoming) {
                if (intent == Intent.OPT_OUT) {
                    service.recordOptOut(appointment.id(), phone);
                } else {
                    service.recordOptIn(appointment.id(), phone);
                }
                lifecycle.deliverReplyIfWaiting(appointment.id(), phone, intent, messageId);
            }
            return true;
        }
        Optional<Appointment> awaiting = appointments.nearestAwaitingReply(phone, now);
        if (awaiting.isPresent()) {
            messages.assign(messageId, awaiting.get().id(), awaiting.get().calendarId(), now);
            lifecycle.deliverReply(awaiting.get().id(), phone, intent, messageId);
            return true;
        }
        if (intent == Intent.HELP) {
            Optional<Appointment> latest = latest(phone);
            Optional<Calendar> calendar = latest.flatMap(a -> calendars.find(a.calendarId()));
            if (latest.isPresent() && calendar.isPresent()) {
                messages.assign(messageId, latest.get().id(), calendar.get().id(), now);
                String body = templates.render(calendar.get().id(), "help", MessageTemplates.values(calendar.get().businessName(),
                        latest.get().start(), calendar.get().timeZone(), latest.get().title(), phoneNumbers.display(phone), null)).body();
                outbound.sms("help:" + messageId, latest.get().id(), calendar.get().id(), phone, body);
                log.add(latest.get().id(), phone, "Sent help text");
                return true;
            }
            return false;
        }
        unmatched(messageId);
        return false;
    }

    /**
     * A text that answers no waiting appointment: kept in the client log and forwarded to the
     * notification email of the calendar the number last had an appointment in.
     */
    public void unmatched(String messageId) {
        Message message = messages.find(messageId).orElseThrow();
        Optional<Appointment> latest = latest(message.phone());
        if (latest.isEmpty()) {
            return;
        }
        Appointment appointment = latest.get();
        messages.assign(messageId, appointment.id(), appointment.calendarId(), clock.now());
        Optional<Calendar> calendar = calendars.find(appointment.calendarId());
        if (calendar.isPresent() && calendar.get().notificationEmail() != null) {
            MessageTemplates.Rendered mail = templates.render(calendar.get().id(), "owner-forwarded-text", MessageTemplates.values(
                    calendar.get().businessName(), appointment.start(), calendar.get().timeZone(), appointment.title(),
                    phoneNumbers.display(message.phone()), message.body()));
            outbound.email("forward:" + messageId, appointment.id(), calendar.get().id(), message.phone(), calendar.get().notificationEmail(),
                    mail.subject(), mail.body());
            log.add(appointment.id(), message.phone(), "Forwarded client text to owner (no appointment awaited an answer)");
        }
    }

    private Optional<Appointment> latest(String phone) {
        return appointments.latestWithAttendee(phone);
    }
}
