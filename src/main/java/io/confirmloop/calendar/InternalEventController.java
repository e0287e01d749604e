package io.confirmloop.calendar;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.confirmloop.system.ApiException;
import io.confirmloop.system.AppClock;
import io.confirmloop.system.Ids;
import io.confirmloop.system.IsoTime;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Events of the built-in calendar. Every write goes through the same sync path as provider
 * calendars: the calendar is synced in the same transaction.
 */
@RestController
@RequestMapping("/api/calendars/{calendarId}/events")
class InternalEventController {

    private final CalendarService calendars;
    private final InternalCalendar internal;
    private final ApplicationEventPublisher events;
    private final AppClock clock;

    InternalEventController(CalendarService calendars, InternalCalendar internal, ApplicationEventPublisher events, AppClock clock) {
        this.calendars = calendars;
        this.internal = internal;
        this.events = events;
        this.clock = clock;
    }

    @GetMapping
    List<Map<String, Object>> list(@PathVariable String calendarId, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        Calendar calendar = builtIn(calendarId);
        Instant start = from == null ? clock.now().minus(Duration.ofDays(1)) : IsoTime.parse(from, "from");
        Instant end = to == null ? start.plus(Duration.ofDays(60)) : IsoTime.parse(to, "to");
        return internal.list(calendar.id(), start, end).stream().map(e -> view(e, calendar)).toList();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    Map<String, Object> create(@PathVariable String calendarId, @RequestBody EventInput in) {
        Calendar calendar = builtIn(calendarId);
        InternalCalendar.Event event = event(Ids.newId(), calendar.id(), in);
        internal.insert(event, clock.now());
        events.publishEvent(new CalendarEvents.CalendarChanged(calendar.id()));
        return view(event, calendar);
    }

    @PutMapping("/{eventId}")
    @Transactional
    Map<String, Object> update(@PathVariable String calendarId, @PathVariable String eventId, @RequestBody EventInput in) {
        Calendar calendar = builtIn(calendarId);
        internal.find(calendar.id(), eventId).orElseThrow(() -> ApiException.notFound("Event", eventId));
        InternalCalendar.Event event = event(eventId, calendar.id(), in);
        internal.update(event, clock.now());
        events.publishEvent(new CalendarEvents.CalendarChanged(calendar.id()));
        return view(event, calendar);
    }

    @DeleteMapping("/{eventId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Transactional
    void delete(@PathVariable String calendarId, @PathVariable String eventId) {
        Calendar calendar = builtIn(calendarId);
        internal.find(calendar.id(), eventId).orElseThrow(() -> ApiException.notFound("Event", eventId));
        internal.delete(calendar.id(), eventId);
        events.publishEvent(new CalendarEvents.CalendarChanged(calendar.id()));
    }

    private Calendar builtIn(String calendarId) {
        Calendar calendar = calendars.visible(calendarId);
        if (calendar.provider() != Provider.INTERNAL) {
            throw ApiException.conflict("NOT_BUILT_IN",
                    "Calendar " + calendarId + " is a " + calendar.provider().apiName() + " calendar; change its events in the provider");
        }
        return calendar;
    }

    private static InternalCalendar.Event event(String id, String calendarId, EventInput in) {
        if (in == null) {
            throw ApiException.badRequest("MALFORMED_REQUEST", "A JSON body is required");
        }
        if (in.title() == null || in.title().isBlank()) {
            throw ApiException.badRequest("VALIDATION_FAILED", "title is required");
        }
        if (in.title().length() > 500 || (in.location() != null && in.location().length() > 500)) {
            throw ApiException.badRequest("VALIDATION_FAILED", "title and location are limited to 500 characters");
        }
        Instant start = IsoTime.parse(in.start(), "start");
        Instant end = IsoTime.parse(in.end(), "end");
        if (!end.isAfter(start)) {
            throw ApiException.badRequest("INVALID_TIME_RANGE", "end must be after start");
        }
        return new InternalCalendar.Event(id, calendarId, in.title().trim(), in.description(), in.location(), start, end);
    }

    private static Map<String, Object> view(InternalCalendar.Event e, Calendar calendar) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", e.id());
        view.put("calendarId", e.calendarId());
        view.put("title", e.title());
        view.put("description", e.description());
        view.put("location", e.location());
        view.put("start", e.start().atZone(calendar.timeZone()).toOffsetDateTime());
        view.put("end", e.end().atZone(calendar.timeZone()).toOffsetDateTime());
        return view;
    }
}
