package io.confirmloop.appointment;

import io.confirmloop.calendar.CalendarEventStore;
import io.confirmloop.system.WorkQueues;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * How the calendar sync is doing, for admins: in {@code /actuator/health} (details for a signed-in
 * user) and as metrics. A change whose attempts all failed, or a status-line write that keeps
 * failing, is counted here until it finally goes through.
 */
@Component("calendarSyncHealthIndicator")
class CalendarSyncHealth implements HealthIndicator, MeterBinder {

    private final WorkQueues queues;
    private final CalendarEventStore events;
    private final AppointmentRepository appointments;

    CalendarSyncHealth(WorkQueues queues, CalendarEventStore events, AppointmentRepository appointments) {
        this.queues = queues;
        this.events = events;
        this.appointments = appointments;
    }

    @Override
    public Health health() {
        return Health.up()
                .withDetail("queued", queues.pending())
                .withDetail("eventChangesFailing", events.countFailed())
                .withDetail("statusLineWritesFailing", appointments.countDescriptionFailures())
                .build();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("confirmloop.sync.event.changes.failing", events, CalendarEventStore::countFailed)
                .description("Changed calendar events whose every attempt to take them in failed").register(registry);
        Gauge.builder("confirmloop.sync.status.lines.failing", appointments, AppointmentRepository::countDescriptionFailures)
                .description("Appointments whose status lines could not be written into the calendar").register(registry);
        Gauge.builder("confirmloop.queue.waiting", queues, q -> q.pending().values().stream().mapToInt(Integer::intValue).sum())
                .description("Items waiting in the durable work queues").register(registry);
    }
}
