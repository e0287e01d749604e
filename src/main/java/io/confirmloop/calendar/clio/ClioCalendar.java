package io.confirmloop.calendar.clio;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.confirmloop.calendar.CalendarAccess;
import io.confirmloop.calendar.CalendarProvider;
import io.confirmloop.calendar.CalendarProviderException;
import io.confirmloop.calendar.ChangePage;
import io.confirmloop.calendar.Connection;
import io.confirmloop.calendar.NewEvent;
import io.confirmloop.calendar.Provider;
import io.confirmloop.calendar.ProviderCalendar;
import io.confirmloop.calendar.ProviderEndpoints;
import io.confirmloop.calendar.ProviderEvent;
import io.confirmloop.calendar.ProviderHttp;
import io.confirmloop.calendar.ProviderRequest;
import io.confirmloop.calendar.WindowPage;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Clio Manage (API v4) behind the calendar seam, on the connection's regional host.
 * <ul>
 * <li>The window is {@code GET /calendar_entries.json?calendar_id=…&from=…&to=…&expanded=true}, so
 *     Clio expands recurring series into one entry per occurrence; pages follow {@code meta.paging.next}
 *     (the page token is that URL). Clio's {@code from}/{@code to} are inclusive, so entries that only
 *     touch the window are dropped here.</li>
 * <li>All-day entries are skipped ({@code is_all_day=false}): they are not appointments, and do not
 *     block booking slots.</li>
 * <li>Clio has no free/busy: an entry blocks unless its event type is named "Free".</li>
 * <li>An entry is the owner's own when its {@code calendar_owner} is the chosen calendar; it may
 *     also list there because the owner attends it (then it is "invited").</li>
 * <li>The version is Clio's {@code etag}; the description is written with {@code If-Match}, and Clio
 *     answers 412 when the entry changed since.</li>
 * <li>No change feed: Clio's {@code updated_since} never reports a deleted entry, so every sync reads
 *     the window (one call while it fits a page of 200).</li>
 * </ul>
 */
@Component
public class ClioCalendar implements CalendarProvider {

    private final ProviderHttp http;
    private final ClioRequests requests;
    private final ClioJson json;
    private final int pageSize;

    ClioCalendar(ProviderHttp http, ProviderEndpoints endpoints, ObjectMapper objectMapper,
            @Value("${confirmloop.clio.page-size:200}") int pageSize) {
        this.http = http;
        this.requests = new ClioRequests(endpoints);
        this.json = new ClioJson(objectMapper);
        this.pageSize = Math.max(1, Math.min(ClioRequests.MAX_PAGE, pageSize));
    }

    @Override
    public Provider provider() {
        return Provider.CLIO;
    }

    /** Entries per page of the window. */
    public int pageSize() {
        return pageSize;
    }

    @Override
    public List<ProviderCalendar> listCalendars(Connection connection) {
        if (!(connection instanceof Connection.Clio clio)) {
            throw new IllegalArgumentException("Not a Clio connection");
        }
        List<ProviderCalendar> calendars = new ArrayList<>();
        ProviderRequest request = requests.calendars(clio);
        while (request != null) {
            ClioJson.Page page = json.page(http.send(clio, request).body());
            page.data().forEach(c -> calendars.add(json.calendar(c)));
            request = page.next() == null ? null : requests.nextCalendars(clio, page.next());
        }
        return calendars;
    }

    @Override
    public WindowPage readWindow(CalendarAccess calendar, Instant from, Instant to, String pageToken) {
        ProviderRequest request = pageToken == null ? requests.window(calendar, from, to, pageSize) : requests.next(calendar, pageToken);
        ClioJson.Page page = json.page(http.send(calendar, request).body());
        String calendarId = ClioRequests.calendarId(calendar);
        List<ProviderEvent> events = new ArrayList<>();
        for (JsonNode entry : page.data()) {
            json.event(entry, calendarId).filter(e -> e.end().isAfter(from) && e.start().isBefore(to)).ifPresent(events::add);
        }
        return new WindowPage(events, page.next(), null);
    }

    /** Clio has no feed of removed entries (only webhooks), so there is no change cursor: every sync reads the window. */
    @Override
    public Optional<ChangePage> changesSince(CalendarAccess calendar, String cursor, String pageToken) {
        return Optional.empty();
    }

    @Override
    public Optional<ProviderEvent> read(CalendarAccess calendar, String eventId) {
        try {
            return json.event(json.single(http.send(calendar, requests.read(calendar, eventId)).body()), ClioRequests.calendarId(calendar));
        } catch (CalendarProviderException.NotFound gone) {
            return Optional.empty();
        }
    }

    @Override
    public ProviderEvent create(CalendarAccess calendar, NewEvent event) {
        String calendarId = ClioRequests.calendarId(calendar);
        String body = http.send(calendar, requests.create(calendar, json.create(event, calendarId))).body();
        return written(calendar, body);
    }

    @Override
    public ProviderEvent move(CalendarAccess calendar, String eventId, Instant start, Instant end) {
        return written(calendar, http.send(calendar, requests.patch(calendar, eventId, json.times(start, end), null)).body());
    }

    @Override
    public void delete(CalendarAccess calendar, String eventId) {
        http.send(calendar, requests.delete(calendar, eventId));
    }

    @Override
    public ProviderEvent updateDescription(CalendarAccess calendar, String eventId, String expectedVersion, String description) {
        if (expectedVersion == null || expectedVersion.isBlank()) {
            throw new IllegalArgumentException("A description is written against the version it was read at");
        }
        return written(calendar, http.send(calendar, requests.patch(calendar, eventId, json.description(description), expectedVersion)).body());
    }

    private ProviderEvent written(CalendarAccess calendar, String body) {
        return json.event(json.single(body), ClioRequests.calendarId(calendar)).orElseThrow(
                () -> new CalendarProviderException.Rejected("Clio keeps this entry as an all-day entry or on another calendar", 0, null));
    }
}
