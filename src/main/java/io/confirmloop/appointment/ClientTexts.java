package io.confirmloop.appointment;

import java.util.HashMap;
import java.util.Map;

import io.confirmloop.calendar.Calendar;
import io.confirmloop.calendar.PhoneNumbers;
import io.confirmloop.messaging.Message;
import io.confirmloop.messaging.MessageRepository;
import io.confirmloop.messaging.MessageTemplates;
import io.confirmloop.messaging.OutboundMessages;
import org.springframework.stereotype.Component;

/** Texts and emails to a client and to the owner, rendered from the calendar's templates. */
@Component
class ClientTexts {

    private final OutboundMessages outbound;
    private final MessageTemplates templates;
    private final MessageRepository messages;
    private final AppointmentLog log;
    private final PhoneNumbers phoneNumbers;

    ClientTexts(OutboundMessages outbound, MessageTemplates templates, MessageRepository messages, AppointmentLog log,
            PhoneNumbers phoneNumbers) {
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
        return outbound.sms(key, appointment.id(), calendar.id(), phone, body);
    }

    /** A text answering one the client just sent (no quiet hours); one that did not go out is logged. */
    void answer(Calendar calendar, Appointment appointment, String phone, String template, String key) {
        OutboundMessages.Result result = text(calendar, appointment, phone, template, key);
        if (!result.sent()) {
            log.add(appointment.id(), phone, (result.refused() ? "Text refused: " : "Skipped text: ") + result.skippedBecause());
        }
    }

    /** An email to the client. */
    void email(Calendar calendar, Appointment appointment, String phone, String to, String template, String key, String clientText) {
        MessageTemplates.Rendered mail = templates.render(calendar.id(), template, values(calendar, appointment, phone, clientText));
        outbound.email(key, appointment.id(), calendar.id(), phone, to, mail.subject(), mail.body());
    }

    /** An email to the calendar's notification address; false if it has none. */
    boolean notifyOwner(Calendar calendar, Appointment appointment, String phone, String template, String key, String clientText) {
        if (calendar.notificationEmail() == null) {
            return false;
        }
        email(calendar, appointment, phone, calendar.notificationEmail(), template, key, clientText);
        return true;
    }

    /** The body of a message we hold (e.g. the client's reply). */
    String body(String messageId) {
        return messageId == null ? "" : messages.find(messageId).map(Message::body).orElse("");
    }
}
