package io.confirmloop.appointment;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.confirmloop.calendar.Calendar;
import io.confirmloop.calendar.CalendarService;
import io.confirmloop.messaging.Message;
import io.confirmloop.messaging.MessageRepository;
import io.confirmloop.messaging.TwilioErrors;
import io.confirmloop.system.ApiException;
import io.confirmloop.system.AppClock;
import io.confirmloop.system.IsoTime;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/appointments")
class AppointmentController {

    private final AppointmentRepository appointments;
    private final AppointmentLog log;
    private final MessageRepository messages;
    private final CalendarService calendars;
    private final ReminderRepository reminders;
    private final AppClock clock;

    AppointmentController(AppointmentRepository appointments, AppointmentLog log, MessageRepository messages, CalendarService calendars,
            ReminderRepository reminders, AppClock clock) {
        this.reminders = reminders;
        this.appointments = appointments;
        this.log = log;
        this.messages = messages;
        this.calendars = calendars;
        this.clock = clock;
    }

    @GetMapping
    List<Map<String, Object>> list(@RequestParam(required = false) String calendarId, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String status) {
        String wanted = status == null || status.isBlank() ? null : status.trim().toUpperCase(java.util.Locale.ROOT);
        if (wanted != null && java.util.Arrays.stream(AppointmentStatus.values()).noneMatch(s -> s.name().equals(wanted))
                && java.util.Arrays.stream(AttendeeStatus.values()).noneMatch(s -> s.name().equals(wanted))) {
            throw ApiException.badRequest("INVALID_STATUS", "status '" + status + "' is neither an appointment status (ACTIVE, CANCELLED, "
                    + "COMPLETED) nor an attendee's (PENDING, REMINDED, CONFIRMED, DECLINED, RESCHEDULE_REQUESTED, NO_RESPONSE, "
                    + "CANCELLED, OPTED_OUT)");
        }
        List<Calendar> visible = calendarId == null ? calendars.visibleCalendars() : List.of(calendars.visible(calendarId));
        Instant start = from == null ? clock.now().minus(Duration.ofDays(1)) : IsoTime.parse(from, "from");
        Instant end = to == null ? start.plus(Duration.ofDays(60)) : IsoTime.parse(to, "to");
        if (!end.isAfter(start)) {
            throw ApiException.badRequest("INVALID_TIME_RANGE", "to must be after from");
        }
        Map<String, Calendar> byId = new LinkedHashMap<>();
        visible.forEach(c -> byId.put(c.id(), c));
        return appointments.search(byId.keySet(), start, end).stream().map(a -> view(a, byId.get(a.calendarId())))
                // an appointment's status, or any of its attendees'
                .filter(v -> wanted == null || wanted.equals(v.get("status")) || ((List<?>) v.get("attendees")).stream()
                        .anyMatch(t -> wanted.equals(((Map<?, ?>) t).get("status"))))
                .toList();
    }

    @GetMapping("/{id}")
    Map<String, Object> get(@PathVariable String id) {
        Appointment appointment = visible(id);
        return view(appointment, calendars.visible(appointment.calendarId()));
    }

    @GetMapping("/{id}/log")
    List<Map<String, Object>> log(@PathVariable String id) {
        Appointment appointment = visible(id);
        List<Map<String, Object>> entries = new ArrayList<>();
        List<Message> ofAppointment = messages.ofAppointment(appointment.id());
        Map<String, List<MessageRepository.StatusChange>> history = messages.statusHistory(ofAppointment.stream().map(Message::id).toList());
        for (Message m : ofAppointment) {
            Map<String, Object> entry = messageEntry(m);
            entry.put("statusHistory", history.getOrDefault(m.id(), List.of()));
            entries.add(entry);
        }
        for (AppointmentLog.Entry e : log.entries(appointment.id())) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("at", e.at());
            entry.put("kind", "EVENT");
            entry.put("phone", e.phone());
            entry.put("text", e.text());
            entries.add(entry);
        }
        entries.sort(Comparator.comparing(e -> (Instant) e.get("at")));
        return entries;
    }

    static Map<String, Object> messageEntry(Message m) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("at", m.createdAt());
        entry.put("kind", "MESSAGE");
        entry.put("direction", m.direction().name());
        entry.put("channel", m.channel().name());
        entry.put("from", m.from());
        entry.put("to", m.to());
        entry.put("subject", m.subject());
        entry.put("body", m.body());
        entry.put("status", m.status());
        entry.put("providerId", m.providerId());
        entry.put("appointmentId", m.appointmentId());
        entry.put("intent", m.intent() == null ? null : m.intent().name());
        // the provider's error code and message, or why the message was not sent (a switch, an opt-out)
        entry.put("errorCode", m.errorCode());
        entry.put("errorMessage", m.errorMessage());
        entry.put("errorMeaning", TwilioErrors.meaning(m.errorCode()).orElse(null));
        return entry;
    }

    private Appointment visible(String id) {
        Appointment appointment = appointments.find(id).orElseThrow(() -> ApiException.notFound("Appointment", id));
        try {
            calendars.visible(appointment.calendarId());
        } catch (ApiException e) {
            throw ApiException.notFound("Appointment", id);
        }
        return appointment;
    }

    private Map<String, Object> view(Appointment a, Calendar calendar) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", a.id());
        view.put("calendarId", a.calendarId());
        view.put("eventId", a.eventId());
        view.put("title", a.title());
        view.put("start", a.start().atZone(calendar.timeZone()).toOffsetDateTime());
        view.put("end", a.end().atZone(calendar.timeZone()).toOffsetDateTime());
        view.put("timeZone", calendar.timeZone().getId());
        view.put("status", a.statusAt(clock.now()).name());
        view.put("attendees", appointments.attendees(a.id()).stream().filter(t -> !t.removed()).map(t -> {
            Map<String, Object> attendee = new LinkedHashMap<>();
            attendee.put("phone", t.phone());
            attendee.put("email", t.email());
            attendee.put("status", t.status().name());
            attendee.put("canReceiveSms", t.canReceiveSms());
            attendee.put("nextMessage", reminders.nextPlanned(a.id(), t.phone(), a.planGeneration()).map(r -> {
                Map<String, Object> next = new LinkedHashMap<>();
                next.put("kind", r.kind());
                next.put("at", r.dueAt().atZone(calendar.timeZone()).toOffsetDateTime());
                next.put("deferredByQuietHours", Reminder.QUIET_HOURS.equals(r.note()));
                return next;
            }).orElse(null));
            return attendee;
        }).toList());
        view.put("statusLines", appointments.pendingDescription(a.id()).map(p -> {
            Map<String, Object> lines = new LinkedHashMap<>();
            lines.put("pending", true);
            lines.put("error", p.error());
            lines.put("failures", p.failures());
            lines.put("lastFailedAt", p.failedAt());
            return lines;
        }).orElse(null));
        return view;
    }
}
