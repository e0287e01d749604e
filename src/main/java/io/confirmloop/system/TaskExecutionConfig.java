package io.confirmloop.system;

import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The application's own task executor ({@code spring.task.execution.*}), first among executors.
 * Without it, Camel's platform-http (the Twilio webhooks) would take the first thread pool it
 * finds: Camunda's job executor, whose short queue refuses requests while jobs run.
 */
@Configuration
class TaskExecutionConfig {

    @Bean(name = "applicationTaskExecutor")
    @Order(Ordered.HIGHEST_PRECEDENCE)
    ThreadPoolTaskExecutor applicationTaskExecutor(ThreadPoolTaskExecutorBuilder builder) {
        return builder.threadNamePrefix("app-task-").build();
    }
}
