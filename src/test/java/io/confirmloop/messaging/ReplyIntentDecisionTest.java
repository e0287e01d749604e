package io.confirmloop.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngineFactory;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.HitPolicy;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.xml.instance.DomElement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One test per row of {@code processes/reply-intent.dmn}. The engine is built from the default
 * DMN engine configuration, which evaluates FEEL with feel-scala, as the process engine does.
 */
class ReplyIntentDecisionTest {

    private static final String RESOURCE = "processes/reply-intent.dmn";
    private static final String DECISION_ID = "reply-intent";
    private static final String DMNDI_NS = "https://www.omg.org/spec/DMN/20191111/DMNDI/";

    private static DefaultDmnEngineConfiguration configuration;
    private static DmnEngine engine;
    private static DmnModelInstance model;
    private static DmnDecision decision;

    @BeforeAll
    static void parseDecision() throws IOException {
        configuration = (DefaultDmnEngineConfiguration) DmnEngineConfiguration
                .createDefaultDmnEngineConfiguration();
        engine = configuration.buildEngine();
        try (InputStream dmn = ReplyIntentDecisionTest.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            assertThat(dmn).as(RESOURCE + " on the classpath").isNotNull();
            model = Dmn.readModelFromStream(dmn);
        }
        decision = engine.parseDecision(DECISION_ID, model);
    }

    @Test
    void engineEvaluatesFeelWithFeelScala() {
        assertThat(configuration.getFeelEngineFactory()).isInstanceOf(ScalaFeelEngineFactory.class);
    }

    @Test
    void modelIsAFirstHitTableWithHistoryTimeToLiveAndADiagramShape() {
        Decision element = model.getModelElementById(DECISION_ID);
        assertThat(element.getName()).isEqualTo("Reply intent");
        assertThat(element.getCamundaHistoryTimeToLiveString()).isEqualTo("P30D");
        assertThat(((DecisionTable) element.getExpression()).getHitPolicy()).isEqualTo(HitPolicy.FIRST);
        assertThat(model.getDocument().getElementsByNameNs(DMNDI_NS, "DMNShape"))
                .extracting((DomElement shape) -> shape.getAttribute("dmnElementRef"))
                .containsExactly(DECISION_ID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT", "OPT OUT"})
    void rowOptOut(String text) {
        assertThat(intentOf(text)).isEqualTo("OPT_OUT");
    }

    @ParameterizedTest
    @ValueSource(strings = {"START", "UNSTOP"})
    void rowOptIn(String text) {
        assertThat(intentOf(text)).isEqualTo("OPT_IN");
    }

    @ParameterizedTest
    @ValueSource(strings = {"HELP", "INFO"})
    void rowHelp(String text) {
        assertThat(intentOf(text)).isEqualTo("HELP");
    }

    @ParameterizedTest
    @ValueSource(strings = {"R", "RESCHEDULE", "REBOOK", "CHANGE"})
    void rowRescheduleKeyword(String text) {
        assertThat(intentOf(text)).isEqualTo("RESCHEDULE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"YES BUT CAN WE MOVE IT TO 3", "CAN WE MAKE IT 3PM", "COULD WE DO ANOTHER DAY", "I NEED TO RESCHEDULE",
            "OK BUT A DIFFERENT TIME PLEASE", "CAN I COME EARLIER"})
    void rowReschedulePhraseIsNeverAConfirmation(String text) {
        assertThat(intentOf(text)).isEqualTo("RESCHEDULE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"YES BUT I LL BE 10 MINUTES LATE", "YES ?", "OK IF IT IS STILL ON", "YES HOWEVER I HAVE A QUESTION"})
    void rowConditionalGoesToTheOwner(String text) {
        assertThat(intentOf(text)).isEqualTo("OTHER");
    }

    @ParameterizedTest
    @ValueSource(strings = {"NO PROBLEM", "NO WORRIES SEE YOU THEN", "NO PROB"})
    void rowNoProblemConfirms(String text) {
        assertThat(intentOf(text)).isEqualTo("CONFIRM");
    }

    @ParameterizedTest
    @ValueSource(strings = {"NO", "N", "NOPE", "NAH", "DECLINE", "NO I CAN T MAKE IT", "NO SORRY"})
    void rowDeclineKeyword(String text) {
        assertThat(intentOf(text)).isEqualTo("DECLINE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SORRY I CAN T MAKE IT", "I CANNOT COME", "PLEASE CANCEL MY APPOINTMENT", "I M NOT COMING",
            "YES I CAN T MAKE IT AFTER ALL"})
    void rowDeclinePhrase(String text) {
        assertThat(intentOf(text)).isEqualTo("DECLINE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"YES", "Y", "C", "CONFIRM", "CONFIRMED", "OK", "OKAY", "YEP", "YEAH", "SURE", "YES SEE YOU THEN",
            "YES 👍", "YES PLEASE", "C THANKS", "OK THANK YOU"})
    void rowConfirmKeyword(String text) {
        assertThat(intentOf(text)).isEqualTo("CONFIRM");
    }

    @ParameterizedTest
    @ValueSource(strings = {"I LL BE THERE", "ILL BE THERE", "I WILL BE THERE THANKS", "SEE YOU TOMORROW", "THANKS CONFIRMED",
            "HI I CONFIRM"})
    void rowConfirmPhrase(String text) {
        assertThat(intentOf(text)).isEqualTo("CONFIRM");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "2", "3", "9"})
    void rowSlotChoice(String text) {
        assertThat(intentOf(text)).isEqualTo("SLOT_CHOICE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"👍", "👍 👍", "👌", "✅", "✔ THANKS"})
    void rowConfirmEmoji(String text) {
        assertThat(intentOf(text)).isEqualTo("CONFIRM");
    }

    @ParameterizedTest
    @ValueSource(strings = {"MAYBE", "10", "0", "OPT", "STOP ALL", "yes", "WHO IS THIS", "THANKS", "STOP TEXTING ME ABOUT THE DOG"})
    void rowOtherForEverythingElse(String text) {
        assertThat(intentOf(text)).isEqualTo("OTHER");
    }

    /** What clients really send, through the same normalisation the application applies. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "Yes, see you then!|CONFIRM", "yes 👍|CONFIRM", "👍🏽|CONFIRM", "No, I can't make it|DECLINE",
            "I'll be there|CONFIRM", "Confirmed.|CONFIRM", "yes but can we move it to 3?|RESCHEDULE", "Yes?|OTHER",
            "  stop |OPT_OUT", "Sí|CONFIRM", "c|CONFIRM", "R|RESCHEDULE", "#2|SLOT_CHOICE", " 3. |SLOT_CHOICE"})
    void realRepliesAfterNormalisation(String reply, String intent) {
        assertThat(intentOf(ReplyIntents.normalise(reply))).isEqualTo(intent);
    }

    @Test
    void emptyReplyIsOther() {
        assertThat(intentOf("")).isEqualTo("OTHER");
    }

    @Test
    void givesExactlyOneIntent() {
        DmnDecisionResult result = evaluate("YES");

        assertThat(result).hasSize(1);
        assertThat(result.getSingleResult().getEntryMap()).containsOnlyKeys("intent");
    }

    private static String intentOf(String text) {
        return evaluate(text).getSingleEntry();
    }

    private static DmnDecisionResult evaluate(String text) {
        return engine.evaluateDecision(decision, Map.of("text", text));
    }
}
