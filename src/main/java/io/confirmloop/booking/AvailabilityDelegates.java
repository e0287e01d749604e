package io.confirmloop.booking;

import static io.confirmloop.booking.AvailabilityProcess.Variables;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.confirmloop.calendar.Calendar;
import io.confirmloop.calendar.CalendarService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The delegates of availability-settings.bpmn. They act for the user who started the process: only
 * the calendars of that user's account groups are shown and changed.
 */
@Configuration
class AvailabilityDelegates {

    @Bean
    JavaDelegate readAvailability(CalendarService calendars, IdentityService identity, AvailabilityForm form, ObjectMapper json) {
        return execution -> {
            List<Calendar> mine = calendars.calendarsOf(groupsOf(identity, execution));
            execution.setVariable(Variables.HAS_CALENDAR, !mine.isEmpty());
            if (mine.isEmpty()) {
                return;
            }
            List<Map<String, Object>> choices = mine.stream().map(c -> Map.<String, Object>of("label", c.name(), "value", c.id())).toList();
            execution.setVariable(Variables.CALENDAR_CHOICES, SpinValues.jsonValue(json.writeValueAsString(choices)).create());
            execution.setVariable(Variables.SEVERAL_CALENDARS, mine.size() > 1);
            show(execution, form, mine.get(0), null);
        };
    }

    @Bean
    JavaDelegate saveAvailability(CalendarService calendars, IdentityService identity, AvailabilityForm form) {
        return execution -> {
            String chosen = (String) execution.getVariable(Variables.CALENDAR_ID);
            Calendar calendar = calendars.calendarsOf(groupsOf(identity, execution)).stream().filter(c -> c.id().equals(chosen))
                    .findFirst().orElse(null);
            String problem;
            if (calendar == null) {
                problem = "Choose one of your calendars.";
            } else if (!calendar.id().equals(execution.getVariable(Variables.SHOWN_CALENDAR_ID))) {
                show(execution, form, calendar, "These are the hours of " + calendar.name() + " now: change them if needed and submit again.");
                execution.setVariable(Variables.SAVED, false);
                return;
            } else {
                problem = form.save(calendar, execution.getVariables());
            }
            execution.setVariable(Variables.PROBLEM, problem);
            execution.setVariable(Variables.SAVED, problem == null);
        };
    }

    private static void show(DelegateExecution execution, AvailabilityForm form, Calendar calendar, String notice) {
        execution.setVariables(form.values(calendar));
        execution.setVariable(Variables.OWNER_GROUP, calendar.ownerGroup());
        execution.setVariable(Variables.PROBLEM, notice);
    }

    private static List<String> groupsOf(IdentityService identity, DelegateExecution execution) {
        String user = (String) execution.getVariable(Variables.STARTED_BY);
        return identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId)
                .filter(g -> !g.equals(Groups.CAMUNDA_ADMIN)).sorted().toList();
    }
}
