package io.confirmloop.calendar.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.confirmloop.calendar.CalendarProviderException;
import io.confirmloop.calendar.ProviderRequest;
import org.junit.jupiter.api.Test;

class GraphRequestsTest {

    private final GraphRequests requests = new GraphRequests("https://proxy.example/graph/v1.0", new ObjectMapper());

    @Test
    void aLinkGraphHandsOutIsSentToTheConfiguredRootWhateverHostItNames() {
        assertThat(requests.onApi("https://graph.microsoft.com/v1.0/me/calendars/AAMk%3D/calendarView/delta?$deltatoken=R0us"))
                .isEqualTo("https://proxy.example/graph/v1.0/me/calendars/AAMk%3D/calendarView/delta?$deltatoken=R0us");
        assertThat(requests.onApi("https://proxy.example/graph/v1.0/me/calendarView/delta?$skiptoken=x"))
                .isEqualTo("https://proxy.example/graph/v1.0/me/calendarView/delta?$skiptoken=x");
    }

    @Test
    void aLinkThatIsNoGraphV1LinkIsRefused() {
        for (String link : new String[] {"https://evil.example/steal?x=1", "https://graph.microsoft.com/beta/me/events",
                "https://graph.microsoft.com/v1.0/users/someone/events", "https://graph.microsoft.com/v1.0/me/../../x", "::"}) {
            assertThatThrownBy(() -> requests.onApi(link)).as(link).isInstanceOf(CalendarProviderException.Rejected.class);
        }
    }

    @Test
    void aDeltaRoundStartsWithTheWindowAndThePageSize() {
        ProviderRequest r = requests.delta("AAMk/+=", Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2026-12-15T00:00:00Z"), 100);

        assertThat(r.url()).isEqualTo("https://proxy.example/graph/v1.0/me/calendars/AAMk%2F%2B%3D/calendarView/delta"
                + "?startDateTime=2026-12-01T00:00:00Z&endDateTime=2026-12-15T00:00:00Z");
        assertThat(r.headers()).containsEntry("Prefer", "odata.maxpagesize=100");
    }

    @Test
    void aDescriptionWriteCarriesTheEtagAndOnlyTheBody() {
        ProviderRequest r = requests.description("AAMk=", "W/\"abc==\"", "[ConfirmLoop] confirmed\nRest");

        assertThat(r.method()).isEqualTo("PATCH");
        assertThat(r.url()).isEqualTo("https://proxy.example/graph/v1.0/me/events/AAMk%3D");
        assertThat(r.headers()).containsEntry("If-Match", "W/\"abc==\"").containsEntry("Content-Type", "application/json");
        assertThat(r.body()).isEqualTo("{\"body\":{\"contentType\":\"text\",\"content\":\"[ConfirmLoop] confirmed\\nRest\"}}");
    }
}
