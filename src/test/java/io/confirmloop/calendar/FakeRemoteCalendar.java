package io.confirmloop.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * A provider calendar kept in memory, standing in for a remote one (as {@code google}) where the
 * sync engine is tested: versions, pages, a change feed with cursors that expire, and failures on
 * demand. It passes the same {@link CalendarProviderContract} as every real provider, so what the
 * sync tests prove with it holds for them.
 */
public class FakeRemoteCalendar implements CalendarProvider {

    /**
     * Puts the stand-in into a test's context, where it takes the place of the real Google adapter
     * (tests of the sync engine itself; the real adapters have their own suites).
     */
    @TestConfiguration
    public static class InContext {
        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE)
        FakeRemoteCalendar fakeRemoteCalendar() {
            return new FakeRemoteCalendar();
        }
    }

    private record Change(long seq, String calendarId, String eventId) {
    }

    private final Map<String, Map<String, ProviderEvent>> calendars = new ConcurrentHashMap<>();
    private final List<Change> changes = new ArrayList<>();
    private long seq;
    private long oldestCursor;
    private int versions;
    private volatile int pageSize = 3;
    private volatile int failOnPage = -1;
    private final AtomicInteger failNextCalls = new AtomicInteger();
    private final AtomicInteger emptyListings = new AtomicInteger();
    private final AtomicInteger failDescriptionWrites = new AtomicInteger();
    /** Provider calls, for "one call per calendar when nothing changed". */
    public final AtomicInteger calls = new AtomicInteger();

    @Override
    public Provider provider() {
        return Provider.GOOGLE;
    }

    // --- what the owner does in the provider's own calendar --------------------------------------

    public synchronized ProviderEvent put(String calendarId, String eventId, String title, String description, Instant start,
            Duration length, boolean busy) {
        ProviderEvent event = new ProviderEvent(eventId, null, "v" + (++versions), title, description, null, start, start.plus(length),
                ZoneId.of("America/Chicago"), busy, true);
        store(calendarId).put(eventId, event);
        changes.add(new Change(++seq, calendarId, eventId));
        return event;
    }

    public synchronized void remove(String calendarId, String eventId) {
        store(calendarId).remove(eventId);
        changes.add(new Change(++seq, calendarId, eventId));
    }

    public synchronized Optional<ProviderEvent> event(String calendarId, String eventId) {
        return Optional.ofNullable(store(calendarId).get(eventId));
    }

    // --- failures on demand ----------------------------------------------------------------------

    public void pageSize(int size) {
        pageSize = size;
    }

    /** The next {@code n} calls of any kind fail as an outage (503). */
    public void failNextCalls(int n) {
        failNextCalls.set(n);
    }

    /** Reading the window fails when it comes to this page (0 = the first), until cleared with -1. */
    public void failOnPage(int page) {
        failOnPage = page;
    }

    /** The next {@code n} window listings answer "no events", complete and successful. */
    public void answerEmpty(int n) {
        emptyListings.set(n);
    }

    public void failDescriptionWrites(int n) {
        failDescriptionWrites.set(n);
    }

    /** Every cursor handed out so far is too old from now on. */
    public synchronized void expireCursors() {
        oldestCursor = seq + 1;
    }

    public synchronized void reset() {
        calendars.clear();
        changes.clear();
        pageSize = 3;
        failOnPage = -1;
        failNextCalls.set(0);
        emptyListings.set(0);
        failDescriptionWrites.set(0);
        calls.set(0);
    }

    // --- the seam --------------------------------------------------------------------------------

    @Override
    public List<ProviderCalendar> listCalendars(Connection connection) {
        call();
        return List.of(new ProviderCalendar(((Connection.OAuth) connection).calendarId(), "Front desk", "America/Chicago", true, true));
    }

    @Override
    public synchronized WindowPage readWindow(CalendarAccess access, Instant from, Instant to, String pageToken) {
        call();
        int page = pageToken == null ? 0 : Integer.parseInt(pageToken);
        if (page == failOnPage) {
            throw new CalendarProviderException.Unavailable("503 Service Unavailable (page " + page + ")", null, null);
        }
        if (page == 0 && emptyListings.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return new WindowPage(List.of(), null, "c:" + seq);
        }
        List<ProviderEvent> all = store(id(access)).values().stream()
                .filter(e -> e.end().isAfter(from) && e.start().isBefore(to))
                .sorted(Comparator.comparing(ProviderEvent::start).thenComparing(ProviderEvent::eventId)).toList();
        int fromIndex = Math.min(all.size(), page * pageSize);
        int toIndex = Math.min(all.size(), fromIndex + pageSize);
        boolean last = toIndex >= all.size();
        return new WindowPage(List.copyOf(all.subList(fromIndex, toIndex)), last ? null : String.valueOf(page + 1), last ? "c:" + seq : null);
    }

    @Override
    public synchronized Optional<ChangePage> changesSince(CalendarAccess access, String cursor, String pageToken) {
        call();
        long since = Long.parseLong(cursor.substring(2));
        if (since < oldestCursor) {
            throw new CalendarProviderException.CursorExpired("410 Gone: the sync token is no longer valid", null);
        }
        String calendarId = id(access);
        List<String> changed = changes.stream().filter(c -> c.seq() > since && c.calendarId().equals(calendarId)).map(Change::eventId)
                .distinct().toList();
        List<ProviderEvent> events = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        changed.forEach(id -> event(calendarId, id).ifPresentOrElse(events::add, () -> removed.add(id)));
        return Optional.of(new ChangePage(events, removed, null, "c:" + seq));
    }

    @Override
    public synchronized Optional<ProviderEvent> read(CalendarAccess access, String eventId) {
        call();
        return event(id(access), eventId);
    }

    @Override
    public synchronized ProviderEvent create(CalendarAccess access, NewEvent event) {
        call();
        return put(id(access), "ev-" + (seq + 1), event.title(), event.description(), event.start(),
                Duration.between(event.start(), event.end()), true);
    }

    @Override
    public synchronized ProviderEvent move(CalendarAccess access, String eventId, Instant start, Instant end) {
        call();
        ProviderEvent current = event(id(access), eventId).orElseThrow(() -> new CalendarProviderException.NotFound("404", null));
        return put(id(access), eventId, current.title(), current.description(), start, Duration.between(start, end), current.busy());
    }

    @Override
    public synchronized void delete(CalendarAccess access, String eventId) {
        call();
        if (event(id(access), eventId).isEmpty()) {
            throw new CalendarProviderException.NotFound("404", null);
        }
        remove(id(access), eventId);
    }

    @Override
    public synchronized ProviderEvent updateDescription(CalendarAccess access, String eventId, String expectedVersion, String description) {
        call();
        if (failDescriptionWrites.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new CalendarProviderException.Unavailable("503 Service Unavailable", null, null);
        }
        ProviderEvent current = event(id(access), eventId).orElseThrow(() -> new CalendarProviderException.NotFound("404", null));
        if (!current.version().equals(expectedVersion)) {
            throw new CalendarProviderException.VersionConflict("412 Precondition Failed", null);
        }
        ProviderEvent updated = current.withDescription(description, "v" + (++versions));
        store(id(access)).put(eventId, updated);
        changes.add(new Change(++seq, id(access), eventId));
        return updated;
    }

    private void call() {
        calls.incrementAndGet();
        if (failNextCalls.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new CalendarProviderException.Unavailable("503 Service Unavailable", Duration.ofSeconds(30), null);
        }
    }

    private Map<String, ProviderEvent> store(String calendarId) {
        return calendars.computeIfAbsent(calendarId, k -> new ConcurrentHashMap<>());
    }

    private static String id(CalendarAccess access) {
        return ((Connection.OAuth) access.connection()).calendarId();
    }
}
