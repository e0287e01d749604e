package io.confirmloop.onboarding;

import static io.confirmloop.onboarding.CalendarProcesses.Variables;

import java.util.HashMap;
import java.util.Map;

import io.confirmloop.calendar.Calendar;
import io.confirmloop.calendar.CalendarEvents;
import io.confirmloop.calendar.CalendarRepository;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * A calendar's sign-in, as the processes hear of it: a refused sign-in starts the reconnect process
 * (once per calendar), and a new sign-in moves on the onboarding or reconnect waiting for it.
 */
@Component
class SignInEvents {

    private static final Logger log = LoggerFactory.getLogger(SignInEvents.class);

    private final RuntimeService runtime;
    private final CalendarRepository calendars;
    private final SignInLinks links;

    SignInEvents(RuntimeService runtime, CalendarRepository calendars, SignInLinks links) {
        this.runtime = runtime;
        this.calendars = calendars;
        this.links = links;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void signInRefused(CalendarEvents.SignInRefused refused) {
        Calendar calendar = calendars.find(refused.calendarId()).orElse(null);
        if (calendar == null || runtime.createProcessInstanceQuery().processDefinitionKey(CalendarProcesses.RECONNECT)
                .processInstanceBusinessKey(calendar.id()).count() > 0) {
            return;
        }
        Map<String, Object> variables = new HashMap<>();
        variables.put(Variables.CALENDAR_ID, calendar.id());
        variables.put(Variables.CALENDAR_NAME, calendar.name());
        variables.put(Variables.OWNER_GROUP, calendar.ownerGroup());
        variables.put(Variables.PROVIDER_LABEL, SignInLinks.label(calendar.provider()));
        variables.put(Variables.SIGN_IN_URL, links.url(calendar, null));
        variables.put(Variables.SIGN_IN_HINT, SignInLinks.hint(calendar.provider()));
        variables.put(Variables.RECONNECT_REASON, refused.reason());
        runtime.startProcessInstanceByKey(CalendarProcesses.RECONNECT, calendar.id(), variables);
        log.info("The owner of calendar {} is asked to reconnect it", calendar.id());
    }

    @TransactionalEventListener(fallbackExecution = true)
    void signedIn(CalendarEvents.SignedIn signedIn) {
        int moved = runtime.createMessageCorrelation(CalendarProcesses.Messages.SIGNED_IN)
                .processInstanceBusinessKey(signedIn.calendarId()).correlateAllWithResult().size();
        log.info("Calendar {} signed in; {} waiting process(es) moved on", signedIn.calendarId(), moved);
    }
}
