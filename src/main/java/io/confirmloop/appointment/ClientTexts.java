package io.confirmloop.appointment;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.confirmloop.calendar.Calendar;
import io.confirmloop.calendar.PhoneNumbers;
import io.confirmloop.messaging.Channel;
import io.confirmloop.messaging.CommunicationSettings;
import io.confirmloop.messaging.Message;
import io.confirmloop.messaging.MessageKind;
import io.confirmloop.messaging.MessageRepository;
import io.confirmloop.messaging.MessageTemplates;
import io.confirmloop.messaging.OutboundMessages;
import org.springframework.stereotype.Component;

/**
 * Texts and emails to a client and to the owner, rendered from the calendar's templates. Each is
 * checked against the account's communication settings and the client's switches just before it
 * goes; one a switch stopped is not sent and comes back as skipped, with the switch as the reason,
 * for the caller to log.
 */
@Component
class ClientTexts {

    private final OutboundMessages outbound;
    private final MessageTemplates templates;
    private final MessageRepository messages;
    private final AppointmentLog log;
    private final PhoneNumbers phoneNumbers;
    private final CommunicationSettings switches;

    ClientTexts(OutboundMessages outbound, MessageTemplates templates, MessageRepository messages, AppointmentLog log,
            PhoneNumbers phoneNumbers, CommunicationSettings switches) {
        this.switches = switches;
        this.outbound = outbound;
        this.templates = templates;
        this.messages = messages;
        this.log = log;
        this.phoneNumbers = phoneNumbers;
    }

    /** Placeholder values for the calendar's templates. */
    Map<String, String> values(Calendar calendar, Appointment appointment, String phone, String clientText) {
        return MessageTemplates.values(calendar.businessName(), appointment.start(), calendar.timeZone(), appointment.title(),
                phone == null ? null : phoneNumbers.display(phone), clientText);
    }

    /** A text to the client from template {@code template}; {@code key} makes it go out once. */
    OutboundMessages.Result text(Calendar calendar, Appointment appointment, String phone, String template, String key) {
        return text(calendar, appointment, phone, template, key, Map.of());
    }

    /** The same, with values of its own (e.g. {@code slots}). */
    OutboundMessages.Result text(Calendar calendar, Appointment appointment, String phone, String template, String key,
            Map<String, String> extra) {
        Map<String, String> values = new HashMap<>(values(calendar, appointment, phone, null));
        values.putAll(extra);
        String body = templates.render(calendar.id(), template, values).body();
        Optional<String> stopped = switches.stopped(calendar.ownerGroup(), phone, MessageKind.ofTemplate(template), Channel.SMS);
        if (stopped.isPresent()) {
            return outbound.stopped(key, appointment.id(), calendar.id(), phone, Channel.SMS, phone, null, body, stopped.get());
        }
        return outbound.sms(key, appointment.id(), calendar.id(), phone, body);
    }

    /** A text answering one the client just sent (no quiet hours); one that did not go out is logged. */
    void answer(Calendar calendar, Appointment appointment, String phone, String template, String key) {
        OutboundMessages.Result result = text(calendar, appointment, phone, template, key);
        if (!result.sent()) {
            log.add(appointment.id(), phone, (result.refused() ? "Text refused: " : "Skipped text: ") + result.skippedBecause());
        }
    }

    /** An email to the client; one a switch stopped is logged and comes back as skipped. */
    OutboundMessages.Result email(Calendar calendar, Appointment appointment, String phone, String to, String template, String key,
            String clientText) {
        MessageTemplates.Rendered mail = templates.render(calendar.id(), template, values(calendar, appointment, phone, clientText));
        Optional<String> stopped = switches.stopped(calendar.ownerGroup(), phone, MessageKind.ofTemplate(template), Channel.EMAIL);
        if (stopped.isPresent()) {
            log.add(appointment.id(), phone, "Skipped email: " + stopped.get());
            return outbound.stopped(key, appointment.id(), calendar.id(), phone, Channel.EMAIL, to, mail.subject(), mail.body(), stopped.get());
        }
        return outbound.email(key, appointment.id(), calendar.id(), phone, to, mail.subject(), mail.body());
    }

    /**
     * An email to the calendar's notification address; false if it has none or owner notifications
     * by email are switched off (then logged), so the caller can reach the owner another way.
     */
    boolean notifyOwner(Calendar calendar, Appointment appointment, String phone, String template, String key, String clientText) {
        if (calendar.notificationEmail() == null) {
            return false;
        }
        MessageTemplates.Rendered mail = templates.render(calendar.id(), template, values(calendar, appointment, phone, clientText));
        Optional<String> stopped = switches.stopped(calendar.ownerGroup(), null, MessageKind.OWNER_NOTIFICATIONS, Channel.EMAIL);
        if (stopped.isPresent()) {
            log.add(appointment.id(), phone, "Skipped email to the owner: " + stopped.get());
            outbound.stopped(key, appointment.id(), calendar.id(), phone, Channel.EMAIL, calendar.notificationEmail(), mail.subject(),
                    mail.body(), stopped.get());
            return false;
        }
        outbound.email(key, appointment.id(), calendar.id(), phone, calendar.notificationEmail(), mail.subject(), mail.body());
        return true;
    }

    /** The body of a message we hold (e.g. the client's reply). */
    String body(String messageId) {
        return messageId == null ? "" : messages.find(messageId).map(Message::body).orElse("");
    }
}
