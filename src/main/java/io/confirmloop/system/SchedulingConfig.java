package io.confirmloop.system;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Calendar sync and reply retries run on a schedule unless {@code confirmloop.scheduling.enabled=false}. */
@Configuration
@EnableScheduling
@ConditionalOnProperty(name = "confirmloop.scheduling.enabled", havingValue = "true", matchIfMissing = true)
class SchedulingConfig {
}
