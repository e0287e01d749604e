package io.confirmloop.calendar;

import java.util.List;

/**
 * One page of the changes since a cursor: events created or changed, and the ids of events removed
 * (deleted or cancelled) — an explicit removal.
 *
 * @param nextPageToken where the next page starts; null on the last page
 * @param cursor        on the last page, the cursor to ask from next time
 */
public record ChangePage(List<ProviderEvent> changed, List<String> removed, String nextPageToken, String cursor) {

    public boolean last() {
        return nextPageToken == null;
    }
}
