package io.confirmloop.onboarding;

import static io.confirmloop.onboarding.CalendarProcesses.Variables;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.confirmloop.calendar.Calendar;
import io.confirmloop.calendar.CalendarOnboarding;
import io.confirmloop.calendar.CalendarPreview;
import io.confirmloop.calendar.OAuthClient;
import io.confirmloop.calendar.Provider;
import io.confirmloop.calendar.ProviderCalendar;
import io.confirmloop.system.ApiException;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The delegates of calendar-onboarding.bpmn: each calls one step of {@link CalendarOnboarding}. */
@Configuration
class OnboardingDelegates {

    private static final int PREVIEW_DAYS = 5;

    @Bean
    JavaDelegate registerCalendar(CalendarOnboarding onboarding, Owners owners, SignInLinks links, OAuthClient oauth) {
        return execution -> {
            Provider provider = Provider.parse(text(execution, Variables.PROVIDER));
            if ((provider == Provider.GRAPH || provider == Provider.GOOGLE || provider == Provider.CLIO) && !oauth.configured(provider)) {
                // said at once, on the start form, rather than with a sign-in link that cannot work
                throw ApiException.unprocessable("OAUTH_NOT_CONFIGURED", SignInLinks.label(provider)
                        + " calendars cannot be connected yet: an admin first registers ConfirmLoop there and sets confirmloop."
                        + provider.apiName() + ".client-id and client-secret (README: Calendar providers)");
            }
            String group = owners.accountOf(text(execution, Variables.STARTED_BY));
            Calendar calendar = onboarding.register(group, provider, text(execution, Variables.CALENDAR_NAME),
                    text(execution, Variables.NOTIFICATION_EMAIL), ZoneId.systemDefault());
            execution.setProcessBusinessKey(calendar.id());
            execution.setVariable(Variables.CALENDAR_ID, calendar.id());
            execution.setVariable(Variables.OWNER_GROUP, group);
            execution.setVariable(Variables.PROVIDER_LABEL, SignInLinks.label(provider));
            execution.setVariable(Variables.NEEDS_SIGN_IN, provider != Provider.INTERNAL);
            execution.setVariable(Variables.SIGN_IN_URL, links.url(calendar, text(execution, Variables.CLIO_REGION)));
            execution.setVariable(Variables.SIGN_IN_HINT, SignInLinks.hint(provider));
            execution.setVariable(Variables.TIME_ZONE, calendar.timeZone().getId());
        };
    }

    @Bean
    JavaDelegate listProviderCalendars(CalendarOnboarding onboarding, ObjectMapper json) {
        return execution -> {
            List<ProviderCalendar> found;
            try {
                found = onboarding.providerCalendars(calendarId(execution));
            } catch (ApiException e) {
                execution.setVariable(Variables.SIGN_IN_PROBLEM, e.getMessage());
                throw new BpmnError(CalendarProcesses.Errors.NOT_SIGNED_IN, e.getMessage());
            }
            if (found.isEmpty()) {
                String problem = "The account has no calendar ConfirmLoop can read: sign in with another account";
                execution.setVariable(Variables.SIGN_IN_PROBLEM, problem);
                throw new BpmnError(CalendarProcesses.Errors.NOT_SIGNED_IN, problem);
            }
            execution.setVariable(Variables.SIGN_IN_PROBLEM, null);
            List<Map<String, Object>> choices = found.stream()
                    .map(c -> Map.<String, Object>of("label", c.name() + (c.primary() ? " (main calendar)" : "") + (c.canWrite() ? "" : " (read only)"),
                            "value", c.id(), "timeZone", c.timeZone() == null ? "" : c.timeZone(), "primary", c.primary()))
                    .toList();
            execution.setVariable(Variables.CALENDAR_CHOICES, SpinValues.jsonValue(write(json, choices)).create());
            found.stream().filter(ProviderCalendar::primary).findFirst()
                    .ifPresent(c -> execution.setVariable(Variables.PROVIDER_CALENDAR_ID, c.id()));
        };
    }

    @Bean
    JavaDelegate saveCalendarChoice(CalendarOnboarding onboarding, ObjectMapper json) {
        return execution -> {
            String chosen = text(execution, Variables.PROVIDER_CALENDAR_ID);
            JsonNode choices = json.readTree(execution.getVariableTyped(Variables.CALENDAR_CHOICES).getValue().toString());
            JsonNode choice = null;
            for (JsonNode c : choices) {
                if (c.path("value").asText().equals(chosen)) {
                    choice = c;
                }
            }
            if (choice == null) {
                throw new IllegalArgumentException("The calendar chosen is not one of the account's calendars");
            }
            ZoneId zone = onboarding.choose(calendarId(execution), new ProviderCalendar(chosen, choice.path("label").asText(),
                    choice.path("timeZone").asText(null), choice.path("primary").asBoolean(), true));
            execution.setVariable(Variables.TIME_ZONE, zone.getId());
        };
    }

    @Bean
    JavaDelegate readCalendarPreview(CalendarOnboarding onboarding, CalendarPreview preview) {
        return execution -> {
            execution.setVariable(Variables.TIME_ZONE_ACTION, null);
            String typed = text(execution, Variables.TIME_ZONE);
            ZoneId zone = CalendarOnboarding.zone(typed).orElse(null);
            if (zone == null) {
                execution.setVariable(Variables.PREVIEW_PROBLEM, "Unknown time zone '" + typed
                        + "': use a name such as America/New_York, America/Chicago or Europe/London");
                execution.setVariable(Variables.PREVIEW_TEXT, "");
                return;
            }
            Calendar calendar = onboarding.changeZone(calendarId(execution), zone);
            execution.setVariable(Variables.TIME_ZONE, zone.getId());
            execution.setVariable("previewedZone", zone.getId());
            try {
                List<CalendarPreview.Item> items = preview.next(calendar, PREVIEW_DAYS, zone);
                execution.setVariable(Variables.PREVIEW_TEXT, previewText(items, zone));
                execution.setVariable(Variables.PREVIEW_PROBLEM, null);
            } catch (ApiException e) {
                execution.setVariable(Variables.PREVIEW_TEXT, "");
                execution.setVariable(Variables.PREVIEW_PROBLEM, e.getMessage());
            }
        };
    }

    @Bean
    JavaDelegate activateCalendar(CalendarOnboarding onboarding) {
        return execution -> onboarding.activate(calendarId(execution), ZoneId.of(text(execution, Variables.TIME_ZONE)));
    }

    @Bean
    JavaDelegate syncCalendarNow(CalendarOnboarding onboarding) {
        return execution -> onboarding.syncNow(calendarId(execution))
                .ifPresent(error -> execution.setVariable("firstSyncError", error));
    }

    @Bean
    JavaDelegate discardCalendar(CalendarOnboarding onboarding) {
        return execution -> onboarding.discard(calendarId(execution));
    }

    static String previewText(List<CalendarPreview.Item> items, ZoneId zone) {
        if (items.isEmpty()) {
            return "No appointments with a phone number in the next " + PREVIEW_DAYS + " days (times in " + zone.getId() + ").";
        }
        StringBuilder text = new StringBuilder("Times in " + zone.getId() + ":\n");
        for (CalendarPreview.Item item : items) {
            text.append(item.localStart()).append("  ").append(item.event().title() == null ? "" : item.event().title())
                    .append("  (").append(String.join(", ", item.phones())).append(")\n");
        }
        return text.toString().trim();
    }

    static String calendarId(DelegateExecution execution) {
        return text(execution, Variables.CALENDAR_ID);
    }

    static String text(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        return value == null ? null : value.toString();
    }

    private static String write(ObjectMapper json, Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
