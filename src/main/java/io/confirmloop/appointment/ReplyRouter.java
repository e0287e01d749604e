package io.confirmloop.appointment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.confirmloop.calendar.Calendar;
import io.confirmloop.calendar.CalendarRepository;
import io.confirmloop.messaging.Intent;
import io.confirmloop.messaging.Message;
import io.confirmloop.messaging.MessageRepository;
import io.confirmloop.messaging.ReplyHandler;
import io.confirmloop.system.AppClock;
import org.springframework.stereotype.Component;

/**
 * Hands a stored client text to the attendee process it answers: the sender's nearest upcoming
 * appointment that awaits an answer, else their nearest upcoming one. Every reply goes through the
 * process (HELP and OTHER too); a text that answers nothing is kept and told to the owner.
 */
@Component
class ReplyRouter implements ReplyHandler {

    private final MessageRepository messages;
    private final AppointmentRepository appointments;
    private final CalendarRepository calendars;
    private final LifecycleGateway lifecycle;
    private final ClientTexts texts;
    private final AppointmentLog log;
    private final AppClock clock;
    private final SlotOffers slotOffers;

    ReplyRouter(MessageRepository messages, AppointmentRepository appointments, CalendarRepository calendars, LifecycleGateway lifecycle,
            ClientTexts texts, AppointmentLog log, AppClock clock, SlotOffers slotOffers) {
        this.slotOffers = slotOffers;
        this.messages = messages;
        this.appointments = appointments;
        this.calendars = calendars;
        this.lifecycle = lifecycle;
        this.texts = texts;
        this.log = log;
        this.clock = clock;
    }

    @Override
    public boolean route(String messageId) {
        Message message = messages.find(messageId).orElseThrow();
        String phone = message.phone();
        Instant now = clock.now();
        List<Appointment> candidates = new ArrayList<>();
        if (message.intent() == Intent.SLOT_CHOICE) {
            // a number answers the free slots we texted last
            slotOffers.appointmentWithOpenOffer(phone).flatMap(appointments::find).ifPresent(candidates::add);
        }
        appointments.nearestAwaitingReply(phone, now).ifPresent(candidates::add);
        candidates.addAll(appointments.upcomingWithAttendee(phone, now));
        Optional<Appointment> target = candidates.stream().filter(a -> lifecycle.isRunning(a.id(), phone)).findFirst();
        if (target.isEmpty()) {
            return false;
        }
        messages.assign(messageId, target.get().id(), target.get().calendarId(), now);
        lifecycle.deliverReply(target.get().id(), phone, message.intent(), messageId);
        return true;
    }

    @Override
    public void unmatched(String messageId) {
        Message message = messages.find(messageId).orElseThrow();
        Optional<Appointment> latest = appointments.latestWithAttendee(message.phone());
        Optional<Calendar> calendar = latest.flatMap(a -> calendars.find(a.calendarId()));
        if (latest.isEmpty() || calendar.isEmpty()) {
            return;
        }
        Appointment appointment = latest.get();
        messages.assign(messageId, appointment.id(), calendar.get().id(), clock.now());
        Intent intent = message.intent();
        if (intent == Intent.OPT_OUT || intent == Intent.OPT_IN) {
            return; // applied when it came in; kept in the client log
        }
        if (intent == Intent.HELP) {
            // the carriers require an answer to HELP, process or not
            texts.answer(calendar.get(), appointment, message.phone(), "help", "help:" + messageId);
            log.add(appointment.id(), message.phone(), "Sent help text");
            return;
        }
        if (texts.notifyOwner(calendar.get(), appointment, message.phone(), "owner-forwarded-text", "forward:" + messageId, message.body())) {
            log.add(appointment.id(), message.phone(), "Forwarded client text to owner (no appointment awaited an answer)");
        }
    }
}
