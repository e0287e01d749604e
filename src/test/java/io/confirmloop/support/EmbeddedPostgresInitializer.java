package io.confirmloop.support;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One real PostgreSQL server (from Maven, no Docker) for every integration test in the JVM. It is
 * stopped after the last application context using it has closed, so nothing talks to a dead server.
 */
public class EmbeddedPostgresInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static EmbeddedPostgres postgres;
    private static int contexts;

    private static synchronized EmbeddedPostgres acquire() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start embedded PostgreSQL", e);
            }
        }
        contexts++;
        return postgres;
    }

    private static synchronized void release() {
        contexts--;
        if (contexts == 0 && postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                postgres = null;
            }
        }
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        EmbeddedPostgres pg = acquire();
        // Registered before any other bean, so destroyed after all of them (connection pool, engine).
        ((DefaultSingletonBeanRegistry) context.getBeanFactory()).registerDisposableBean("embeddedPostgresRelease",
                EmbeddedPostgresInitializer::release);
        TestPropertyValues.of(
                "spring.datasource.url=" + pg.getJdbcUrl("postgres", "postgres"),
                "spring.datasource.username=postgres",
                "spring.datasource.password=postgres")
                .applyTo(context.getEnvironment());
    }
}
