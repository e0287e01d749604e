package io.confirmloop.appointment;

import java.util.regex.Pattern;

import io.confirmloop.calendar.PhoneNumbers;
import io.confirmloop.calendar.StatusLines;
import org.springframework.stereotype.Component;

/** How tasks name a client: the event's title without numbers, emails and markers, and the number. */
@Component
class ClientLabels {

    private static final Pattern NOISE = Pattern.compile("[+(]?\\d[\\d ()./-]{5,}\\d|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}|[#*]\\w+");

    private final PhoneNumbers phoneNumbers;

    ClientLabels(PhoneNumbers phoneNumbers) {
        this.phoneNumbers = phoneNumbers;
    }

    private static final java.time.format.DateTimeFormatter WHEN =
            java.time.format.DateTimeFormatter.ofPattern("EEE d MMM HH:mm", java.util.Locale.ENGLISH);

    /** The appointment's time in the calendar's zone, e.g. "Wed 2 Dec 14:42". */
    static String when(Appointment appointment, io.confirmloop.calendar.Calendar calendar) {
        return WHEN.format(appointment.start().atZone(calendar.timeZone()));
    }

    /** The event's title without numbers, emails and markers: how the owner named the client, e.g. "Check-up Jane". */
    String name(String eventTitle) {
        String title = NOISE.matcher(StatusLines.withoutStatusLines(eventTitle == null ? "" : eventTitle)).replaceAll(" ")
                .replaceAll("\\s+", " ").trim();
        return title.replaceAll("^[\\s,;:–-]+|[\\s,;:–-]+$", "");
    }

    /** E.g. "Check-up Jane (+1 201-555-0123)". */
    String label(Appointment appointment, String phone) {
        String title = name(appointment.title());
        String number = phoneNumbers.display(phone);
        return title.isEmpty() ? number : title + " (" + number + ")";
    }
}
