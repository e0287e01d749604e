package io.confirmloop.onboarding;

import static io.confirmloop.onboarding.CalendarProcesses.Variables;
import static io.confirmloop.onboarding.OnboardingDelegates.calendarId;
import static io.confirmloop.onboarding.OnboardingDelegates.text;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.confirmloop.calendar.Calendar;
import io.confirmloop.calendar.CalendarInput;
import io.confirmloop.calendar.CalendarRepository;
import io.confirmloop.calendar.CalendarService;
import io.confirmloop.system.ApiException;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The delegates of calendar-settings.bpmn. They act for the user who started the process: only the
 * calendars of that user's account groups are listed, changed or deleted.
 */
@Configuration
class SettingsDelegates {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    @Bean
    JavaDelegate listOwnerCalendars(CalendarService calendars, CalendarRepository repository, Owners owners, ObjectMapper json) {
        return execution -> {
            String user = text(execution, Variables.STARTED_BY);
            List<Calendar> mine = calendars.calendarsOf(owners.groupsOf(user));
            execution.setVariable(Variables.OWNER_GROUP, owners.accountOf(user));
            List<Map<String, Object>> choices = mine.stream().map(c -> Map.<String, Object>of("label", c.name(), "value", c.id())).toList();
            execution.setVariable(Variables.CALENDAR_CHOICES, SpinValues.jsonValue(json.writeValueAsString(choices)).create());
            execution.setVariable(Variables.CALENDARS_SUMMARY, mine.isEmpty() ? "You have no calendars yet: start \"Connect a calendar\"."
                    : String.join("\n", mine.stream().map(c -> summary(c, repository.connectionState(c.id()))).toList()));
        };
    }

    @Bean
    JavaDelegate readCalendarSettings(CalendarService calendars, CalendarRepository repository, Owners owners) {
        return execution -> {
            Calendar c = mine(calendars, owners, execution);
            execution.setVariable(Variables.CALENDAR_NAME, c.name());
            execution.setVariable("name", c.name());
            execution.setVariable(Variables.TIME_ZONE, c.timeZone().getId());
            execution.setVariable(Variables.NOTIFICATION_EMAIL, c.notificationEmail());
            execution.setVariable("active", c.active());
            execution.setVariable("ownerEventsOnly", c.ownerEventsOnly());
            execution.setVariable("updateDescriptions", c.updateDescriptions());
            execution.setVariable("copyAppointments", c.copyAppointments());
            execution.setVariable("useForAvailability", c.useForAvailability());
            execution.setVariable(Variables.SYNC_STATUS, summary(c, repository.connectionState(c.id())));
            execution.setVariable(Variables.SETTINGS_PROBLEM, null);
            execution.setVariable(Variables.DELETE_CONFIRMED, false);
        };
    }

    @Bean
    JavaDelegate saveCalendarSettings(CalendarService calendars, Owners owners) {
        return execution -> {
            CalendarInput in = new CalendarInput(text(execution, "name"), null, null, text(execution, Variables.TIME_ZONE), null,
                    text(execution, Variables.NOTIFICATION_EMAIL) == null ? "" : text(execution, Variables.NOTIFICATION_EMAIL),
                    bool(execution, "active"), bool(execution, "ownerEventsOnly"), bool(execution, "updateDescriptions"),
                    bool(execution, "copyAppointments"), bool(execution, "useForAvailability"), null, null, null, null);
            try {
                Calendar saved = calendars.updateFor(owners.groupsOf(text(execution, Variables.STARTED_BY)), calendarId(execution), in);
                execution.setVariable(Variables.CALENDAR_NAME, saved.name());
                execution.setVariable(Variables.SETTINGS_PROBLEM, null);
            } catch (ApiException e) {
                execution.setVariable(Variables.SETTINGS_PROBLEM, e.getMessage());
                throw new BpmnError(CalendarProcesses.Errors.INVALID_SETTINGS, e.getMessage());
            }
        };
    }

    @Bean
    JavaDelegate deleteCalendar(CalendarService calendars, Owners owners) {
        return execution -> calendars.deleteFor(owners.groupsOf(text(execution, Variables.STARTED_BY)), calendarId(execution));
    }

    private static Calendar mine(CalendarService calendars, Owners owners, DelegateExecution execution) {
        String id = calendarId(execution);
        return calendars.calendarsOf(owners.groupsOf(text(execution, Variables.STARTED_BY))).stream().filter(c -> c.id().equals(id))
                .findFirst().orElseThrow(() -> new AuthorizationException("Calendar " + id + " is not one of yours")); // 403 in the REST API
    }

    static String summary(Calendar c, CalendarRepository.ConnectionState state) {
        String status = state == CalendarRepository.ConnectionState.RECONNECT ? "needs you to sign in again"
                : state == CalendarRepository.ConnectionState.CONNECTING ? "being connected" : c.active() ? "active" : "switched off";
        return c.name() + " (" + SignInLinks.label(c.provider()) + ", " + c.timeZone().getId() + "): " + status
                + "; last read " + (c.lastSyncedAt() == null ? "never" : WHEN.format(c.lastSyncedAt()))
                + (failingNow(c) ? "; last error " + WHEN.format(c.lastErrorAt()) + ": " + c.lastError() : "");
    }

    /** An error counts until a read succeeds after it. */
    private static boolean failingNow(Calendar c) {
        return c.lastError() != null && c.lastErrorAt() != null && (c.lastSyncedAt() == null || c.lastErrorAt().isAfter(c.lastSyncedAt()));
    }

    private static Boolean bool(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        return value instanceof Boolean b ? b : value == null ? null : Boolean.valueOf(value.toString());
    }
}
