package io.confirmloop.appointment;

import io.confirmloop.calendar.Calendar;
import io.confirmloop.calendar.CalendarRepository;

/** An appointment with its calendar, as the steps that text its clients need them. */
record AppointmentInCalendar(Appointment appointment, Calendar calendar) {

    static AppointmentInCalendar load(AppointmentRepository appointments, CalendarRepository calendars, String appointmentId) {
        Appointment appointment = appointments.find(appointmentId).orElseThrow();
        return new AppointmentInCalendar(appointment, calendars.find(appointment.calendarId()).orElseThrow());
    }
}
