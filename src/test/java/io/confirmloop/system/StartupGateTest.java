package io.confirmloop.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.ApplicationAvailabilityBean;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Before the application is ready, the API answers 503 rather than something wrong. */
class StartupGateTest {

    private final ApplicationAvailabilityBean availability = new ApplicationAvailabilityBean();
    private final StartupGate gate = new StartupGate(availability);

    private MockHttpServletResponse get(String path) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        gate.doFilter(new MockHttpServletRequest("GET", path), response, new MockFilterChain());
        return response;
    }

    private void readiness(ReadinessState state) {
        availability.onApplicationEvent(new AvailabilityChangeEvent<>(this, state));
    }

    @Test
    void theApiWaitsUntilTheApplicationIsReady() throws Exception {
        MockHttpServletResponse starting = get("/api/calendars");
        assertThat(starting.getStatus()).isEqualTo(503);
        assertThat(starting.getHeader("Retry-After")).isEqualTo("5");
        assertThat(starting.getContentAsString()).contains("\"error\":\"STARTING\"");

        readiness(ReadinessState.ACCEPTING_TRAFFIC);

        assertThat(get("/api/calendars").getStatus()).isEqualTo(200);
    }

    @Test
    void webhooksWaitTooSoTwilioRetries() throws Exception {
        assertThat(get("/webhooks/twilio/sms").getStatus()).isEqualTo(503);
    }

    @Test
    void pagesAndProbesAreNotHeldBack() throws Exception {
        assertThat(get("/actuator/health/readiness").getStatus()).isEqualTo(200);
        assertThat(get("/calendar").getStatus()).isEqualTo(200);
    }

    @Test
    void anApplicationThatStopsTakingTrafficAnswers503Again() throws Exception {
        readiness(ReadinessState.ACCEPTING_TRAFFIC);
        readiness(ReadinessState.REFUSING_TRAFFIC);
        assertThat(get("/api/calendars").getStatus()).isEqualTo(503);
    }
}
