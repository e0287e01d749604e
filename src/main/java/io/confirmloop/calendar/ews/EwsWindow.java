package io.confirmloop.calendar.ews;

import static io.confirmloop.calendar.ews.EwsXml.MESSAGES;
import static io.confirmloop.calendar.ews.EwsXml.TYPES;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.confirmloop.calendar.CalendarAccess;
import io.confirmloop.calendar.ProviderEvent;
import io.confirmloop.calendar.WindowPage;
import org.w3c.dom.Element;

/**
 * A window page by page with {@code FindItem} and a {@code CalendarView}, which expands recurring
 * series into occurrences (each with its own ItemId) but has no offset: the next page starts a
 * second before the last listed item's start, asks for as many more entries as it will skip, and
 * skips the items it listed already (two events can share a start across a page boundary). The
 * items of a page are then read with GetItem. The change cursor is taken before the first page, so
 * a change made while the pages are read is reported again rather than missed.
 */
final class EwsWindow {

    private final EwsClient client;
    private final EwsEvents events;
    private final EwsChanges changes;
    private final int pageSize;

    EwsWindow(EwsClient client, EwsEvents events, EwsChanges changes, int pageSize) {
        this.client = client;
        this.events = events;
        this.changes = changes;
        this.pageSize = pageSize;
    }

    WindowPage read(CalendarAccess access, Instant from, Instant to, String pageToken) {
        EwsTokens.Page page = pageToken == null ? new EwsTokens.Page(from, List.of(), changes.currentCursor(access))
                : EwsTokens.page(pageToken);
        Set<String> skip = new HashSet<>(page.skip());
        EwsClient.Message m = EwsClient.single(client.call(access,
                EwsRequests.findItems(EwsRequests.folderOf(access), page.start(), to, pageSize + skip.size())));
        Element root = EwsXml.child(m.element(), MESSAGES, "RootFolder");
        boolean lastInRange = !"false".equalsIgnoreCase(EwsXml.attr(root, "IncludesLastItemInRange"));
        List<Element> considered = new ArrayList<>();
        List<String> fresh = new ArrayList<>();
        boolean truncated = false;
        for (Element item : EwsXml.elements(EwsXml.child(root, TYPES, "Items"))) {
            String id = EwsItems.id(item);
            boolean seen = skip.contains(id) || fresh.contains(id);
            if (!seen && fresh.size() == pageSize) {
                truncated = true;
                break;
            }
            considered.add(item);
            if (!seen) {
                fresh.add(id);
            }
        }
        List<ProviderEvent> read = events.read(access, fresh);
        if ((lastInRange && !truncated) || considered.isEmpty()) {
            return new WindowPage(read, null, page.cursor());
        }
        Instant lastStart = EwsItems.instant(EwsXml.text(considered.get(considered.size() - 1), TYPES, "Start"));
        Instant next = lastStart.minusSeconds(1).isBefore(page.start()) ? page.start() : lastStart.minusSeconds(1);
        List<String> nextSkip = new ArrayList<>();
        for (Element item : considered) {
            Instant end = EwsItems.instant(EwsXml.text(item, TYPES, "End"));
            if (end == null || !end.isBefore(next)) {
                nextSkip.add(EwsItems.id(item));
            }
        }
        return new WindowPage(read, EwsTokens.encode(new EwsTokens.Page(next, nextSkip, page.cursor())), null);
    }
}
