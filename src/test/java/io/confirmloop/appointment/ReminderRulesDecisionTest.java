package io.confirmloop.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngineFactory;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.HitPolicy;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.InformationRequirement;
import org.camunda.bpm.model.xml.instance.DomElement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One test per row of the two decisions in {@code processes/reminder-rules.dmn}:
 * {@code reminder-profile} (which rule set an event uses) and {@code reminder-rules} (which
 * reminders that rule set sends). The engine is built from the default DMN engine configuration,
 * which evaluates FEEL with feel-scala, as the process engine does.
 */
class ReminderRulesDecisionTest {

    private static final String RESOURCE = "processes/reminder-rules.dmn";
    private static final String PROFILE_ID = "reminder-profile";
    private static final String RULES_ID = "reminder-rules";
    private static final String DMNDI_NS = "https://www.omg.org/spec/DMN/20191111/DMNDI/";

    private static final double HOURS_UNTIL_START = 72.0;

    private static final Reminder SMS_CONFIRMATION_24H = new Reminder(24, "SMS", "confirmation-request", true);
    private static final Reminder SMS_REMINDER_2H = new Reminder(2, "SMS", "reminder", false);
    private static final Reminder EMAIL_REMINDER_24H = new Reminder(24, "EMAIL", "email-reminder", false);
    private static final Reminder EMAIL_REMINDER_2H = new Reminder(2, "EMAIL", "email-reminder", false);
    private static final Reminder COURT_SMS_CONFIRMATION_48H = new Reminder(48, "SMS", "confirmation-request", true);
    private static final Reminder COURT_SMS_REMINDER_24H = new Reminder(24, "SMS", "reminder", false);
    private static final Reminder COURT_SMS_REMINDER_2H = new Reminder(2, "SMS", "reminder", false);
    private static final Reminder COURT_EMAIL_REMINDER_48H = new Reminder(48, "EMAIL", "email-reminder", false);

    private static DefaultDmnEngineConfiguration configuration;
    private static DmnEngine engine;
    private static DmnModelInstance model;
    private static DmnDecision profile;
    private static DmnDecision rules;

    /** One row of the reminder-rules result. */
    record Reminder(int hoursBefore, String channel, String template, boolean asksReply) {

        static Reminder of(DmnDecisionResultEntries entries) {
            assertThat(entries.getEntryMap()).containsOnlyKeys("hoursBefore", "channel", "template", "asksReply");
            return new Reminder(entries.<Integer>getEntry("hoursBefore"), entries.getEntry("channel"),
                    entries.getEntry("template"), entries.<Boolean>getEntry("asksReply"));
        }
    }

    @BeforeAll
    static void parseDecisions() throws IOException {
        configuration = (DefaultDmnEngineConfiguration) DmnEngineConfiguration
                .createDefaultDmnEngineConfiguration();
        engine = configuration.buildEngine();
        try (InputStream dmn = ReminderRulesDecisionTest.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            assertThat(dmn).as(RESOURCE + " on the classpath").isNotNull();
            model = Dmn.readModelFromStream(dmn);
        }
        profile = engine.parseDecision(PROFILE_ID, model);
        rules = engine.parseDecision(RULES_ID, model);
    }

    @Test
    void engineEvaluatesFeelWithFeelScala() {
        assertThat(configuration.getFeelEngineFactory()).isInstanceOf(ScalaFeelEngineFactory.class);
    }

    @Test
    void modelHasBothDecisionsTheRequirementAndTheirDiagram() {
        Decision profileElement = model.getModelElementById(PROFILE_ID);
        Decision rulesElement = model.getModelElementById(RULES_ID);

        assertThat(profileElement.getName()).isEqualTo("Reminder profile");
        assertThat(profileElement.getCamundaHistoryTimeToLiveString()).isEqualTo("P30D");
        assertThat(((DecisionTable) profileElement.getExpression()).getHitPolicy()).isEqualTo(HitPolicy.FIRST);
        assertThat(rulesElement.getName()).isEqualTo("Reminder rules");
        assertThat(rulesElement.getCamundaHistoryTimeToLiveString()).isEqualTo("P30D");
        assertThat(((DecisionTable) rulesElement.getExpression()).getHitPolicy()).isEqualTo(HitPolicy.COLLECT);
        assertThat(rulesElement.getInformationRequirements())
                .extracting(InformationRequirement::getRequiredDecision)
                .containsExactly(profileElement);
        assertThat(rules.getRequiredDecisions()).extracting(DmnDecision::getKey).containsExactly(PROFILE_ID);

        assertThat(model.getDocument().getElementsByNameNs(DMNDI_NS, "DMNShape"))
                .extracting((DomElement shape) -> shape.getAttribute("dmnElementRef"))
                .containsExactlyInAnyOrder(PROFILE_ID, RULES_ID);
        assertThat(model.getDocument().getElementsByNameNs(DMNDI_NS, "DMNEdge"))
                .extracting((DomElement edge) -> edge.getAttribute("dmnElementRef"))
                .containsExactly(rulesElement.getInformationRequirements().iterator().next().getAttributeValue("id"));
    }

    // reminder-profile

    @Test
    void noRemindMarkerSelectsTheEmptyRuleSet() {
        assertThat(ruleSetFor("team sync #noremind room 4", "default")).isEqualTo("none");
    }

    @Test
    void noRemindMarkerWinsOverTheCourtMarker() {
        assertThat(ruleSetFor("*court hearing #noremind", "default")).isEqualTo("none");
    }

    @Test
    void courtMarkerSelectsTheCourtRuleSet() {
        assertThat(ruleSetFor("hearing smith v jones *court county courthouse", "default")).isEqualTo("court");
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "court", "none", "weekly-checkup"})
    void withoutAMarkerTheCalendarRuleSetApplies(String calendarRuleSet) {
        assertThat(ruleSetFor("dental check-up main street clinic", calendarRuleSet)).isEqualTo(calendarRuleSet);
    }

    @Test
    void aMarkerWithoutItsPrefixIsNotAMarker() {
        assertThat(ruleSetFor("court hearing noremind", "default")).isEqualTo("default");
    }

    @Test
    void emptyEventTextUsesTheCalendarRuleSet() {
        assertThat(ruleSetFor("", "default")).isEqualTo("default");
    }

    // reminder-rules, default rule set

    @Test
    void defaultSmsClientGetsTheConfirmationRequestAndTheTwoHourReminder() {
        assertThat(reminders("haircut", "default", true, false))
                .containsExactlyInAnyOrder(SMS_CONFIRMATION_24H, SMS_REMINDER_2H);
    }

    @Test
    void defaultSmsClientWithEmailStillGetsSmsOnly() {
        assertThat(reminders("haircut", "default", true, true))
                .containsExactlyInAnyOrder(SMS_CONFIRMATION_24H, SMS_REMINDER_2H);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 3.0, 25.0, 500.0})
    void hoursUntilStartDoesNotFilterRowsThePlannerSkipsPassedReminders(double hoursUntilStart) {
        assertThat(reminders("haircut", "default", hoursUntilStart, true, false))
                .containsExactlyInAnyOrder(SMS_CONFIRMATION_24H, SMS_REMINDER_2H);
    }

    @Test
    void defaultLandlineWithEmailGetsTwoEmailReminders() {
        assertThat(reminders("haircut", "default", false, true))
                .containsExactlyInAnyOrder(EMAIL_REMINDER_24H, EMAIL_REMINDER_2H);
    }

    @Test
    void defaultLandlineWithoutEmailGetsNothing() {
        assertThat(reminders("haircut", "default", false, false)).isEmpty();
    }

    // reminder-rules, court rule set

    @Test
    void courtMarkerWithSmsClientGetsTheEarlierConfirmationRequestAndTwoReminders() {
        assertThat(reminders("hearing *court", "default", true, false))
                .containsExactlyInAnyOrder(COURT_SMS_CONFIRMATION_48H, COURT_SMS_REMINDER_24H, COURT_SMS_REMINDER_2H);
    }

    @Test
    void courtMarkerWithLandlineAndEmailGetsOneEmailReminder() {
        assertThat(reminders("hearing *court", "default", false, true))
                .containsExactly(COURT_EMAIL_REMINDER_48H);
    }

    @Test
    void courtMarkerWithLandlineWithoutEmailGetsNothing() {
        assertThat(reminders("hearing *court", "default", false, false)).isEmpty();
    }

    @Test
    void courtCalendarAppliesCourtRulesWithoutAMarker() {
        assertThat(reminders("hearing", "court", true, true))
                .containsExactlyInAnyOrder(COURT_SMS_CONFIRMATION_48H, COURT_SMS_REMINDER_24H, COURT_SMS_REMINDER_2H);
    }

    // reminder-rules, no reminders

    @ParameterizedTest
    @ValueSource(strings = {"default", "court"})
    void noRemindMarkerGivesNoReminders(String calendarRuleSet) {
        assertThat(reminders("lunch #noremind", calendarRuleSet, true, true)).isEmpty();
        assertThat(reminders("lunch #noremind", calendarRuleSet, false, true)).isEmpty();
    }

    @Test
    void noRemindMarkerWinsOverCourtMarker() {
        assertThat(reminders("*court #noremind", "default", true, true)).isEmpty();
    }

    @Test
    void ruleSetWithoutRowsGivesNoReminders() {
        assertThat(reminders("haircut", "none", true, true)).isEmpty();
        assertThat(reminders("haircut", "weekly-checkup", true, true)).isEmpty();
    }

    private static String ruleSetFor(String eventText, String calendarRuleSet) {
        return engine.evaluateDecision(profile, Map.of("eventText", eventText, "calendarRuleSet", calendarRuleSet))
                .getSingleEntry();
    }

    private static List<Reminder> reminders(String eventText, String calendarRuleSet, boolean canReceiveSms,
            boolean hasEmail) {
        return reminders(eventText, calendarRuleSet, HOURS_UNTIL_START, canReceiveSms, hasEmail);
    }

    private static List<Reminder> reminders(String eventText, String calendarRuleSet, double hoursUntilStart,
            boolean canReceiveSms, boolean hasEmail) {
        Map<String, Object> variables = Map.of(
                "eventText", eventText,
                "calendarRuleSet", calendarRuleSet,
                "hoursUntilStart", hoursUntilStart,
                "canReceiveSms", canReceiveSms,
                "hasEmail", hasEmail);
        return engine.evaluateDecision(rules, variables).stream().map(Reminder::of).toList();
    }
}
