package io.confirmloop.calendar;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.confirmloop.system.AppClock;
import io.confirmloop.system.Ids;
import org.springframework.stereotype.Component;

/**
 * The built-in calendar: events kept in ConfirmLoop's own database, behind the same seam as the
 * providers. Versions are counters; every write is an ordinary write in the caller's transaction.
 */
@Component
class InternalCalendar implements CalendarProvider {

    private static final int MAX_WRITE_ATTEMPTS = 3;

    private final CalendarEventStore store;
    private final AppClock clock;
    private final int pageSize;

    InternalCalendar(CalendarEventStore store, AppClock clock, SyncSettings settings) {
        this.store = store;
        this.clock = clock;
        this.pageSize = settings.pageSize();
    }

    @Override
    public Provider provider() {
        return Provider.INTERNAL;
    }

    @Override
    public boolean keepsEventsLocally() {
        return true;
    }

    @Override
    public List<ProviderCalendar> listCalendars(Connection connection) {
        return List.of(new ProviderCalendar("built-in", "Built-in calendar", null, true, true));
    }

    @Override
    public WindowPage readWindow(CalendarAccess calendar, Instant from, Instant to, String pageToken) {
        PageToken after = PageToken.parse(pageToken);
        List<ProviderEvent> events = store.window(calendar.calendar().id(), from, to, after == null ? null : after.start(),
                after == null ? null : after.eventId(), pageSize + 1);
        if (events.size() <= pageSize) {
            return new WindowPage(events, null, null);
        }
        List<ProviderEvent> page = events.subList(0, pageSize);
        ProviderEvent lastOfPage = page.get(page.size() - 1);
        return new WindowPage(List.copyOf(page), new PageToken(lastOfPage.start(), lastOfPage.eventId()).format(), null);
    }

    @Override
    public Optional<ProviderEvent> read(CalendarAccess calendar, String eventId) {
        return store.find(calendar.calendar().id(), eventId).filter(e -> !e.deleted()).map(CalendarEventStore.StoredEvent::event);
    }

    @Override
    public ProviderEvent create(CalendarAccess calendar, NewEvent event) {
        ProviderEvent created = new ProviderEvent(Ids.newId(), null, "1", event.title(), event.description(), event.location(),
                event.start(), event.end(), event.timeZone() == null ? calendar.calendar().timeZone() : event.timeZone(), true, true);
        store.insert(calendar.calendar().id(), created, clock.now());
        return created;
    }

    /** The owner's edit of a built-in event: title, description, location and times. */
    ProviderEvent replace(CalendarAccess calendar, String eventId, NewEvent fields) {
        return change(calendar, eventId, current -> new ProviderEvent(eventId, current.seriesId(), next(current.version()),
                fields.title(), fields.description(), fields.location(), fields.start(), fields.end(), current.timeZone(), current.busy(),
                current.organizedByOwner()));
    }

    @Override
    public ProviderEvent move(CalendarAccess calendar, String eventId, Instant start, Instant end) {
        return change(calendar, eventId, current -> new ProviderEvent(eventId, current.seriesId(), next(current.version()),
                current.title(), current.description(), current.location(), start, end, current.timeZone(), current.busy(),
                current.organizedByOwner()));
    }

    @Override
    public void delete(CalendarAccess calendar, String eventId) {
        if (!store.markDeleted(calendar.calendar().id(), eventId, clock.now())) {
            throw new CalendarProviderException.NotFound("There is no event " + eventId + " in this calendar", null);
        }
    }

    @Override
    public ProviderEvent updateDescription(CalendarAccess calendar, String eventId, String expectedVersion, String description) {
        ProviderEvent current = read(calendar, eventId)
                .orElseThrow(() -> new CalendarProviderException.NotFound("There is no event " + eventId + " in this calendar", null));
        ProviderEvent updated = current.withDescription(description, next(expectedVersion));
        if (!current.version().equals(expectedVersion)
                || !store.replaceIfVersion(calendar.calendar().id(), updated, expectedVersion, clock.now())) {
            throw new CalendarProviderException.VersionConflict("The event changed since version " + expectedVersion, null);
        }
        return updated;
    }

    private ProviderEvent change(CalendarAccess calendar, String eventId, java.util.function.UnaryOperator<ProviderEvent> change) {
        for (int attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt++) {
            ProviderEvent current = read(calendar, eventId)
                    .orElseThrow(() -> new CalendarProviderException.NotFound("There is no event " + eventId + " in this calendar", null));
            ProviderEvent changed = change.apply(current);
            if (store.replaceIfVersion(calendar.calendar().id(), changed, current.version(), clock.now())) {
                return changed;
            }
        }
        throw new CalendarProviderException.VersionConflict("The event " + eventId + " kept changing while it was written", null);
    }

    private static String next(String version) {
        try {
            return Long.toString(Long.parseLong(version) + 1);
        } catch (NumberFormatException e) {
            return "1";
        }
    }

    /** Where the next page of a window starts: after this start time and event id. */
    private record PageToken(Instant start, String eventId) {

        String format() {
            return start + "|" + eventId;
        }

        static PageToken parse(String token) {
            if (token == null) {
                return null;
            }
            int bar = token.indexOf('|');
            if (bar < 1) {
                throw new IllegalArgumentException("Not a page token of the built-in calendar");
            }
            return new PageToken(Instant.parse(token.substring(0, bar)), token.substring(bar + 1));
        }
    }
}
