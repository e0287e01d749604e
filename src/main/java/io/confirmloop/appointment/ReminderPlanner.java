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

    /**
     * What the plan has to take into account besides the rules.
     *
     * @param requestPending  a confirmation request of this appointment is already awaiting an answer:
     *                        no missed request is sent again
     * @param announceNewTime the appointment moved after the client had heard from us: the new
     *                        time goes out at once (within quiet hours' limits) with a request to
     *                        confirm, instead of any missed request
     * @param bookedOnline    the client booked the appointment on the booking page: their first
     *                        message is the booking confirmation, at once (it answers what they did)
     */
    record Circumstances(boolean requestPending, boolean announceNewTime, boolean bookedOnline) {

        static final Circumstances NONE = new Circumstances(false, false, false);

        Circumstances(boolean requestPending, boolean announceNewTime) {
            this(requestPending, announceNewTime, false);
        }
    }

    static final String PROFILE_DECISION = "reminder-profile";
    static final String NO_REMINDERS = "none";
    static final String NEW_TIME_TEMPLATE = "new-time";
    static final String BOOKING_CONFIRMATION_TEMPLATE = "booking-confirmation";

    /** True when the event's text and the calendar's rule set call for no reminders at all (e.g. {@code #noremind}). */
    boolean remindersOff(Calendar calendar, Appointment appointment) {
        Object ruleSet = decisions.evaluateDecisionByKey(PROFILE_DECISION).variables(Map.of(
                "eventText", appointment.text().toLowerCase(Locale.ROOT), "calendarRuleSet", calendar.ruleSet())).evaluate().getSingleEntry();
        return NO_REMINDERS.equals(ruleSet);
    }

    List<Reminder> plan(Calendar calendar, Appointment appointment, Attendee attendee, boolean canReceiveSms, Instant now,
            Circumstances circumstances) {
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
        return schedule(rules, calendar, appointment, attendee.phone(), now, canReceiveSms ? circumstances
                : new Circumstances(circumstances.requestPending(), false, circumstances.bookedOnline()));
    }

    List<Reminder> schedule(List<Rule> rules, Calendar calendar, Appointment appointment, String phone, Instant now) {
        return schedule(rules, calendar, appointment, phone, now, Circumstances.NONE);
    }

    List<Reminder> schedule(List<Rule> rules, Calendar calendar, Appointment appointment, String phone, Instant now,
            Circumstances circumstances) {
        Instant start = appointment.start();
        List<Reminder> plan = new ArrayList<>();
        Reminder latestMissedRequest = null;
        for (Rule rule : rules) {
            Instant due = start.minus(Duration.ofMinutes(Math.round(rule.hoursBefore() * 60)));
            Reminder reminder = new Reminder(Ids.newId(), appointment.id(), phone, appointment.planGeneration(), due, rule.channel(),
                    rule.template(), rule.asksReply(), Reminder.State.PLANNED, null);
            if (circumstances.announceNewTime() && rule.asksReply()) {
                // the new time goes out with the request to confirm it: one text, not two
                plan.add(reminder.withState(Reminder.State.SKIPPED, "the new time goes out with a request to confirm"));
                continue;
            }
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
        if (circumstances.announceNewTime()) {
            Reminder newTime = new Reminder(Ids.newId(), appointment.id(), phone, appointment.planGeneration(), now, "SMS", NEW_TIME_TEMPLATE,
                    true, Reminder.State.PLANNED, null);
            Reminder announced = quiet(newTime, now, start, now, calendar);
            plan.add(announced);
            skipRemindersRightAfter(plan, announced);
        }
        if (latestMissedRequest != null && (circumstances.announceNewTime() || circumstances.requestPending())) {
            plan.add(latestMissedRequest.withState(Reminder.State.SKIPPED, circumstances.announceNewTime()
                    ? "the new time goes out with a request to confirm" : "a request is already waiting for an answer"));
        } else if (latestMissedRequest != null && laterRequestPlanned) {
            plan.add(latestMissedRequest.withState(Reminder.State.SKIPPED, "its moment had passed"));
        } else if (latestMissedRequest != null) {
            if (!Duration.between(now, start).minus(settings.lateConfirmationLead()).isNegative()) {
                Reminder late = quiet(latestMissedRequest, now, start, now, calendar);
                plan.add(late);
                skipRemindersRightAfter(plan, late);
            } else {
                plan.add(latestMissedRequest.withState(Reminder.State.SKIPPED, "its moment had passed and the appointment is too close"));
            }
        }
        if (circumstances.bookedOnline()) {
            plan.add(new Reminder(Ids.newId(), appointment.id(), phone, appointment.planGeneration(), now, "SMS",
                    BOOKING_CONFIRMATION_TEMPLATE, false, Reminder.State.PLANNED, null));
        }
        plan.sort(Comparator.comparing(Reminder::dueAt));
        return plan;
    }

    private Reminder quiet(Reminder reminder, Instant due, Instant start, Instant now, Calendar calendar) {
        if (!"SMS".equals(reminder.channel())) {
            return at(reminder, due);
        }
        Optional<Instant> allowed = quietHours.adjust(due, start, now, calendar.timeZone());
        return allowed.map(at -> at.equals(due) ? at(reminder, at) : at(reminder, at).withState(Reminder.State.PLANNED, Reminder.QUIET_HOURS))
                .orElseGet(() -> reminder.withState(Reminder.State.SKIPPED, Reminder.NO_QUIET_MOMENT));
    }

    /**
     * A plain reminder due within half an hour after a late confirmation request (or the new time)
     * would be a second text right after the first: the request says it all.
     */
    private static void skipRemindersRightAfter(List<Reminder> plan, Reminder request) {
        if (request.state() != Reminder.State.PLANNED) {
            return;
        }
        Instant until = request.dueAt().plus(Duration.ofMinutes(30));
        plan.replaceAll(r -> r.state() == Reminder.State.PLANNED && !r.asksReply() && r.dueAt().isBefore(until)
                ? r.withState(Reminder.State.SKIPPED, "a confirmation request went out just before") : r);
    }

    /** The quiet hours every text we start obeys (also the cancellation notice). */
    Optional<Instant> outsideQuietHours(Instant due, Instant deadline, Instant now, Calendar calendar) {
        return quietHours.adjust(due, deadline, now, calendar.timeZone());
    }

    private static Reminder at(Reminder r, Instant due) {
        return new Reminder(r.id(), r.appointmentId(), r.phone(), r.generation(), due, r.channel(), r.template(), r.asksReply(),
                r.state(), r.note());
    }
}
