package io.confirmloop.booking;

import java.util.List;

import io.confirmloop.calendar.CalendarService;
import io.confirmloop.system.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The owner's availability calls: types, each calendar's windows and exceptions, and the event defaults. */
@RestController
class AvailabilityController {

    private final AvailabilityTypes types;
    private final WorkerAvailability availability;
    private final EventDefaults defaults;
    private final CalendarService calendars;

    AvailabilityController(AvailabilityTypes types, WorkerAvailability availability, EventDefaults defaults, CalendarService calendars) {
        this.types = types;
        this.availability = availability;
        this.defaults = defaults;
        this.calendars = calendars;
    }

    @GetMapping("/api/availability-types")
    List<TypeView> types(@RequestParam(required = false) String ownerGroup) {
        return types.list(ownerGroup).stream().map(AvailabilityController::view).toList();
    }

    @PostMapping("/api/availability-types")
    @ResponseStatus(HttpStatus.CREATED)
    TypeView create(@RequestBody AvailabilityTypeInput in) {
        return view(types.create(in));
    }

    @GetMapping("/api/availability-types/{id}")
    TypeView type(@PathVariable String id) {
        return view(types.visible(id));
    }

    @PatchMapping("/api/availability-types/{id}")
    TypeView update(@PathVariable String id, @RequestBody AvailabilityTypeInput in) {
        return view(types.update(id, in));
    }

    @DeleteMapping("/api/availability-types/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id) {
        types.delete(id);
    }

    @GetMapping("/api/calendars/{id}/availability")
    AvailabilityBody availability(@PathVariable String id) {
        return availability.view(calendars.visible(id));
    }

    @PutMapping("/api/calendars/{id}/availability")
    AvailabilityBody replace(@PathVariable String id, @RequestBody AvailabilityBody body) {
        return availability.replace(calendars.visible(id), body);
    }

    @GetMapping("/api/booking/settings")
    BookingSettings settings(@RequestParam(required = false) String ownerGroup) {
        return defaults.of(types.accountOf(ownerGroup));
    }

    @PutMapping("/api/booking/settings")
    BookingSettings saveSettings(@RequestParam(required = false) String ownerGroup, @RequestBody SettingsBody body) {
        if (body == null || body.defaultDurationMinutes() == null || body.daysToView() == null) {
            throw ApiException.badRequest("VALIDATION_FAILED", "defaultDurationMinutes and daysToView are required");
        }
        String group = types.accountOf(ownerGroup);
        return defaults.save(group, new BookingSettings(body.defaultDurationMinutes(), body.daysToView(),
                body.eventRequestsEnabled() == null ? defaults.of(group).eventRequestsEnabled() : body.eventRequestsEnabled()));
    }

    /** Body of {@code PUT /api/booking/settings}; eventRequestsEnabled is left as it is when absent. */
    record SettingsBody(Integer defaultDurationMinutes, Integer daysToView, Boolean eventRequestsEnabled) {
    }

    /** A type as the API shows it. */
    record TypeView(String id, String name, String color, boolean clientFacing) {
    }

    private static TypeView view(AvailabilityType t) {
        return new TypeView(t.id(), t.name(), t.color().label(), t.clientFacing());
    }
}
