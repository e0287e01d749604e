package io.confirmloop.booking;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.confirmloop.calendar.Calendar;
import io.confirmloop.system.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The public booking calls: what the booking page shows, its free slots, and booking one. Nothing of the owner's events leaves here. */
@RestController
@RequestMapping("/api/booking/{calendarId}")
class BookingController {

    private final BookingService booking;
    private final BookingRateLimits limits;

    BookingController(BookingService booking, BookingRateLimits limits) {
        this.booking = booking;
        this.limits = limits;
    }

    @GetMapping
    Map<String, Object> page(@PathVariable String calendarId, HttpServletRequest request) {
        limits.read(request.getRemoteAddr());
        Calendar calendar = booking.bookingCalendar(calendarId);
        BookingSettings settings = booking.settings(calendar);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("calendarId", calendar.id());
        view.put("businessName", calendar.businessName());
        view.put("timeZone", calendar.timeZone().getId());
        view.put("durationMinutes", settings.defaultDurationMinutes());
        view.put("daysToView", settings.daysToView());
        view.put("eventRequestsEnabled", settings.eventRequestsEnabled());
        return view;
    }

    @GetMapping("/slots")
    List<Map<String, String>> slots(@PathVariable String calendarId, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, HttpServletRequest request) {
        limits.read(request.getRemoteAddr());
        Calendar calendar = booking.bookingCalendar(calendarId);
        return booking.freeSlots(calendar, instant("from", from), instant("to", to)).stream()
                .map(s -> Map.of("start", s.start().atZone(calendar.timeZone()).toOffsetDateTime().toString(),
                        "end", s.end().atZone(calendar.timeZone()).toOffsetDateTime().toString()))
                .toList();
    }

    @PostMapping("/appointments")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> book(@PathVariable String calendarId, @RequestBody BookingService.BookingRequest body, HttpServletRequest request) {
        limits.book(request.getRemoteAddr());
        booking.phoneNumber(calendarId, body.phone()).ifPresent(limits::bookPhone); // one number, however it is written
        BookingService.Booked booked = booking.book(calendarId, body);
        Calendar calendar = booked.calendar();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", booked.id());
        view.put("calendarId", calendar.id());
        view.put("eventId", booked.eventId());
        view.put("start", booked.start().atZone(calendar.timeZone()).toOffsetDateTime().toString());
        view.put("end", booked.end().atZone(calendar.timeZone()).toOffsetDateTime().toString());
        view.put("message", "Booked with " + calendar.businessName() + ". We will text you a confirmation.");
        return view;
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException again) {
                throw ApiException.badRequest("INVALID_" + name.toUpperCase(java.util.Locale.ROOT),
                        name + " must be an ISO-8601 time, e.g. 2026-12-08T00:00:00Z");
            }
        }
    }
}
