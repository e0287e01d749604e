package io.confirmloop.booking;

import static io.confirmloop.booking.AvailabilityProcess.Variables;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.confirmloop.calendar.Calendar;
import io.confirmloop.system.ApiException;
import org.springframework.stereotype.Component;

/**
 * The "Set availability" form's values for a calendar, and saving what the owner submitted. The
 * form shows and changes the windows of the account's client-facing type and the exceptions of that
 * type or of every type; windows and exceptions of other types are kept as they are.
 */
@Component
class AvailabilityForm {

    private final AvailabilityRepository repository;
    private final AvailabilityTypes types;
    private final EventDefaults defaults;

    AvailabilityForm(AvailabilityRepository repository, AvailabilityTypes types, EventDefaults defaults) {
        this.repository = repository;
        this.types = types;
        this.defaults = defaults;
    }

    /** The form variable of a weekday: "monday" … "sunday". */
    static String key(DayOfWeek day) {
        return day.name().toLowerCase(Locale.ROOT);
    }

    /** The calendar's hours, exceptions and the account's event defaults as the form shows them. */
    Map<String, Object> values(Calendar calendar) {
        String typeId = repository.clientFacingType(calendar.ownerGroup()).map(AvailabilityType::id).orElse(null);
        Availability shown = repository.availability(calendar.id()).ofType(typeId);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(Variables.CALENDAR_ID, calendar.id());
        values.put(Variables.SHOWN_CALENDAR_ID, calendar.id());
        values.put(Variables.CALENDAR_NAME, calendar.name());
        for (DayOfWeek day : DayOfWeek.values()) {
            values.put(key(day), AvailabilityText.day(shown.weekly().stream().filter(w -> w.day() == day).toList()));
        }
        values.put(Variables.EXCEPTIONS, AvailabilityText.exceptions(shown.exceptions()));
        BookingSettings settings = defaults.of(calendar.ownerGroup());
        values.put(Variables.DEFAULT_DURATION, settings.defaultDurationMinutes());
        values.put(Variables.DAYS_TO_VIEW, settings.daysToView());
        values.put(Variables.EVENT_REQUESTS, settings.eventRequestsEnabled());
        return values;
    }

    /**
     * Saves the submitted values for the calendar, or saves nothing and answers what is wrong (every
     * problem, one a line).
     */
    String save(Calendar calendar, Map<String, Object> submitted) {
        List<String> problems = new ArrayList<>();
        List<Availability.Window> weekly = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            weekly.addAll(AvailabilityText.day(day, text(submitted.get(key(day))), null, problems));
        }
        List<Availability.Exception> exceptions = AvailabilityText.exceptions(text(submitted.get(Variables.EXCEPTIONS)), problems);
        Integer duration = number(submitted.get(Variables.DEFAULT_DURATION), "Default duration", problems);
        Integer days = number(submitted.get(Variables.DAYS_TO_VIEW), "Days to view", problems);
        BookingSettings settings = null;
        if (duration != null && days != null) {
            settings = new BookingSettings(duration, days, !Boolean.FALSE.equals(submitted.get(Variables.EVENT_REQUESTS)));
            try {
                EventDefaults.check(settings);
            } catch (ApiException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            return "Nothing was saved; please correct:\n" + String.join("\n", problems);
        }
        String typeId = types.clientFacing(calendar.ownerGroup()).id();
        Availability stored = repository.availability(calendar.id());
        List<Availability.Window> allWeekly = new ArrayList<>(stored.weekly().stream().filter(w -> !w.typeId().equals(typeId)).toList());
        weekly.forEach(w -> allWeekly.add(new Availability.Window(typeId, w.day(), w.from(), w.to())));
        List<Availability.Exception> allExceptions = new ArrayList<>(stored.exceptions().stream()
                .filter(e -> e.typeId() != null && !e.typeId().equals(typeId)).toList());
        allExceptions.addAll(exceptions);
        repository.replaceAvailability(calendar.id(), new Availability(allWeekly, allExceptions));
        defaults.save(calendar.ownerGroup(), settings);
        return null;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static Integer number(Object value, String label, List<String> problems) {
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.intValue();
        }
        try {
            return Integer.valueOf(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            problems.add(label + " must be a whole number" + (value == null ? "" : ", not '" + value + "'"));
            return null;
        }
    }
}
