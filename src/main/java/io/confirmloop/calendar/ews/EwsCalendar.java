package io.confirmloop.calendar.ews;

import static io.confirmloop.calendar.ews.EwsXml.MESSAGES;
import static io.confirmloop.calendar.ews.EwsXml.TYPES;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.confirmloop.calendar.CalendarAccess;
import io.confirmloop.calendar.CalendarProvider;
import io.confirmloop.calendar.ChangePage;
import io.confirmloop.calendar.Connection;
import io.confirmloop.calendar.NewEvent;
import io.confirmloop.calendar.Provider;
import io.confirmloop.calendar.ProviderCalendar;
import io.confirmloop.calendar.ProviderEvent;
import io.confirmloop.calendar.WindowPage;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.w3c.dom.Element;

/**
 * Exchange on-premises over EWS (SOAP over HTTP, through the {@code calendar-ews} route): the
 * mailbox's default calendar folder, read with CalendarView (recurring series expanded by the
 * server) and GetItem, followed with SyncFolderItems, written with CreateItem, UpdateItem (the
 * description only against the current ChangeKey) and DeleteItem, never sending meeting mail.
 * Cancelled meetings and all-day events are left out: neither is an appointment.
 */
@Component
public class EwsCalendar implements CalendarProvider {

    private final EwsClient client;
    private final EwsEvents events;
    private final EwsChanges changes;
    private final EwsWindow window;
    private final int pageSize;

    EwsCalendar(EwsClient client, @Value("${confirmloop.ews.page-size:100}") int pageSize) {
        this.client = client;
        this.pageSize = Math.max(1, Math.min(pageSize, 1000));
        this.events = new EwsEvents(client);
        this.changes = new EwsChanges(client, events, Math.min(this.pageSize, EwsChanges.MAX_CHANGES));
        this.window = new EwsWindow(client, events, changes, this.pageSize);
    }

    @Override
    public Provider provider() {
        return Provider.EWS;
    }

    /** Events per window page (CalendarView entries). */
    public int pageSize() {
        return pageSize;
    }

    /** The default calendar (id {@code calendar}) first, then the mailbox's other calendar folders. */
    @Override
    public List<ProviderCalendar> listCalendars(Connection connection) {
        CalendarAccess access = EwsAutodiscover.connecting(connection);
        EwsClient.Message main = EwsClient.single(client.call(access, EwsRequests.getCalendarFolder()));
        Element mainFolder = EwsXml.elements(EwsXml.child(main.element(), MESSAGES, "Folders")).stream().findFirst().orElse(null);
        String mainId = EwsXml.attr(EwsXml.child(mainFolder, TYPES, "FolderId"), "Id");
        List<ProviderCalendar> calendars = new ArrayList<>();
        calendars.add(new ProviderCalendar(EwsRequests.DEFAULT_CALENDAR, name(mainFolder, "Calendar"), null, true, true));
        EwsClient.Message found = EwsClient.single(client.call(access, EwsRequests.findCalendarFolders()));
        Element folders = EwsXml.child(EwsXml.child(found.element(), MESSAGES, "RootFolder"), TYPES, "Folders");
        for (Element folder : EwsXml.elements(folders)) {
            String id = EwsXml.attr(EwsXml.child(folder, TYPES, "FolderId"), "Id");
            if (id != null && !id.equals(mainId)) {
                calendars.add(new ProviderCalendar(id, name(folder, id), null, false, true));
            }
        }
        return calendars;
    }

    private static String name(Element folder, String fallback) {
        String name = folder == null ? null : EwsXml.text(folder, TYPES, "DisplayName");
        return name == null || name.isBlank() ? fallback : name;
    }

    @Override
    public WindowPage readWindow(CalendarAccess calendar, Instant from, Instant to, String pageToken) {
        return window.read(calendar, from, to, pageToken);
    }

    @Override
    public Optional<ChangePage> changesSince(CalendarAccess calendar, String cursor, String pageToken) {
        return Optional.of(changes.since(calendar, cursor, pageToken));
    }

    @Override
    public Optional<ProviderEvent> read(CalendarAccess calendar, String eventId) {
        return events.read(calendar, eventId);
    }

    @Override
    public ProviderEvent create(CalendarAccess calendar, NewEvent event) {
        return events.create(calendar, event);
    }

    @Override
    public ProviderEvent move(CalendarAccess calendar, String eventId, Instant start, Instant end) {
        return events.move(calendar, eventId, start, end);
    }

    @Override
    public void delete(CalendarAccess calendar, String eventId) {
        events.delete(calendar, eventId);
    }

    @Override
    public ProviderEvent updateDescription(CalendarAccess calendar, String eventId, String expectedVersion, String description) {
        return events.updateDescription(calendar, eventId, expectedVersion, description);
    }
}
