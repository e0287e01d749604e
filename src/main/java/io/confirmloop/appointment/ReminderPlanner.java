package io.confirmloop.appointment;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.confirmloop.calendar.Calendar;
import io.confirmloop.system.Ids;
import org.camunda.bpm.engine.DecisionService;
import org.springframework.stereotype.Component;

/**
 * Turns the DMN table {@code reminder-rules} into an attendee's reminder plan: when each message
 * is due (exact durations before the start, so DST changes do not shift it), quiet hours for
 * texts, and the missed-reminder rule — a reminder whose moment has passed is skipped, except the
 * latest confirmation request, which goes out at once if the appointment is still far enough away
 * (and no later confirmation request is still to come).
 */
@Component
class ReminderPlanner {

    static final String DECISION = "reminder-rules";

    /** One row the rules chose. */
    record Rule(double hoursBefore, String channel, String template, boolean asksReply) {
    }

    private final DecisionService decisions;
    private final ReminderSettings settings;
    private final QuietHours quietHours;

    ReminderPlanner(DecisionService decisions, ReminderSettings settings) {
        this.decisions = decisions;
        this.settings = settings;
        this.quietHours = new QuietHours(settings.quietHoursStart(), settings.quietHoursEnd());
    }

    List<Reminder> plan(Calendar calendar, Appointment appointment, Attendee attendee, boolean canReceiveSms, Instant now) {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("eventText", appointment.text().toLowerCase(Locale.ROOT));
        inputs.put("calendarRuleSet", calendar.ruleSet());
        inputs.put("hoursUntilStart", Duration.between(now, appointment.start()).toMinutes() / 60.0);
        inputs.put("canReceiveSms", canReceiveSms);
        inputs.put("hasEmail", attendee.email() != null);
        List<Rule> rules = decisions.evaluateDecisionByKey(DECISION).variables(inputs).evaluate().getResultList().stream()
                .map(row -> new Rule(((Number) row.get("hoursBefore")).doubleValue(), (String) row.get("channel"),
                        (String) row.get("template"), Boolean.TRUE.equals(row.get("asksReply"))))
                .toList();
        return schedule(rules, calendar, appointment, attendee.phone(), now);
    }

    List<Reminder> schedule(List<Rule> rules, Calendar calendar, Appointment appointment, String phone, Instant now) {
        Instant start = appointment.start();
        List<Reminder> plan = new ArrayList<>();
        Reminder latestMissedRequest = null;
        for (Rule rule : rules) {
            Instant due = start.minus(Duration.ofMinutes(Math.round(rule.hoursBefore() * 60)));
            Reminder reminder = new Reminder(Ids.newId(), appointment.id(), phone, appointment.planGeneration(), due, rule.channel(),
                    rule.template(), rule.asksReply(), Reminder.State.PLANNED, null);
            if (due.isBefore(now)) {
                if (rule.asksReply() && (latestMissedRequest == null || due.isAfter(latestMissedRequest.dueAt()))) {
                    if (latestMissedRequest != null) {
                        plan.add(latestMissedRequest.withState(Reminder.State.SKIPPED, "its moment had passed"));
                    }
                    latestMissedRequest = reminder;
                } else {
                    plan.add(reminder.withState(Reminder.State.SKIPPED, "its moment had passed"));
                }
                continue;
            }
            plan.add(quiet(reminder, due, start, now, calendar));
        }
        boolean laterRequestPlanned = plan.stream().anyMatch(r -> r.asksReply() && r.state() == Reminder.State.PLANNED);
        if (latestMissedRequest != null && laterRequestPlanned) {
            plan.add(latestMissedRequest.withState(Reminder.State.SKIPPED, "its moment had passed"));
        } else if (latestMissedRequest != null) {
            if (!Duration.between(now, start).minus(settings.lateConfirmationLead()).isNegative()) {
                plan.add(quiet(latestMissedRequest, now, start, now, calendar));
            } else {
                plan.add(latestMissedRequest.withState(Reminder.State.SKIPPED, "its moment had passed and the appointment is too close"));
            }
        }
        plan.sort(Comparator.comparing(Reminder::dueAt));
        return plan;
    }

    private Reminder quiet(Reminder reminder, Instant due, Instant start, Instant now, Calendar calendar) {
        if (!"SMS".equals(reminder.channel())) {
            return at(reminder, due);
        }
        Optional<Instant> allowed = quietHours.adjust(due, start, now, calendar.timeZone());
        return allowed.map(at -> at(reminder, at))
                .orElseGet(() -> reminder.withState(Reminder.State.SKIPPED, "no moment outside quiet hours before the appointment"));
    }

    private static Reminder at(Reminder r, Instant due) {
        return new Reminder(r.id(), r.appointmentId(), r.phone(), r.generation(), due, r.channel(), r.template(), r.asksReply(),
                r.state(), r.note());
    }
}
