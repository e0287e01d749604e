package io.confirmloop.system;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The job executor finds due jobs by their due date through an index, however many future timers
 * wait (every waiting attendee has its reply deadline and its end as timers). Camunda's acquisition
 * query asks for {@code DUEDATE_ is null or DUEDATE_ <= now} without an order, which makes
 * PostgreSQL read every job row; here every job gets a due date ({@code ensureJobDueDateNotNull}),
 * acquisition orders by it ({@code jobExecutorAcquireByDueDate}), and the index
 * {@code confirmloop_job_due} on {@code ACT_RU_JOB(DUEDATE_)}, which Camunda does not create, serves
 * both. It is created after the engine made its schema (not by Flyway, which runs before it).
 */
@Configuration(proxyBeanMethods = false)
class JobAcquisitionConfig {

    private static final Logger log = LoggerFactory.getLogger(JobAcquisitionConfig.class);

    static final String INDEX = "confirmloop_job_due";

    @Bean
    ProcessEnginePlugin jobsByDueDate(DataSource dataSource) {
        return new AbstractProcessEnginePlugin() {
            @Override
            public void preInit(ProcessEngineConfigurationImpl configuration) {
                configuration.setEnsureJobDueDateNotNull(true);
                configuration.setJobExecutorAcquireByDueDate(true);
            }

            @Override
            public void postProcessEngineBuild(ProcessEngine engine) {
                JdbcTemplate jdbc = new JdbcTemplate(dataSource);
                // jobs written before every job had a due date are due now
                int dated = jdbc.update("update ACT_RU_JOB set DUEDATE_ = current_timestamp where DUEDATE_ is null");
                if (dated > 0) {
                    log.info("{} jobs without a due date are due now", dated);
                }
                try {
                    jdbc.execute("create index if not exists " + INDEX + " on ACT_RU_JOB (DUEDATE_)");
                } catch (DataAccessException e) {
                    // another node created it at the same moment
                    log.info("Index {} not created here: {}", INDEX, e.getMostSpecificCause().getMessage());
                }
            }
        };
    }
}
