package io.confirmloop.booking;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.confirmloop.calendar.Calendar;
import io.confirmloop.system.ApiException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A worker's (calendar's) weekly windows and dated exceptions: read, checked and replaced. Every
 * value is checked before anything is written, so a refused body changes nothing.
 */
@Service
class WorkerAvailability {

    private final AvailabilityRepository repository;

    WorkerAvailability(AvailabilityRepository repository) {
        this.repository = repository;
    }

    public AvailabilityBody view(Calendar calendar) {
        String clientFacing = repository.clientFacingType(calendar.ownerGroup()).map(AvailabilityType::id).orElse(null);
        return AvailabilityBody.of(repository.availability(calendar.id()), clientFacing, calendar.timeZone().getId());
    }

    @Transactional
    public AvailabilityBody replace(Calendar calendar, AvailabilityBody body) {
        if (body == null) {
            throw ApiException.badRequest("MALFORMED_REQUEST", "A JSON body is required");
        }
        Set<String> types = repository.types(calendar.ownerGroup()).stream().map(AvailabilityType::id).collect(Collectors.toSet());
        List<Availability.Window> weekly = new ArrayList<>();
        for (AvailabilityBody.WindowBody w : body.weekly() == null ? List.<AvailabilityBody.WindowBody>of() : body.weekly()) {
            weekly.add(window(w, type(w.typeId() == null ? body.typeId() : w.typeId(), types, true)));
        }
        List<Availability.Exception> exceptions = new ArrayList<>();
        for (AvailabilityBody.ExceptionBody e : body.exceptions() == null ? List.<AvailabilityBody.ExceptionBody>of() : body.exceptions()) {
            exceptions.add(exception(e, type(e.typeId(), types, false)));
        }
        repository.replaceAvailability(calendar.id(), new Availability(weekly, exceptions));
        return view(calendar);
    }

    private static String type(String typeId, Set<String> types, boolean required) {
        if (typeId == null || typeId.isBlank()) {
            if (required) {
                throw ApiException.badRequest("TYPE_REQUIRED", "Every window needs a typeId (or give the top-level typeId)");
            }
            return null;
        }
        if (!types.contains(typeId)) {
            throw ApiException.badRequest("INVALID_TYPE", "Availability type " + typeId + " is not a type of this calendar's account");
        }
        return typeId;
    }

    private static Availability.Window window(AvailabilityBody.WindowBody w, String typeId) {
        if (DayTimes.day(w.day()) == null) {
            throw ApiException.badRequest("INVALID_DAY", "day '" + w.day() + "' is not a day of the week such as MONDAY");
        }
        LocalTime from = time(w.from(), "from", false);
        LocalTime to = time(w.to(), "to", true);
        checkOrder(from, to, w.day());
        return new Availability.Window(typeId, DayTimes.day(w.day()), from, to);
    }

    private static Availability.Exception exception(AvailabilityBody.ExceptionBody e, String typeId) {
        if (DayTimes.date(e.date()) == null) {
            throw ApiException.badRequest("INVALID_DATE", "date '" + e.date() + "' is not a date such as 2026-12-24");
        }
        if (e.available() == null) {
            throw ApiException.badRequest("VALIDATION_FAILED", "available is required for the exception of " + e.date());
        }
        if ((e.from() == null) != (e.to() == null)) {
            throw ApiException.badRequest("INVALID_EXCEPTION", "The exception of " + e.date() + " needs both from and to, or neither (the whole day)");
        }
        if (e.from() == null && e.available()) {
            throw ApiException.badRequest("INVALID_EXCEPTION", "Extra hours on " + e.date() + " need from and to");
        }
        LocalTime from = e.from() == null ? null : time(e.from(), "from", false);
        LocalTime to = e.to() == null ? null : time(e.to(), "to", true);
        if (from != null) {
            checkOrder(from, to, e.date());
        }
        return new Availability.Exception(typeId, DayTimes.date(e.date()), from, to, e.available());
    }

    private static LocalTime time(String text, String field, boolean end) {
        LocalTime time = DayTimes.time(text, end);
        if (time == null) {
            throw ApiException.badRequest("INVALID_TIME", field + " '" + text + "' is not a time HH:mm such as 09:00"
                    + (end ? " (24:00 for midnight)" : ""));
        }
        return time;
    }

    private static void checkOrder(LocalTime from, LocalTime to, String where) {
        if (!DayTimes.ordered(from, to)) {
            throw ApiException.badRequest("INVALID_RANGE", where + ": from " + DayTimes.format(from, false) + " must be before to "
                    + DayTimes.format(to, true));
        }
    }
}
