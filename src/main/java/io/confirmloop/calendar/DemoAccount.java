package io.confirmloop.calendar;

import java.time.ZoneId;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The dev default: an account (Camunda group) "democlinic" with the admin user in it and a
 * built-in calendar, so a first run can be walked through at once. Booking hears
 * {@link CalendarEvents.DemoCalendarReady} and gives an account without availability types a
 * client-facing "Client hours" type with Monday–Friday 09:00–17:00, so the booking page works too.
 */
@Component
@ConditionalOnProperty(name = "confirmloop.demo.enabled", havingValue = "true")
class DemoAccount {

    private static final Logger log = LoggerFactory.getLogger(DemoAccount.class);

    private final IdentityService identity;
    private final CalendarService calendarService;
    private final CalendarRepository calendars;
    private final ApplicationEventPublisher events;
    private final String group;
    private final String user;
    private final String timeZone;

    DemoAccount(IdentityService identity, CalendarService calendarService,
            CalendarRepository calendars, ApplicationEventPublisher events, @Value("${confirmloop.demo.group}") String group,
            @Value("${camunda.bpm.admin-user.id}") String user, @Value("${confirmloop.demo.time-zone:}") String timeZone) {
        this.identity = identity;
        this.calendarService = calendarService;
        this.calendars = calendars;
        this.events = events;
        this.group = group;
        this.user = user;
        this.timeZone = timeZone;
    }

    @EventListener(ApplicationReadyEvent.class)
    void setUp() {
        if (identity.createGroupQuery().groupId(group).count() == 0) {
            Group g = identity.newGroup(group);
            g.setName("Demo Clinic");
            g.setType("WORKFLOW");
            identity.saveGroup(g);
            log.info("Created the demo account (group) {}", group);
        }
        if (identity.createUserQuery().userId(user).count() > 0
                && identity.createUserQuery().userId(user).memberOfGroup(group).count() == 0) {
            identity.createMembership(user, group);
        }
        if (calendars.findByGroups(java.util.List.of(group)).isEmpty()) {
            String zone = timeZone == null || timeZone.isBlank() ? ZoneId.systemDefault().getId() : timeZone;
            calendarService.createInAccount(group, new CalendarInput("Demo Clinic", "Demo Clinic", "internal", zone, null,
                    "owner@demo-clinic.example", true, true, true, false, true, true, "default", group, null));
            log.info("Created the demo built-in calendar in time zone {}", zone);
        }
        calendars.findByGroups(java.util.List.of(group)).stream().filter(c -> c.provider() == Provider.INTERNAL).findFirst()
                .ifPresent(c -> events.publishEvent(new CalendarEvents.DemoCalendarReady(group, c.id())));
    }
}
