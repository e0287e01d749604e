package io.confirmloop.booking;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.springframework.stereotype.Component;

/** The DMN table {@code booking-rules}: may this slot be booked, and if not, why. */
@Component
public class BookingRules {

    static final String DECISION = "booking-rules";

    /** The table's answer: a rule code ({@code OK} when allowed) and the message a client reads. */
    public record Verdict(boolean allowed, String code, String message) {
    }

    private final DecisionService decisions;

    BookingRules(DecisionService decisions) {
        this.decisions = decisions;
    }

    /**
     * @param bookingsToday bookings this client already made today (0 when the client is not known yet)
     */
    public Verdict check(Instant slotStart, Duration duration, ZoneId zone, BookingSettings settings, int bookingsToday, Instant now) {
        long daysAhead = ChronoUnit.DAYS.between(now.atZone(zone).toLocalDate(), slotStart.atZone(zone).toLocalDate());
        DmnDecisionResultEntries row = decisions.evaluateDecisionByKey(DECISION).variables(Map.of(
                "hoursUntilSlot", Duration.between(now, slotStart).toMinutes() / 60.0,
                "daysAhead", daysAhead,
                "daysToView", settings.daysToView(),
                "bookingsToday", bookingsToday,
                "durationMinutes", duration.toMinutes())).evaluate().getSingleResult();
        if (row == null) {
            return new Verdict(false, "NO_RULE", "No booking rule applies to this slot");
        }
        boolean allowed = Boolean.TRUE.equals(row.getEntry("allowed"));
        return new Verdict(allowed, String.valueOf(row.<Object>getEntry("ruleCode")), row.getEntry("message"));
    }
}
