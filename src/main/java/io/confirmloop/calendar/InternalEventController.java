package io.confirmloop.calendar;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.confirmloop.system.ApiException;
import io.confirmloop.system.AppClock;
import io.confirmloop.system.IsoTime;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.support.TransactionTemplate;
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
 * Events of the built-in calendar. A write stores the event and answers at once; the appointment
 * side follows from the durable queue of changed events, in a transaction of its own, so an
 * owner's edit never waits for (or fails because of) a running appointment process.
 */
@RestController
@RequestMapping("/api/calendars/{calendarId}/events")
class InternalEventController {

    /** The most events one listing answers. */
    private static final int MAX_LISTED = 5000;

    private final CalendarService calendars;
    private final CalendarEventStore store;
    private final CalendarEventWriter writer;
    private final AppClock clock;
    private final List<BuiltInEventCheck> checks;
    private final TransactionTemplate tx;
    private final PhoneNumbers phoneNumbers;

    InternalEventController(CalendarService calendars, CalendarEventStore store, CalendarEventWriter writer, AppClock clock,
            List<BuiltInEventCheck> checks, TransactionTemplate tx, PhoneNumbers phoneNumbers) {
        this.phoneNumbers = phoneNumbers;
        this.calendars = calendars;
        this.store = store;
        this.writer = writer;
        this.clock = clock;
        this.checks = checks;
        this.tx = tx;
    }

    @GetMapping
    List<Map<String, Object>> list(@PathVariable String calendarId, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        Calendar calendar = builtIn(calendarId);
        Instant start = from == null ? clock.now().minus(Duration.ofDays(1)) : IsoTime.parse(from, "from");
        Instant end = to == null ? start.plus(Duration.ofDays(60)) : IsoTime.parse(to, "to");
        if (!end.isAfter(start)) {
            throw ApiException.badRequest("INVALID_TIME_RANGE", "to must be after from");
        }
        return store.window(calendar.id(), start, end, null, null, MAX_LISTED).stream().map(e -> view(e, calendar)).toList();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> create(@PathVariable String calendarId, @RequestBody EventInput in) {
        Calendar calendar = builtIn(calendarId);
        return view(writer.create(calendar, fields(in, calendar)), calendar);
    }

    @PutMapping("/{eventId}")
    Map<String, Object> update(@PathVariable String calendarId, @PathVariable String eventId, @RequestBody EventInput in) {
        Calendar calendar = builtIn(calendarId);
        NewEvent fields = fields(in, calendar);
        try {
            return view(tx.execute(s -> {
                store.find(calendar.id(), eventId).filter(e -> !e.deleted()).ifPresent(current -> checks.forEach(
                        check -> check.beforeReplace(calendar, current, fields)));
                return writer.replaceBuiltIn(calendar, eventId, fields);
            }), calendar);
        } catch (CalendarProviderException.NotFound e) {
            throw ApiException.notFound("Event", eventId);
        }
    }

    @DeleteMapping("/{eventId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String calendarId, @PathVariable String eventId) {
        Calendar calendar = builtIn(calendarId);
        try {
            tx.executeWithoutResult(s -> {
                store.find(calendar.id(), eventId).filter(e -> !e.deleted()).ifPresent(current -> checks.forEach(
                        check -> check.beforeDelete(calendar, current)));
                writer.delete(calendar, eventId);
            });
        } catch (CalendarProviderException.NotFound e) {
            throw ApiException.notFound("Event", eventId);
        }
    }

    private Calendar builtIn(String calendarId) {
        Calendar calendar = calendars.visible(calendarId);
        if (calendar.provider() != Provider.INTERNAL) {
            throw ApiException.conflict("NOT_BUILT_IN",
                    "Calendar " + calendarId + " is a " + calendar.provider().apiName() + " calendar; change its events in the provider");
        }
        return calendar;
    }

    private static NewEvent fields(EventInput in, Calendar calendar) {
        if (in == null) {
            throw ApiException.badRequest("MALFORMED_REQUEST", "A JSON body is required");
        }
        if (in.title() == null || in.title().isBlank()) {
            throw ApiException.badRequest("VALIDATION_FAILED", "title is required");
        }
        if (in.title().length() > 500 || (in.location() != null && in.location().length() > 500)) {
            throw ApiException.badRequest("VALIDATION_FAILED", "title and location are limited to 500 characters");
        }
        if (in.description() != null && in.description().length() > 10_000) {
            throw ApiException.badRequest("VALIDATION_FAILED", "description is limited to 10,000 characters");
        }
        // a time without an offset is the calendar's local time (the page sends those)
        Instant start = IsoTime.parseIn(in.start(), "start", calendar.timeZone());
        Instant end = IsoTime.parseIn(in.end(), "end", calendar.timeZone());
        if (!end.isAfter(start)) {
            throw ApiException.badRequest("INVALID_TIME_RANGE", "end must be after start");
        }
        return new NewEvent(in.title().trim(), in.description(), in.location(), start, end, calendar.timeZone());
    }

    private Map<String, Object> view(ProviderEvent e, Calendar calendar) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", e.eventId());
        view.put("calendarId", calendar.id());
        view.put("title", e.title());
        view.put("description", e.description());
        view.put("location", e.location());
        view.put("start", e.start().atZone(calendar.timeZone()).toOffsetDateTime());
        view.put("end", e.end().atZone(calendar.timeZone()).toOffsetDateTime());
        view.put("version", e.version());
        // the calendar's own wall-clock times, as the page shows and edits them
        view.put("localStart", e.start().atZone(calendar.timeZone()).toLocalDateTime().toString());
        view.put("localEnd", e.end().atZone(calendar.timeZone()).toLocalDateTime().toString());
        view.put("timeZone", calendar.timeZone().getId());
        // an event that gives no appointment says why, and how to fix it
        view.put("notAnAppointment", phoneNumbers.whyNoNumber(e.text(), calendar.region())
                .map(why -> Map.of("reason", why[0], "fix", why[1])).orElse(null));
        return view;
    }
}
