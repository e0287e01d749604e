package io.confirmloop.appointment;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.confirmloop.appointment.AttendeeTransitions.Transition;
import io.confirmloop.calendar.CalendarRepository;
import io.confirmloop.messaging.OutboundMessages;
import io.confirmloop.messaging.ReplyIntents;
import io.confirmloop.system.AppClock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * The reschedule-by-text path of the model: free slots found and texted (within quiet hours), the
 * number the client sends moves the event, a taken or expired slot gets a fresh offer, and without
 * free slots or a choice the owner reschedules.
 */
@Service
class RescheduleSteps implements LifecycleSteps.Reschedules {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

    private final AppointmentRepository appointments;
    private final CalendarRepository calendars;
    private final SlotOffers offers;
    private final AttendeeTransitions transitions;
    private final ClientTexts texts;
    private final ReminderPlanner planner;
    private final StatusLineWriter statusLines;
    private final AppointmentLog log;
    private final TaskSummaries summaries;
    private final AppClock clock;
    private final java.time.Duration choiceWait;

    RescheduleSteps(AppointmentRepository appointments, CalendarRepository calendars, SlotOffers offers, AttendeeTransitions transitions,
            ClientTexts texts, ReminderPlanner planner, StatusLineWriter statusLines, AppointmentLog log, TaskSummaries summaries,
            AppClock clock, @Value("${confirmloop.booking.choice-wait:PT24H}") java.time.Duration choiceWait) {
        this.appointments = appointments;
        this.calendars = calendars;
        this.offers = offers;
        this.transitions = transitions;
        this.texts = texts;
        this.planner = planner;
        this.statusLines = statusLines;
        this.log = log;
        this.summaries = summaries;
        this.clock = clock;
        this.choiceWait = choiceWait;
    }

    private AppointmentInCalendar context(String appointmentId) {
        return AppointmentInCalendar.load(appointments, calendars, appointmentId);
    }

    @Override
    public LifecycleSteps.SlotOfferPlan findFreeSlots(String appointmentId, String phone, String replyMessageId) {
        AppointmentInCalendar c = context(appointmentId);
        Instant now = clock.now();
        Optional<SlotOffers.Offer> offer = offers.create(c.calendar(), c.appointment(), phone, now);
        Optional<Instant> offerAt = offer.flatMap(o -> planner.outsideQuietHours(now, o.slots().get(0).start(), now, c.calendar()));
        if (offer.isEmpty() || offerAt.isEmpty()) {
            offer.ifPresent(o -> offers.close(appointmentId, phone));
            log.add(appointmentId, phone, offer.isEmpty() ? "No free slot to offer: the owner reschedules"
                    : "No moment outside quiet hours to offer free slots: the owner reschedules");
            texts.answer(c.calendar(), c.appointment(), phone, "reschedule-ack", "ack:" + replyMessageId);
            texts.notifyOwner(c.calendar(), c.appointment(), phone, "owner-reschedule-request", "reschedule:" + replyMessageId,
                    texts.body(replyMessageId));
            return new LifecycleSteps.SlotOfferPlan(false, null, null, summaries.of(appointmentId, phone));
        }
        Instant latest = offerAt.get().plus(choiceWait);
        Instant deadline = c.appointment().start().isAfter(offerAt.get()) && c.appointment().start().isBefore(latest)
                ? c.appointment().start() : latest;
        log.add(appointmentId, phone, "Found " + offer.get().slots().size() + " free slots to offer"
                + (offerAt.get().equals(now) ? "" : " at " + WHEN.format(offerAt.get().atZone(c.calendar().timeZone())) + " (quiet hours)"));
        return new LifecycleSteps.SlotOfferPlan(true, offerAt.get(), deadline, null);
    }

    @Override
    public void textSlotOffer(String appointmentId, String phone) {
        AppointmentInCalendar c = context(appointmentId);
        Optional<SlotOffers.Offer> offer = offers.open(appointmentId, phone);
        if (offer.isEmpty()) {
            return;
        }
        OutboundMessages.Result result = texts.text(c.calendar(), c.appointment(), phone, "slot-offer", "offer:" + offer.get().id(),
                Map.of("slots", SlotOffers.describe(offer.get().slots(), c.calendar())));
        if (!result.sent()) {
            offers.close(appointmentId, phone);
            log.add(appointmentId, phone, (result.refused() ? "Free slots refused: " : "Free slots not texted: ") + result.skippedBecause());
            if (result.refused()) {
                throw new LifecycleSteps.TextRefused(result.messageId(), result.skippedBecause());
            }
            return;
        }
        offers.texted(offer.get().id(), clock.now());
        log.add(appointmentId, phone, "Texted free slots: " + SlotOffers.describe(offer.get().slots(), c.calendar()));
    }

    @Override
    public boolean moveToChosenSlot(String appointmentId, String phone, String replyMessageId) {
        AppointmentInCalendar c = context(appointmentId);
        int number = number(texts.body(replyMessageId));
        SlotOffers.Choice choice = offers.choose(c.calendar(), c.appointment(), phone, number, clock.now());
        switch (choice.outcome()) {
            case MOVED -> {
                Appointment moved = c.appointment().at(choice.slot().start(), choice.slot().end());
                transitions.apply(appointmentId, phone, Transition.MOVED_BY_CLIENT);
                log.add(appointmentId, phone, "Moved by text to " + WHEN.format(choice.slot().start().atZone(c.calendar().timeZone()))
                        + " (slot " + number + ")");
                texts.answer(c.calendar(), moved, phone, "slot-moved", "moved:" + replyMessageId);
                texts.notifyOwner(c.calendar(), moved, phone, "owner-client-rescheduled", "client-moved:" + replyMessageId, null);
                statusLines.request(c.calendar(), appointmentId);
                return true;
            }
            case TAKEN -> log.add(appointmentId, phone, "Slot " + number + " was taken meanwhile: offering fresh slots");
            case EXPIRED -> log.add(appointmentId, phone, "Slot " + number + " chosen after the offer expired: offering fresh slots");
            case NOT_OFFERED -> log.add(appointmentId, phone, "Slot " + number + " was not offered: offering fresh slots");
            case NO_OFFER -> log.add(appointmentId, phone, "A slot number came in with no offer open: offering fresh slots");
        }
        return false;
    }

    @Override
    public String recordNoSlotChosen(String appointmentId, String phone) {
        AppointmentInCalendar c = context(appointmentId);
        offers.close(appointmentId, phone);
        log.add(appointmentId, phone, "No slot chosen: the owner reschedules");
        texts.notifyOwner(c.calendar(), c.appointment(), phone, "owner-reschedule-request", "no-choice:" + appointmentId + ":" + phone
                + ":" + c.appointment().planGeneration(), "(no answer to the free slots we offered)");
        return summaries.of(appointmentId, phone);
    }

    @Override
    public String recordRefusedOffer(String appointmentId, String phone) {
        AppointmentInCalendar c = context(appointmentId);
        log.add(appointmentId, phone, "The free slots could not be texted: the owner reschedules");
        texts.notifyOwner(c.calendar(), c.appointment(), phone, "owner-reschedule-request", "offer-refused:" + appointmentId + ":" + phone
                + ":" + c.appointment().planGeneration(), "(the free slots could not be texted to the client)");
        return summaries.of(appointmentId, phone);
    }

    @Override
    public void withdrawSlotOffer(String appointmentId, String phone) {
        offers.close(appointmentId, phone);
        transitions.apply(appointmentId, phone, Transition.OFFER_WITHDRAWN);
        log.add(appointmentId, phone, "The appointment changed while free slots were offered: offer withdrawn");
    }

    /** The slot number in the client's text (0 when there is none). */
    static int number(String text) {
        String normalised = ReplyIntents.normalise(text == null ? "" : text);
        return normalised.matches("[1-9]") ? Integer.parseInt(normalised) : 0;
    }
}
