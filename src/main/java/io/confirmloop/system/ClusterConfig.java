package io.confirmloop.system;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.jdbc.lock.DefaultLockRepository;
import org.springframework.integration.jdbc.lock.JdbcLockRegistry;

/**
 * Spring Integration on the shared database: a lock registry so one node syncs a calendar at a
 * time (the durable work queues are in {@link WorkQueueConfig}).
 */
@Configuration
class ClusterConfig {

    @Bean
    DefaultLockRepository lockRepository(DataSource dataSource) {
        DefaultLockRepository repository = new DefaultLockRepository(dataSource);
        repository.setRegion("confirmloop");
        repository.setTimeToLive(60_000);
        return repository;
    }

    @Bean
    JdbcLockRegistry lockRegistry(DefaultLockRepository lockRepository) {
        return new JdbcLockRegistry(lockRepository);
    }
}
