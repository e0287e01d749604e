package io.confirmloop.calendar;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.confirmloop.system.ApiException;
import org.springframework.http.HttpStatus;
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

    private final CalendarService calendars;
    private final CalendarViews views;
    private final CalendarSync sync;
    private final CalendarEventStore store;
    private final CalendarPreview preview;

    CalendarController(CalendarService calendars, CalendarViews views, CalendarSync sync, CalendarEventStore store, CalendarPreview preview) {
        this.calendars = calendars;
        this.views = views;
        this.sync = sync;
        this.store = store;
        this.preview = preview;
    }

    @GetMapping
    List<Map<String, Object>> list() {
        return calendars.visibleCalendars().stream().map(views::of).toList();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> create(@RequestBody CalendarInput in) {
        return views.of(calendars.create(in));
    }

    @GetMapping("/{id}")
    Map<String, Object> get(@PathVariable String id) {
        return views.of(calendars.visible(id));
    }

    @PatchMapping("/{id}")
    Map<String, Object> update(@PathVariable String id, @RequestBody CalendarInput in) {
        return views.of(calendars.update(id, in));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id) {
        calendars.delete(id);
    }

    /**
     * Sync now: reads a provider calendar at once (no transaction is open while it does) and queues
     * again whatever change was not taken in. The answer says what the sync did, or why it failed.
     */
    @PostMapping("/{id}/sync")
    Map<String, Object> sync(@PathVariable String id) {
        Calendar calendar = calendars.visible(id);
        if (!calendar.active()) {
            throw ApiException.conflict("CALENDAR_INACTIVE", "Calendar " + id + " is not active; activate it to sync");
        }
        CalendarSync.Result result = sync.syncNow(id);
        if (result.status() == CalendarSync.Result.Status.BUSY) {
            throw ApiException.conflict("SYNC_RUNNING", "Calendar " + id + " is being synced right now; try again in a moment");
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("calendarId", id);
        view.put("status", result.status().name());
        view.put("syncedAt", result.at());
        view.put("eventsRead", result.eventsRead());
        view.put("eventsChanged", result.eventsChanged());
        view.put("eventsRemoved", result.eventsRemoved());
        view.put("changesQueued", result.changesQueued());
        view.put("removalsHeld", result.removalsHeld());
        view.put("error", result.error());
        return view;
    }

    /**
     * Where the calendar's sync stands: last synced, last error, changes waiting to be taken in, and
     * the events whose change keeps failing (with why).
     */
    @GetMapping("/{id}/sync-status")
    Map<String, Object> syncStatus(@PathVariable String id) {
        Calendar calendar = calendars.visible(id);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("calendarId", id);
        view.put("active", calendar.active());
        view.put("lastSyncedAt", calendar.lastSyncedAt());
        view.put("lastErrorAt", calendar.lastErrorAt());
        view.put("lastError", calendar.lastError());
        view.put("changesWaiting", store.notApplied(id).size());
        view.put("failedEvents", store.failed(id).stream().map(e -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("eventId", e.event().eventId());
            item.put("title", e.event().title());
            item.put("error", e.applyError());
            item.put("failures", e.applyFailures());
            item.put("lastFailedAt", e.applyFailedAt());
            return item;
        }).toList());
        return view;
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
        List<Map<String, Object>> appointments = preview.next(calendar, days, zone).stream()
                .map(item -> {
                    ProviderEvent e = item.event();
                    Map<String, Object> view = new LinkedHashMap<>();
                    view.put("eventId", e.eventId());
                    view.put("title", e.title());
                    view.put("start", e.start().atZone(zone).toOffsetDateTime());
                    view.put("end", e.end().atZone(zone).toOffsetDateTime());
                    view.put("localStart", item.localStart());
                    view.put("phones", item.phones());
                    return view;
                })
                .toList();
        return Map.of("calendarId", id, "timeZone", zone.getId(), "days", days, "appointments", appointments);
    }
}
