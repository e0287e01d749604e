package io.confirmloop.booking;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One test per row of {@code processes/booking-rules.dmn}, evaluated with feel-scala as the engine does. */
class BookingRulesDecisionTest {

    private static DmnEngine engine;
    private static DmnDecision decision;

    @BeforeAll
    static void parse() throws IOException {
        engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
        try (InputStream dmn = BookingRulesDecisionTest.class.getClassLoader().getResourceAsStream("processes/booking-rules.dmn")) {
            assertThat(dmn).isNotNull();
            DmnModelInstance model = Dmn.readModelFromStream(dmn);
            decision = engine.parseDecision(BookingRules.DECISION, model);
        }
    }

    private static DmnDecisionResultEntries evaluate(double hoursUntilSlot, int daysAhead, int daysToView, int bookingsToday) {
        return engine.evaluateDecision(decision, Map.of("hoursUntilSlot", hoursUntilSlot, "daysAhead", daysAhead, "daysToView", daysToView,
                "bookingsToday", bookingsToday, "durationMinutes", 30)).getSingleResult();
    }

    @Test
    void lessThan24HoursAheadIsTooSoon() {
        DmnDecisionResultEntries row = evaluate(23.9, 0, 14, 0);

        assertThat(row.getEntryMap()).containsEntry("allowed", false).containsEntry("ruleCode", "TOO_SOON");
        assertThat((String) row.getEntry("message")).contains("24 hours");
        assertThat(evaluate(24.0, 1, 14, 0).<String>getEntry("ruleCode")).isEqualTo("OK");
    }

    @Test
    void theDayAfterTheLastDayShownIsTooFar() {
        DmnDecisionResultEntries row = evaluate(24 * 14, 14, 14, 0);

        assertThat(row.getEntryMap()).containsEntry("allowed", false).containsEntry("ruleCode", "TOO_FAR")
                .containsEntry("message", "Appointments can be booked at most 14 days ahead. Please choose an earlier day.");
        assertThat(evaluate(24 * 13, 13, 14, 0).<String>getEntry("ruleCode")).isEqualTo("OK");
    }

    @Test
    void aFourthBookingTheSameDayIsOverTheDailyLimit() {
        DmnDecisionResultEntries row = evaluate(48, 2, 14, 3);

        assertThat(row.getEntryMap()).containsEntry("allowed", false).containsEntry("ruleCode", "DAILY_LIMIT");
        assertThat((String) row.getEntry("message")).contains("3 appointments today");
        assertThat(evaluate(48, 2, 14, 2).<String>getEntry("ruleCode")).isEqualTo("OK");
    }

    @Test
    void everythingElseMayBeBooked() {
        DmnDecisionResultEntries row = evaluate(30, 1, 14, 0);

        assertThat(row.getEntryMap()).containsEntry("allowed", true).containsEntry("ruleCode", "OK");
    }

    @Test
    void theFirstMatchingRowWins() {
        assertThat(evaluate(2, 0, 14, 5).<String>getEntry("ruleCode")).isEqualTo("TOO_SOON");
        assertThat(evaluate(24 * 30, 30, 14, 5).<String>getEntry("ruleCode")).isEqualTo("TOO_FAR");
    }
}
