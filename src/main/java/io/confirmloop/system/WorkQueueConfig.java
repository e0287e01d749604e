package io.confirmloop.system;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.jdbc.store.JdbcChannelMessageStore;
import org.springframework.integration.jdbc.store.channel.H2ChannelMessageStoreQueryProvider;
import org.springframework.integration.jdbc.store.channel.PostgresChannelMessageStoreQueryProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.transaction.PlatformTransactionManager;

/** The durable work queues: Spring Integration's JDBC channel message store on the application's database. */
@Configuration
class WorkQueueConfig {

    @Bean
    JdbcChannelMessageStore workQueueStore(DataSource dataSource, DataSourceProperties properties) {
        JdbcChannelMessageStore store = new JdbcChannelMessageStore(dataSource);
        store.setChannelMessageStoreQueryProvider(WorkQueues.isPostgres(properties)
                ? new PostgresChannelMessageStoreQueryProvider() : new H2ChannelMessageStoreQueryProvider());
        store.setRegion("confirmloop");
        store.addAllowedPatterns("io.confirmloop.*", "java.util.*", "java.lang.*", "org.springframework.messaging.*",
                "org.springframework.integration.*");
        return store;
    }

    @Bean
    WorkQueues workQueues(JdbcChannelMessageStore workQueueStore, JdbcTemplate jdbc, PlatformTransactionManager transactions,
            TaskScheduler scheduler, WorkQueueSettings settings, DataSourceProperties properties, MeterRegistry meters) {
        return new WorkQueues(workQueueStore, jdbc, transactions, scheduler, settings, properties, meters);
    }
}
