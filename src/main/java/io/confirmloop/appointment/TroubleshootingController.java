package io.confirmloop.appointment;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.confirmloop.calendar.Calendar;
import io.confirmloop.calendar.CalendarService;
import io.confirmloop.calendar.PhoneNumbers;
import io.confirmloop.messaging.Channel;
import io.confirmloop.messaging.CommunicationSettings;
import io.confirmloop.messaging.Direction;
import io.confirmloop.messaging.Message;
import io.confirmloop.messaging.MessageKind;
import io.confirmloop.messaging.MessageRepository;
import io.confirmloop.messaging.OptOuts;
import io.confirmloop.messaging.TwilioErrors;
import io.confirmloop.system.ApiException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * "A client says they got nothing": for a number, why the last text did or did not go, and what
 * stands in the way of the next one, in the caller's calendars.
 */
@RestController
class TroubleshootingController {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

    private final PhoneNumbers phoneNumbers;
    private final CalendarService calendars;
    private final AppointmentRepository appointments;
    private final MessageRepository messages;
    private final OptOuts optOuts;
    private final CommunicationSettings settings;
    private final ReminderRepository reminders;
    private final String defaultRegion;

    TroubleshootingController(PhoneNumbers phoneNumbers, CalendarService calendars, AppointmentRepository appointments,
            MessageRepository messages, OptOuts optOuts, CommunicationSettings settings, ReminderRepository reminders,
            @Value("${confirmloop.default-region}") String defaultRegion) {
        this.phoneNumbers = phoneNumbers;
        this.calendars = calendars;
        this.appointments = appointments;
        this.messages = messages;
        this.optOuts = optOuts;
        this.settings = settings;
        this.reminders = reminders;
        this.defaultRegion = defaultRegion;
    }

    @GetMapping("/api/clients/{phone}/troubleshooting")
    Map<String, Object> troubleshoot(@PathVariable String phone) {
        String e164 = phoneNumbers.requireE164(phone, defaultRegion);
        Map<String, Calendar> visible = calendars.visibleCalendars().stream().collect(Collectors.toMap(Calendar::id, c -> c));
        List<Attendee> attendances = appointments.attendeesOfPhone(e164, visible.keySet());
        Optional<Message> last = messages.ofPhone(e164).stream()
                .filter(m -> m.direction() == Direction.OUT && m.channel() == Channel.SMS && visible.containsKey(m.calendarId()))
                .reduce((a, b) -> b);
        if (attendances.isEmpty() && last.isEmpty()) {
            throw ApiException.notFound("Client", e164);
        }

        List<String> blockers = new ArrayList<>();
        Optional<OptOuts.State> optOut = optOuts.state(e164).filter(OptOuts.State::optedOut);
        optOut.ifPresent(s -> blockers.add("The client opted out of texts" + (s.optedOutVia() == null ? "" : " via " + s.optedOutVia())
                + (s.optedOutVia() != null && s.optedOutVia().startsWith("+") ? ": they text START to " + s.optedOutVia()
                        + " to receive texts again" : "")));
        if (!attendances.isEmpty() && attendances.stream().noneMatch(Attendee::canReceiveSms)) {
            blockers.add(phoneNumbers.display(e164) + " cannot receive texts (not a mobile number)");
        }
        Set<String> groups = attendances.stream().map(a -> appointments.find(a.appointmentId()).map(Appointment::calendarId)
                .map(visible::get).map(Calendar::ownerGroup).orElse(null)).filter(g -> g != null).collect(Collectors.toSet());
        for (String group : groups.stream().sorted().toList()) {
            for (MessageKind kind : List.of(MessageKind.REMINDERS, MessageKind.ACKNOWLEDGEMENTS, MessageKind.NEW_TIME_NOTICES)) {
                if (!settings.enabled(group, kind, Channel.SMS)) {
                    blockers.add("Texts (" + kind.label() + ") are switched off in the account settings of " + group);
                }
            }
            if (!settings.client(group, e164).canReceiveTexts()) {
                blockers.add("Texts are switched off for this client in " + group);
            }
        }

        Map<String, Object> view = new LinkedHashMap<>();
        view.put("phone", e164);
        view.put("displayPhone", phoneNumbers.display(e164));
        view.put("lastText", last.map(m -> lastText(m, visible.get(m.calendarId()))).orElse(null));
        view.put("summary", summary(last.orElse(null), visible));
        view.put("blockers", blockers);
        Set<String> live = attendances.stream().filter(a -> !a.removed()).map(Attendee::appointmentId).collect(Collectors.toSet());
        view.put("nextText", reminders.nextPlannedText(e164, live).map(r -> {
            Calendar calendar = appointments.find(r.appointmentId()).map(Appointment::calendarId).map(visible::get).orElseThrow();
            Map<String, Object> next = new LinkedHashMap<>();
            next.put("appointmentId", r.appointmentId());
            next.put("dueAt", r.dueAt());
            next.put("template", r.template());
            next.put("deferredByQuietHours", Reminder.QUIET_HOURS.equals(r.note()));
            next.put("text", (Reminder.QUIET_HOURS.equals(r.note()) ? "Deferred by quiet hours until " : "Due ")
                    + at(r.dueAt(), calendar.timeZone()));
            return next;
        }).orElse(null));
        view.put("optedOut", optOut.isPresent());
        view.put("optedOutVia", optOut.map(OptOuts.State::optedOutVia).orElse(null));
        return view;
    }

    private Map<String, Object> lastText(Message m, Calendar calendar) {
        Map<String, Object> entry = new LinkedHashMap<>(AppointmentController.messageEntry(m));
        entry.put("errorMeaning", TwilioErrors.meaning(m.errorCode()).orElse(null));
        entry.put("timeZone", calendar.timeZone().getId());
        return entry;
    }

    /** Why the last text did or did not go, in one sentence. */
    private static String summary(Message m, Map<String, Calendar> visible) {
        if (m == null) {
            return "No text has been sent to this number yet.";
        }
        ZoneId zone = visible.get(m.calendarId()).timeZone();
        String when = at(m.createdAt(), zone);
        String error = m.errorCode() == null ? "" : " (error " + m.errorCode() + TwilioErrors.meaning(m.errorCode()).map(x -> ": " + x)
                .orElse("") + ")";
        return switch (m.status()) {
            case Message.Status.DELIVERED -> "The last text, of " + when + ", was delivered to the phone.";
            case Message.Status.SENT, Message.Status.QUEUED -> "The last text, of " + when
                    + ", was handed to the provider; the carrier has not reported delivery yet.";
            case Message.Status.SKIPPED -> "The last text, of " + when + ", was not sent: "
                    + (m.errorMessage() == null ? "it was skipped" : m.errorMessage()) + ".";
            case Message.Status.HANDING_OVER, Message.Status.NOT_SENT -> "The last text, of " + when
                    + ", is being handed to the provider (it is retried).";
            default -> "The last text, of " + when + ", was not delivered: the provider reported it "
                    + m.status().toLowerCase(Locale.ROOT) + error + (m.errorMessage() == null || m.errorCode() != null ? "" : ": "
                    + m.errorMessage()) + ".";
        };
    }

    private static String at(java.time.Instant instant, ZoneId zone) {
        return WHEN.format(instant.atZone(zone)) + " (" + zone.getId() + ")";
    }
}
