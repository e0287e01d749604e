package io.confirmloop.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** How a provider's answer becomes what the sync and the write-back do next. */
class ProviderHttpTest {

    private static final ProviderRequest GET = ProviderRequest.get("https://www.googleapis.com/calendar/v3/calendars/x/events");

    private static ProviderResponse answer(int status, Map<String, String> headers, String body) {
        return new ProviderResponse(status, headers, body);
    }

    @Test
    void aSuccessIsReturnedAsItIs() {
        ProviderResponse ok = answer(200, Map.of("ETag", "\"1\""), "{}");
        assertThat(ProviderHttp.check(Provider.GOOGLE, GET, ok)).isSameAs(ok);
        assertThat(ok.header("etag")).contains("\"1\"");
    }

    @Test
    void eachStatusSaysWhatToDo() {
        assertThatThrownBy(() -> ProviderHttp.check(Provider.GRAPH, GET, answer(401, Map.of(), "")))
                .isInstanceOf(CalendarProviderException.Unauthorized.class).hasMessageContaining("Microsoft 365").hasMessageContaining("reconnect");
        assertThatThrownBy(() -> ProviderHttp.check(Provider.GOOGLE, GET, answer(404, Map.of(), "")))
                .isInstanceOf(CalendarProviderException.NotFound.class);
        assertThatThrownBy(() -> ProviderHttp.check(Provider.GOOGLE, GET, answer(412, Map.of(), "")))
                .isInstanceOf(CalendarProviderException.VersionConflict.class);
        assertThatThrownBy(() -> ProviderHttp.check(Provider.GRAPH, GET, answer(409, Map.of(), "")))
                .isInstanceOf(CalendarProviderException.VersionConflict.class);
        assertThatThrownBy(() -> ProviderHttp.check(Provider.GOOGLE, GET, answer(410, Map.of(), "{\"error\":{\"message\":\"Sync token is no longer valid\"}}")))
                .isInstanceOf(CalendarProviderException.CursorExpired.class).hasMessageContaining("Sync token");
        assertThatThrownBy(() -> ProviderHttp.check(Provider.CLIO, GET, answer(400, Map.of(), "{\"error\":{\"message\":\"bad field\"}}")))
                .isInstanceOfSatisfying(CalendarProviderException.Rejected.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("Clio answered 400 to GET").hasMessageContaining("bad field");
    }

    @Test
    void throttlingAndOutagesAreUnavailableWithTheWaitAskedFor() {
        assertThatThrownBy(() -> ProviderHttp.check(Provider.CLIO, GET, answer(429, Map.of("Retry-After", "42"), "")))
                .isInstanceOfSatisfying(CalendarProviderException.Unavailable.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(42)));
        String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().plusSeconds(90));
        assertThatThrownBy(() -> ProviderHttp.check(Provider.GRAPH, GET, answer(503, Map.of("retry-after", inAMinute), "")))
                .isInstanceOfSatisfying(CalendarProviderException.Unavailable.class,
                        e -> assertThat(e.retryAfter()).isBetween(Duration.ofSeconds(60), Duration.ofSeconds(91)));
        assertThatThrownBy(() -> ProviderHttp.check(Provider.EWS, GET, answer(500, Map.of("Retry-After", "soon"), "")))
                .isInstanceOfSatisfying(CalendarProviderException.Unavailable.class, e -> assertThat(e.retryAfter()).isNull());
    }

    @Test
    void aStatusTheAdapterReadsItselfIsPassedThrough() {
        ProviderResponse fault = answer(500, Map.of(), "<soap:Fault/>");
        assertThat(ProviderHttp.check(Provider.EWS, GET.passing(500), fault)).isSameAs(fault);
    }

    @Test
    void aLongErrorBodyIsCutShort() {
        String body = "x".repeat(5000);
        assertThatThrownBy(() -> ProviderHttp.check(Provider.GOOGLE, GET, answer(400, Map.of(), body)))
                .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(400));
    }
}
