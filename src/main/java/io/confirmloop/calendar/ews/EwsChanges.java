package io.confirmloop.calendar.ews;

import static io.confirmloop.calendar.ews.EwsXml.MESSAGES;
import static io.confirmloop.calendar.ews.EwsXml.TYPES;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.confirmloop.calendar.CalendarAccess;
import io.confirmloop.calendar.CalendarProviderException;
import io.confirmloop.calendar.ChangePage;
import io.confirmloop.calendar.ProviderEvent;
import org.w3c.dom.Element;

/**
 * The change feed: {@code SyncFolderItems} on the calendar folder. Create and Update are read again
 * with GetItem (a cancelled or all-day event is reported as removed), Delete is a removal. The feed
 * names recurring series by their master, not by occurrence: a created, changed or deleted master
 * ends the feed with {@link CalendarProviderException.CursorExpired}, so the sync reads the window,
 * where CalendarView lists the occurrences as they are now.
 */
final class EwsChanges {

    /** SyncFolderItems' documented maximum. */
    static final int MAX_CHANGES = 512;

    /** One SyncFolderItems answer. */
    record SyncPage(String syncState, boolean last, List<String> changed, Set<String> masters, Set<String> deleted) {
    }

    private final EwsClient client;
    private final EwsEvents events;
    private final int pageSize;

    EwsChanges(EwsClient client, EwsEvents events, int pageSize) {
        this.client = client;
        this.events = events;
        this.pageSize = pageSize;
    }

    /** The cursor of the folder as it is now: synced from the start to the end, ids only. */
    String currentCursor(CalendarAccess access) {
        EwsTokens.Cursor cursor = new EwsTokens.Cursor("", Set.of());
        SyncPage page;
        do {
            page = sync(access, cursor.syncState(), MAX_CHANGES);
            cursor = cursor.with(page.syncState(), page.masters(), page.deleted());
        } while (!page.last());
        return EwsTokens.encode(cursor);
    }

    ChangePage since(CalendarAccess access, String cursorText, String pageToken) {
        EwsTokens.Cursor cursor = EwsTokens.cursor(pageToken != null ? pageToken : cursorText);
        SyncPage page = sync(access, cursor.syncState(), pageSize);
        if (!page.masters().isEmpty() || page.deleted().stream().anyMatch(cursor::isMaster)) {
            throw new CalendarProviderException.CursorExpired("A recurring series changed in Exchange: reading the window", null);
        }
        List<ProviderEvent> changed = new ArrayList<>();
        List<String> removed = new ArrayList<>(page.deleted());
        List<ProviderEvent> read = events.read(access, page.changed());
        Set<String> found = new LinkedHashSet<>();
        read.forEach(e -> found.add(e.eventId()));
        changed.addAll(read);
        page.changed().stream().filter(id -> !found.contains(id)).forEach(removed::add);
        String next = EwsTokens.encode(cursor.with(page.syncState(), Set.of(), page.deleted()));
        return page.last() ? new ChangePage(changed, removed, null, next) : new ChangePage(changed, removed, next, null);
    }

    SyncPage sync(CalendarAccess access, String syncState, int max) {
        EwsClient.Message m = EwsClient.single(client.call(access, EwsRequests.syncFolderItems(EwsRequests.folderOf(access), syncState, max)));
        String state = EwsXml.text(m.element(), MESSAGES, "SyncState");
        boolean last = !"false".equalsIgnoreCase(String.valueOf(EwsXml.text(m.element(), MESSAGES, "IncludesLastItemInRange")).trim());
        List<String> changed = new ArrayList<>();
        Set<String> masters = new LinkedHashSet<>();
        Set<String> deleted = new LinkedHashSet<>();
        for (Element change : EwsXml.elements(EwsXml.child(m.element(), MESSAGES, "Changes"))) {
            String kind = change.getLocalName();
            if (kind.equals("Delete")) {
                deleted.add(EwsXml.attr(EwsXml.child(change, TYPES, "ItemId"), "Id"));
            } else if (kind.equals("Create") || kind.equals("Update")) {
                for (Element item : EwsXml.elements(change)) {
                    String id = EwsItems.id(item);
                    if (EwsItems.RECURRING_MASTER.equals(EwsItems.itemType(item))) {
                        masters.add(id);
                    } else if (item.getLocalName().equals("CalendarItem") && id != null) {
                        changed.add(id);
                    }
                }
            }
        }
        return new SyncPage(state == null ? syncState : state, last, changed, masters, deleted);
    }
}
