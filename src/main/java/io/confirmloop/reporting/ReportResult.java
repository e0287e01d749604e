package io.confirmloop.reporting;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.confirmloop.calendar.Calendar;

/** The figures per calendar and local date (every date of the period, zeros included), and the latest replies. */
record ReportResult(LocalDate from, LocalDate to, String calendarId, List<Calendar> calendars,
        Map<String, Map<LocalDate, Tally>> tallies, List<ReportQueries.Reply> replies) {

    Tally total() {
        Tally total = new Tally();
        tallies.values().forEach(days -> days.values().forEach(total::add));
        return total;
    }

    Tally ofCalendar(String id) {
        Tally total = new Tally();
        tallies.get(id).values().forEach(total::add);
        return total;
    }

    /** Each date summed over the calendars. */
    Map<LocalDate, Tally> days() {
        Map<LocalDate, Tally> days = new TreeMap<>();
        tallies.values().forEach(byDay -> byDay.forEach((d, t) -> days.computeIfAbsent(d, x -> new Tally()).add(t)));
        return days;
    }

    Map<String, Calendar> calendarsById() {
        return calendars.stream().collect(Collectors.toMap(Calendar::id, c -> c, (a, b) -> a, LinkedHashMap::new));
    }
}
