package io.confirmloop.calendar.ews;

import static io.confirmloop.calendar.ews.EwsXml.MESSAGES;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.confirmloop.calendar.CalendarAccess;
import io.confirmloop.calendar.CalendarProviderException;
import io.confirmloop.calendar.Connection;
import io.confirmloop.calendar.NewEvent;
import io.confirmloop.calendar.ProviderEvent;
import org.w3c.dom.Element;

/**
 * Events one by one and in batches: GetItem (body as text, organizer, free/busy, zone), CreateItem,
 * UpdateItem and DeleteItem, none of which sends a meeting request or cancellation to attendees.
 * Writes answer the new ItemId and ChangeKey; the event is then read back as it is stored.
 */
final class EwsEvents {

    /** Ids per GetItem call. */
    static final int BATCH = 100;

    private final EwsClient client;

    EwsEvents(EwsClient client) {
        this.client = client;
    }

    /** The events with these ids, in their order; ids that are gone, cancelled or all-day are left out. */
    List<ProviderEvent> read(CalendarAccess access, List<String> ids) {
        List<ProviderEvent> events = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += BATCH) {
            List<EwsClient.Message> messages = client.call(access, EwsRequests.getItems(ids.subList(from, Math.min(ids.size(), from + BATCH))));
            for (EwsClient.Message m : messages) {
                if (!m.ok()) {
                    if (EwsClient.NOT_FOUND.contains(m.code())) {
                        continue;
                    }
                    throw EwsClient.error(m.code(), m.text(), m.element(), 200);
                }
                item(m).flatMap(item -> EwsItems.event(item, owner(access))).ifPresent(events::add);
            }
        }
        return events;
    }

    Optional<ProviderEvent> read(CalendarAccess access, String id) {
        return read(access, List.of(id)).stream().findFirst();
    }

    ProviderEvent create(CalendarAccess access, NewEvent event) {
        EwsClient.Message m = EwsClient.single(client.call(access, EwsRequests.createItem(EwsRequests.folderOf(access), event.title(),
                event.description(), event.location(), event.start(), event.end(), EwsTimeZones.toWindows(event.timeZone()))));
        return readBack(access, written(m));
    }

    ProviderEvent move(CalendarAccess access, String id, java.time.Instant start, java.time.Instant end) {
        EwsClient.Message m = EwsClient.single(client.call(access, EwsRequests.updateTimes(id, start, end)));
        return readBack(access, written(m));
    }

    ProviderEvent updateDescription(CalendarAccess access, String id, String changeKey, String description) {
        if (changeKey == null || changeKey.isBlank()) {
            throw new CalendarProviderException.VersionConflict("No ChangeKey to write the description against: read the event again", null);
        }
        EwsClient.Message m = EwsClient.single(client.call(access, EwsRequests.updateBody(id, changeKey, description)));
        return readBack(access, written(m));
    }

    void delete(CalendarAccess access, String id) {
        EwsClient.single(client.call(access, EwsRequests.deleteItem(id)));
    }

    private ProviderEvent readBack(CalendarAccess access, String id) {
        return read(access, id).orElseThrow(() -> new CalendarProviderException.NotFound(
                "Exchange accepted the change but the event cannot be read back (cancelled, all-day or deleted meanwhile)", null));
    }

    /** The ItemId of the item a write answered. */
    private static String written(EwsClient.Message m) {
        return item(m).map(EwsItems::id).orElseThrow(() -> new CalendarProviderException.Rejected(
                "Exchange answered the write without the item's id", 200, null));
    }

    private static Optional<Element> item(EwsClient.Message m) {
        Element items = EwsXml.child(m.element(), MESSAGES, "Items");
        return EwsXml.elements(items).stream().findFirst();
    }

    static String owner(CalendarAccess access) {
        return access.connection() instanceof Connection.Ews ews ? ews.email() : null;
    }
}
