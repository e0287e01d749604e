package io.confirmloop.calendar.google;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import io.confirmloop.calendar.ProviderRequest;
import org.junit.jupiter.api.Test;

/** The Calendar API requests as Google documents them. */
class GoogleRequestsTest {

    private final GoogleRequests requests = new GoogleRequests("https://www.googleapis.com/calendar/v3/", 250);

    @Test
    void calendarIdsAreEncodedPathSegments() {
        assertThat(GoogleRequests.segment("en.usa#holiday@group.v.calendar.google.com")).isEqualTo("en.usa%23holiday%40group.v.calendar.google.com");
        assertThat(GoogleRequests.segment("a b/c+d~é")).isEqualTo("a%20b%2Fc%2Bd~%C3%A9");
        assertThat(requests.read("frontdesk.parkside@gmail.com", "abc_20261203T120000Z").url())
                .isEqualTo("https://www.googleapis.com/calendar/v3/calendars/frontdesk.parkside%40gmail.com/events/abc_20261203T120000Z");
    }

    @Test
    void aWindowExpandsSeriesLeavesCancelledOutAndPages() {
        ProviderRequest first = requests.window("primary", Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2026-12-15T00:00:00Z"), null);
        ProviderRequest next = requests.window("primary", Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2026-12-15T00:00:00Z"), "Ab+/=");

        assertThat(first.url()).isEqualTo("https://www.googleapis.com/calendar/v3/calendars/primary/events?singleEvents=true"
                + "&timeMin=2026-12-01T00%3A00%3A00Z&timeMax=2026-12-15T00%3A00%3A00Z&showDeleted=false&maxResults=250");
        assertThat(next.url()).endsWith("&maxResults=250&pageToken=Ab%2B%2F%3D");
    }

    @Test
    void aSyncTokenGoesWithoutTimeBoundsOrShowDeleted() {
        assertThat(requests.changes("primary", "CPDAlvWDx70CEPDAlvWDx70CGAU=", null).url())
                .isEqualTo("https://www.googleapis.com/calendar/v3/calendars/primary/events?syncToken=CPDAlvWDx70CEPDAlvWDx70CGAU%3D"
                        + "&singleEvents=true&maxResults=250");
    }

    @Test
    void writesSendNoMailToGuests() {
        assertThat(requests.insert("primary", "{}").url()).endsWith("/events?sendUpdates=none");
        assertThat(requests.patch("primary", "e1", "{}").url()).endsWith("/events/e1?sendUpdates=none");
        assertThat(requests.patch("primary", "e1", "{}").method()).isEqualTo("PATCH");
        assertThat(requests.delete("primary", "e1").url()).endsWith("/events/e1?sendUpdates=none");
    }
}
