package io.confirmloop.reporting;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.confirmloop.calendar.Calendar;

/** The report as the API shows it: JSON maps, and the rows of its two CSV tables. */
final class ReportViews {

    static final List<String> REPLY_COLUMNS = List.of("at", "calendarId", "calendar", "appointmentId", "appointment", "appointmentStart",
            "phone", "text", "readAs", "attendeeStatus");

    private ReportViews() {
    }

    static Map<String, Object> json(ReportResult r) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("from", r.from());
        view.put("to", r.to());
        view.put("calendarId", r.calendarId());
        view.put("totals", r.total().figures());
        view.put("calendars", r.calendars().stream().map(c -> {
            Map<String, Object> calendar = new LinkedHashMap<>();
            calendar.put("id", c.id());
            calendar.put("name", c.name());
            calendar.put("timeZone", c.timeZone().getId());
            calendar.putAll(r.ofCalendar(c.id()).figures());
            return calendar;
        }).toList());
        view.put("days", r.days().entrySet().stream().map(e -> {
            Map<String, Object> day = new LinkedHashMap<>();
            day.put("date", e.getKey());
            day.putAll(e.getValue().figures());
            return day;
        }).toList());
        view.put("replies", replies(r).stream().map(row -> {
            Map<String, Object> reply = new LinkedHashMap<>();
            for (int i = 0; i < REPLY_COLUMNS.size(); i++) {
                reply.put(REPLY_COLUMNS.get(i), row.get(i));
            }
            return reply;
        }).toList());
        return view;
    }

    /** One row per calendar and date: the calendar, the date, then the figures. */
    static List<List<Object>> dayRows(ReportResult r) {
        List<List<Object>> rows = new ArrayList<>();
        Map<String, Calendar> calendars = r.calendarsById();
        r.tallies().forEach((calendarId, days) -> days.forEach((LocalDate date, Tally t) -> {
            List<Object> row = new ArrayList<>(List.of(calendarId, calendars.get(calendarId).name(), date));
            row.addAll(t.figures().values());
            rows.add(row);
        }));
        return rows;
    }

    static List<String> dayColumns() {
        List<String> columns = new ArrayList<>(List.of("calendarId", "calendar", "date"));
        columns.addAll(new Tally().figures().keySet());
        return columns;
    }

    /** The replies in {@link #REPLY_COLUMNS}' order, times in their calendar's zone. */
    static List<List<Object>> replies(ReportResult r) {
        Map<String, Calendar> calendars = r.calendarsById();
        return r.replies().stream().map(reply -> {
            Calendar c = calendars.get(reply.calendarId());
            List<Object> row = new ArrayList<>();
            row.add(local(reply.at(), c));
            row.add(reply.calendarId());
            row.add(c.name());
            row.add(reply.appointmentId());
            row.add(reply.title());
            row.add(reply.appointmentStart() == null ? null : local(reply.appointmentStart(), c));
            row.add(reply.phone());
            row.add(reply.text());
            row.add(reply.intent());
            row.add(reply.attendeeStatus());
            return row;
        }).toList();
    }

    private static OffsetDateTime local(java.time.Instant at, Calendar c) {
        return at.atZone(c.timeZone()).toOffsetDateTime();
    }
}
