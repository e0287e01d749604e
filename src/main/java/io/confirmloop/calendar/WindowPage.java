package io.confirmloop.calendar;

import java.util.List;

/**
 * One page of a calendar's events in a window.
 *
 * @param nextPageToken where the next page starts; null on the last page
 * @param cursor        on the last page, where the provider can later report changes from (Graph
 *                      delta link, Google sync token, EWS sync state); null if it has none
 */
public record WindowPage(List<ProviderEvent> events, String nextPageToken, String cursor) {

    public boolean last() {
        return nextPageToken == null;
    }
}
