package io.confirmloop.system;

import java.time.Instant;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * The one notion of "now" in ConfirmLoop. It is Camunda's clock, so the reminder plan, the timers
 * and the tests that move time all agree.
 */
@Component
public class AppClock {

    public Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }
}
