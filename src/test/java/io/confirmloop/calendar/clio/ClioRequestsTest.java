package io.confirmloop.calendar.clio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;

import io.confirmloop.calendar.Calendar;
import io.confirmloop.calendar.CalendarAccess;
import io.confirmloop.calendar.CalendarProviderException;
import io.confirmloop.calendar.Connection;
import io.confirmloop.calendar.Connection.ClioRegion;
import io.confirmloop.calendar.Provider;
import io.confirmloop.calendar.ProviderEndpoints;
import io.confirmloop.calendar.ProviderRequest;
import io.confirmloop.calendar.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Clio calls: on the host of the account's region, with the query Clio documents. */
class ClioRequestsTest {

    private static final Instant FROM = Instant.parse("2026-12-01T15:00:00Z");
    private static final Instant TO = Instant.parse("2026-12-15T15:00:00Z");

    private static ProviderEndpoints endpoints(String clioBaseUrl) {
        return new ProviderEndpoints("http://localhost:8080", null, null, new ProviderEndpoints.Clio(clioBaseUrl, "id", "secret"), null);
    }

    private static CalendarAccess access(ClioRegion region) {
        Calendar calendar = new Calendar("cal-1", "clinicP", "Parkside", null, Provider.CLIO, ZoneId.of("America/Chicago"),
                region.name().toLowerCase(), "desk@parkside.example", true, true, true, false, false, false, null, null, null, null, null);
        return new CalendarAccess(calendar, new Connection.Clio("9001", new Secret("at"), new Secret("rt"), null, region));
    }

    @ParameterizedTest
    @CsvSource({ "US, https://app.clio.com", "EU, https://eu.app.clio.com", "CA, https://ca.app.clio.com", "AU, https://au.app.clio.com" })
    void theAccountsRegionPicksTheHost(ClioRegion region, String host) {
        ClioRequests requests = new ClioRequests(endpoints("https://app.clio.com"));

        assertThat(requests.window(access(region), FROM, TO, 200).url()).startsWith(host + "/api/v4/calendar_entries.json?");
        assertThat(requests.read(access(region), "1000000001").url()).startsWith(host + "/api/v4/calendar_entries/1000000001.json?fields=");
        assertThat(requests.calendars((Connection.Clio) access(region).connection()).url()).startsWith(host + "/api/v4/calendars.json?");
    }

    @Test
    void aConfiguredBaseUrlServesEveryRegion() {
        ClioRequests requests = new ClioRequests(endpoints("http://clio-proxy.internal:8443/"));

        assertThat(requests.window(access(ClioRegion.EU), FROM, TO, 200).url()).startsWith("http://clio-proxy.internal:8443/api/v4/calendar_entries.json?");
    }

    @Test
    void theWindowAsksForExpandedTimedEntriesOfTheCalendarWithTheFieldsRead() {
        ProviderRequest window = new ClioRequests(endpoints("https://app.clio.com")).window(access(ClioRegion.US), FROM, TO, 500);

        assertThat(window.method()).isEqualTo("GET");
        assertThat(window.url()).contains("calendar_id=9001", "from=2026-12-01T15%3A00%3A00Z", "to=2026-12-15T15%3A00%3A00Z", "expanded=true",
                "is_all_day=false", "limit=200", "fields=id%2Cetag%2C", "calendar_owner%7Bid%2Cname%2Ctype%7D");
        assertThat(window.headers()).containsEntry("Accept", "application/json");
    }

    @Test
    void aNextLinkIsFollowedOnlyOnTheAccountsHost() {
        ClioRequests requests = new ClioRequests(endpoints("https://app.clio.com"));
        String next = "https://eu.app.clio.com/api/v4/calendar_entries.json?page_token=abc";

        assertThat(requests.next(access(ClioRegion.EU), next).url()).isEqualTo(next);
        assertThatThrownBy(() -> requests.next(access(ClioRegion.US), next)).isInstanceOf(CalendarProviderException.Rejected.class);
        assertThatThrownBy(() -> requests.next(access(ClioRegion.EU), "https://eu.app.clio.com.evil.example/api/v4/calendar_entries.json?x"))
                .isInstanceOf(CalendarProviderException.Rejected.class);
    }

    @Test
    void aDescriptionIsWrittenWithIfMatchAndAMoveWithout() {
        ClioRequests requests = new ClioRequests(endpoints("https://app.clio.com"));

        ProviderRequest description = requests.patch(access(ClioRegion.US), "1000000002_1", "{}", "\"77aa01\"");
        assertThat(description.method()).isEqualTo("PATCH");
        assertThat(description.url()).startsWith("https://app.clio.com/api/v4/calendar_entries/1000000002_1.json?fields=");
        assertThat(description.headers()).containsEntry("If-Match", "\"77aa01\"").containsEntry("Content-Type", "application/json");
        assertThat(requests.patch(access(ClioRegion.US), "1", "{}", null).headers()).doesNotContainKey("If-Match");
        assertThat(requests.delete(access(ClioRegion.US), "a/b").url()).isEqualTo("https://app.clio.com/api/v4/calendar_entries/a%2Fb.json");
    }
}
