package io.confirmloop.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.confirmloop.system.ApiException;
import io.confirmloop.system.AppClock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/calendars")
class CalendarController {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm", Locale.ENGLISH);

    private final CalendarService calendars;
    private final CalendarProviders providers;
    private final PhoneNumbers phoneNumbers;
    private final ApplicationEventPublisher events;
    private final AppClock clock;

    CalendarController(CalendarService calendars, CalendarProviders providers, PhoneNumbers phoneNumbers,
            ApplicationEventPublisher events, AppClock clock) {
        this.calendars = calendars;
        this.providers = providers;
        this.phoneNumbers = phoneNumbers;
        this.events = events;
        this.clock = clock;
    }

    @GetMapping
    List<Map<String, Object>> list() {
        return calendars.visibleCalendars().stream().map(CalendarService::view).toList();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> create(@RequestBody CalendarInput in) {
        return CalendarService.view(calendars.create(in));
    }

    @GetMapping("/{id}")
    Map<String, Object> get(@PathVariable String id) {
        return CalendarService.view(calendars.visible(id));
    }

    @PatchMapping("/{id}")
    Map<String, Object> update(@PathVariable String id, @RequestBody CalendarInput in) {
        return CalendarService.view(calendars.update(id, in));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id) {
        calendars.delete(id);
    }

    @PostMapping("/{id}/sync")
    @Transactional
    Map<String, Object> sync(@PathVariable String id) {
        Calendar calendar = calendars.visible(id);
        if (!calendar.active()) {
            throw ApiException.conflict("CALENDAR_INACTIVE", "Calendar " + id + " is not active; activate it to sync");
        }
        events.publishEvent(new CalendarEvents.CalendarChanged(id));
        return Map.of("calendarId", id, "syncedAt", clock.now());
    }

    /**
     * Upcoming events that carry a phone number, with times in the calendar's zone (or in
     * {@code timeZone}, so the owner can compare before confirming the zone).
     */
    @GetMapping("/{id}/preview")
    Map<String, Object> preview(@PathVariable String id, @RequestParam(defaultValue = "5") int days,
            @RequestParam(required = false) String timeZone) {
        Calendar calendar = calendars.visible(id);
        if (days < 1 || days > 31) {
            throw ApiException.badRequest("INVALID_PARAMETER", "days must be between 1 and 31");
        }
        ZoneId zone = timeZone == null ? calendar.timeZone() : CalendarService.zone(timeZone);
        Instant now = clock.now();
        List<Map<String, Object>> appointments = providers.of(calendar).fetch(calendar, now, now.plus(Duration.ofDays(days))).stream()
                .filter(e -> !e.cancelled())
                .map(e -> Map.entry(e, phoneNumbers.find(e.text(), calendar.region())))
                .filter(entry -> !entry.getValue().isEmpty())
                .map(entry -> {
                    ProviderEvent e = entry.getKey();
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("eventId", e.eventId());
                    item.put("title", e.title());
                    item.put("start", e.start().atZone(zone).toOffsetDateTime());
                    item.put("end", e.end().atZone(zone).toOffsetDateTime());
                    item.put("localStart", LOCAL.format(e.start().atZone(zone)));
                    item.put("phones", entry.getValue().stream().map(PhoneNumbers.Found::e164).toList());
                    return item;
                })
                .toList();
        return Map.of("calendarId", id, "timeZone", zone.getId(), "days", days, "appointments", appointments);
    }
}
