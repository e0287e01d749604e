package io.confirmloop.appointment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.confirmloop.calendar.Calendar;
import io.confirmloop.calendar.CalendarService;
import io.confirmloop.calendar.PhoneNumbers;
import io.confirmloop.messaging.CommunicationSettings;
import io.confirmloop.messaging.MessageRepository;
import io.confirmloop.messaging.OptOuts;
import io.confirmloop.system.ApiException;
import io.confirmloop.system.CurrentAccount;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A client's messages across the caller's calendars, and whether texts and emails reach them. Any
 * number we hold a message or an opt-out for has one: an owner sees the numbers tied to their
 * accounts, an admin every number.
 */
@RestController
class ClientLogController {

    private final MessageRepository messages;
    private final OptOuts optOuts;
    private final CalendarService calendars;
    private final AppointmentRepository appointments;
    private final PhoneNumbers phoneNumbers;
    private final CurrentAccount account;
    private final String defaultRegion;
    private final CommunicationSettings settings;
    private final ClientLabels labels;
    private final ClientDirectory clients;
    private static final int MAX_CLIENTS = 50;

    ClientLogController(MessageRepository messages, OptOuts optOuts, CalendarService calendars, AppointmentRepository appointments,
            PhoneNumbers phoneNumbers, CurrentAccount account, @Value("${confirmloop.default-region}") String defaultRegion,
            CommunicationSettings settings, ClientLabels labels, ClientDirectory clients) {
        this.clients = clients;
        this.settings = settings;
        this.labels = labels;
        this.account = account;
        this.messages = messages;
        this.optOuts = optOuts;
        this.calendars = calendars;
        this.appointments = appointments;
        this.phoneNumbers = phoneNumbers;
        this.defaultRegion = defaultRegion;
    }

    /**
     * Clients of the caller's calendars whose number, email or appointment title (where the name
     * is) contains {@code q}, most recent appointment first: one entry per number, named as its
     * latest appointment names it.
     */
    @GetMapping("/api/clients")
    List<Map<String, Object>> find(@RequestParam(required = false) String q) {
        String text = q == null ? "" : q.trim();
        if (text.length() < 2) {
            throw ApiException.badRequest("QUERY_TOO_SHORT", "Search with at least 2 characters of a name, number or email (q=)");
        }
        Map<String, Calendar> visible = calendars.visibleCalendars().stream().collect(Collectors.toMap(Calendar::id, c -> c));
        String digits = text.replaceAll("\\D", "");
        List<String> phones = clients.find(text, digits.length() >= 3 ? digits : "", visible.keySet(), 500).stream()
                .map(ClientDirectory.ClientMatch::phone).distinct().limit(MAX_CLIENTS).toList();
        return phones.stream().flatMap(p -> clients.latest(p, visible.keySet()).stream()).map(m -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("phone", m.phone());
            entry.put("displayPhone", phoneNumbers.display(m.phone()));
            entry.put("name", labels.name(m.title()));
            entry.put("email", m.email());
            var state = optOuts.state(m.phone());
            entry.put("smsOptedOut", state.map(OptOuts.State::optedOut).orElse(false));
            entry.put("optedOutVia", state.filter(OptOuts.State::optedOut).map(OptOuts.State::optedOutVia).orElse(null));
            Map<String, Object> appointment = new LinkedHashMap<>();
            appointment.put("id", m.appointmentId());
            appointment.put("calendarId", m.calendarId());
            appointment.put("title", m.title());
            appointment.put("start", m.start());
            appointment.put("timeZone", visible.get(m.calendarId()).timeZone().getId());
            entry.put("latestAppointment", appointment);
            return entry;
        }).toList();
    }

    @GetMapping("/api/clients/{phone}/log")
    Map<String, Object> log(@PathVariable String phone) {
        String e164 = phoneNumbers.requireE164(phone, defaultRegion);
        Map<String, Calendar> byId = calendars.visibleCalendars().stream().collect(Collectors.toMap(Calendar::id, c -> c));
        Set<String> visible = byId.keySet();
        boolean admin = account.isAdmin();
        // an admin sees every message of the number, also texts that answered no appointment (e.g. a STOP out of the blue)
        List<Map<String, Object>> entries = messages.ofPhone(e164).stream()
                .filter(m -> admin || (m.calendarId() != null && visible.contains(m.calendarId())))
                .map(m -> {
                    Map<String, Object> entry = AppointmentController.messageEntry(m);
                    // the zone of the message's calendar, for showing its times there
                    entry.put("timeZone", m.calendarId() == null || !byId.containsKey(m.calendarId()) ? null
                            : byId.get(m.calendarId()).timeZone().getId());
                    return entry;
                }).toList();
        List<Attendee> attendances = appointments.attendeesOfPhone(e164, visible);
        var state = optOuts.state(e164);
        if (entries.isEmpty() && attendances.isEmpty() && !(admin && state.isPresent())) {
            throw ApiException.notFound("Client", e164);
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("phone", e164);
        view.put("canReceiveTexts", attendances.stream().anyMatch(Attendee::canReceiveSms) && !optOuts.isOptedOut(e164));
        view.put("canReceiveEmail", attendances.stream().anyMatch(a -> a.email() != null));
        view.put("smsOptedOut", state.map(OptOuts.State::optedOut).orElse(false));
        view.put("optedOutAt", state.filter(OptOuts.State::optedOut).map(OptOuts.State::optedOutAt).orElse(null));
        view.put("optedOutVia", state.filter(OptOuts.State::optedOut).map(OptOuts.State::optedOutVia).orElse(null));
        view.put("messages", entries);
        // per account of the caller's: the client's own switches, and every change of them and of the account's settings
        List<String> groups = calendars.visibleCalendars().stream().map(Calendar::ownerGroup).distinct().sorted().toList();
        view.put("switches", groups.stream().map(g -> {
            CommunicationSettings.ClientSwitches switches = settings.client(g, e164);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("ownerGroup", g);
            entry.put("canReceiveTexts", switches.canReceiveTexts());
            entry.put("canReceiveEmails", switches.canReceiveEmails());
            return entry;
        }).toList());
        java.util.stream.Stream<Map<String, Object>> switchChanges = groups.stream().flatMap(g -> settings.changes(g, e164).stream().map(c -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("at", c.at());
            entry.put("ownerGroup", g);
            entry.put("by", c.changedBy());
            entry.put("text", c.text());
            return entry;
        }));
        java.util.stream.Stream<Map<String, Object>> optOutChanges = optOuts.changes(e164).stream().map(c -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("at", c.at());
            entry.put("by", "the client");
            entry.put("text", c.optedOut() ? "Opted out of texts" + (c.via() == null ? "" : " via " + c.via()) : "Opted in to texts again");
            return entry;
        });
        view.put("changes", java.util.stream.Stream.concat(switchChanges, optOutChanges)
                .sorted(java.util.Comparator.comparing(e -> (java.time.Instant) e.get("at"))).toList());
        return view;
    }

}
