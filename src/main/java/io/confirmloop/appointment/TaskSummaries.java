package io.confirmloop.appointment;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.confirmloop.calendar.Calendar;
import io.confirmloop.calendar.CalendarRepository;
import io.confirmloop.calendar.PhoneNumbers;
import io.confirmloop.messaging.Direction;
import io.confirmloop.messaging.Message;
import io.confirmloop.messaging.MessageRepository;
import org.springframework.stereotype.Component;

/**
 * The text the owner's task forms show: appointment, client (and where to find them on the
 * Clients page), message history and the appointment's log for this client.
 */
@Component
class TaskSummaries {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

    private final AppointmentRepository appointments;
    private final CalendarRepository calendars;
    private final MessageRepository messages;
    private final PhoneNumbers phoneNumbers;
    private final AppointmentLog log;

    TaskSummaries(AppointmentRepository appointments, CalendarRepository calendars, MessageRepository messages, PhoneNumbers phoneNumbers,
            AppointmentLog log) {
        this.log = log;
        this.appointments = appointments;
        this.calendars = calendars;
        this.messages = messages;
        this.phoneNumbers = phoneNumbers;
    }

    String of(String appointmentId, String phone) {
        Appointment appointment = appointments.find(appointmentId).orElseThrow();
        Calendar calendar = calendars.find(appointment.calendarId()).orElseThrow();
        Attendee att = appointments.attendee(appointmentId, phone).orElseThrow();
        List<String> lines = new ArrayList<>();
        lines.add("Appointment: " + appointment.title());
        lines.add("When: " + WHEN.format(appointment.start().atZone(calendar.timeZone())) + " (" + calendar.timeZone().getId() + ")");
        lines.add("Calendar: " + calendar.name());
        lines.add("Client: " + phoneNumbers.display(phone) + (att.email() == null ? "" : ", " + att.email()) + " — " + att.statusWords());
        lines.add("Client page (messages, switches, why a text did not arrive): /clients#" + phone);
        lines.add("");
        lines.add("Messages:");
        for (Message m : messages.ofAppointment(appointmentId)) {
            if (!phone.equals(m.phone())) {
                continue;
            }
            String arrow = m.direction() == Direction.OUT ? "→" : "←";
            lines.add(WHEN.format(m.createdAt().atZone(calendar.timeZone())) + " " + arrow + " " + m.channel() + ": "
                    + (m.subject() == null ? m.body() : m.subject()) + " [" + m.status() + "]");
        }
        lines.add("");
        lines.add("Log:");
        for (AppointmentLog.Entry e : log.entries(appointmentId)) {
            if (e.phone() == null || phone.equals(e.phone())) {
                lines.add(WHEN.format(e.at().atZone(calendar.timeZone())) + " " + e.text());
            }
        }
        return String.join("\n", lines);
    }
}
