package io.confirmloop.calendar.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.confirmloop.calendar.CalendarProviderException;
import io.confirmloop.calendar.ProviderResponse;
import org.junit.jupiter.api.Test;

/** Google's error bodies, as its "Handle API errors" page shows them, read into what to do. */
class GoogleErrorsTest {

    private final ObjectMapper json = new ObjectMapper();

    private static String error(int code, String domain, String reason, String message) {
        return """
                {"error": {"errors": [{"domain": "%s", "reason": "%s", "message": "%s"}], "code": %d, "message": "%s"}}
                """.formatted(domain, reason, message, code, message);
    }

    private void check(int status, String body, Map<String, String> headers) throws Exception {
        GoogleErrors.check(new ProviderResponse(status, headers, body), "GET", json.readTree(body));
    }

    @Test
    void rateLimitsIn403AreThrottling() {
        for (String reason : new String[] {"rateLimitExceeded", "userRateLimitExceeded", "calendarUsageLimitsExceeded"}) {
            assertThatThrownBy(() -> check(403, error(403, "usageLimits", reason, "Rate Limit Exceeded"), Map.of("Retry-After", "17")))
                    .isInstanceOfSatisfying(CalendarProviderException.Unavailable.class,
                            e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(17)))
                    .hasMessageContaining("403").hasMessageContaining(reason);
        }
    }

    @Test
    void another403IsARefusal() {
        assertThatThrownBy(() -> check(403, error(403, "calendar", "forbiddenForNonOrganizer",
                "Shared properties can only be changed by the organizer of the event."), Map.of()))
                .isInstanceOfSatisfying(CalendarProviderException.Rejected.class, e -> assertThat(e.status()).isEqualTo(403));
        // a 403 without Google's body (e.g. from a proxy) is no rate limit either
        assertThatThrownBy(() -> check(403, "{}", Map.of())).isInstanceOf(CalendarProviderException.Rejected.class);
    }

    @Test
    void goneForOneEventIsNotFound() {
        assertThatThrownBy(() -> check(410, error(410, "global", "deleted", "Resource has been deleted"), Map.of()))
                .isInstanceOf(CalendarProviderException.NotFound.class).hasMessageContaining("deleted");
    }

    @Test
    void aSuccessPasses() throws Exception {
        check(200, "{}", Map.of());
        check(204, "{}", Map.of());
    }
}
