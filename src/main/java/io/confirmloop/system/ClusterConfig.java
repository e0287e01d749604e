package io.confirmloop.system;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.jdbc.lock.DefaultLockRepository;
import org.springframework.integration.jdbc.lock.JdbcLockRegistry;
import org.springframework.integration.jdbc.metadata.JdbcMetadataStore;
import org.springframework.integration.metadata.ConcurrentMetadataStore;

/**
 * Spring Integration on the shared database: a lock registry so one node syncs a calendar at a
 * time, and a metadata store for idempotent receipt of webhooks.
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

    @Bean
    ConcurrentMetadataStore metadataStore(DataSource dataSource) {
        JdbcMetadataStore store = new JdbcMetadataStore(dataSource);
        store.setRegion("confirmloop");
        return store;
    }
}
