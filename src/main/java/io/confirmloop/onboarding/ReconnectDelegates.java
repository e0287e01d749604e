package io.confirmloop.onboarding;

import static io.confirmloop.onboarding.CalendarProcesses.Variables;
import static io.confirmloop.onboarding.OnboardingDelegates.calendarId;
import static io.confirmloop.onboarding.OnboardingDelegates.text;

import io.confirmloop.calendar.CalendarRepository;
import io.confirmloop.calendar.CalendarSignIns;
import io.confirmloop.messaging.OutboundMessages;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The delegates of calendar-reconnect.bpmn. */
@Configuration
class ReconnectDelegates {

    @Bean
    JavaDelegate tellOwnerToReconnect(CalendarRepository calendars, OutboundMessages outbound) {
        return execution -> calendars.find(calendarId(execution)).filter(c -> c.notificationEmail() != null).ifPresent(c -> {
            String text = """
                    %s no longer accepts ConfirmLoop's sign-in for your calendar "%s".

                    What it said: %s

                    The calendar is paused: it is not read and no status lines are written into it. Appointments ConfirmLoop already knows \
                    still get their reminders.

                    Sign in again here: %s
                    (You also have a "Reconnect" task in Tasklist.)
                    """.formatted(text(execution, Variables.PROVIDER_LABEL), c.name(), text(execution, Variables.RECONNECT_REASON),
                    text(execution, Variables.SIGN_IN_URL));
            outbound.email("reconnect:" + execution.getProcessInstanceId(), null, c.id(), null, c.notificationEmail(),
                    "Reconnect your calendar " + c.name(), text);
        });
    }

    @Bean
    JavaDelegate checkReconnected(CalendarSignIns signIns) {
        return execution -> {
            boolean reconnected = signIns.state(calendarId(execution)) == CalendarRepository.ConnectionState.CONNECTED;
            execution.setVariable(Variables.RECONNECTED, reconnected);
            execution.setVariable(Variables.RECONNECT_PROBLEM, reconnected ? null
                    : "ConfirmLoop has no new sign-in yet: open the sign-in page above, sign in, and the task ends by itself");
        };
    }
}
