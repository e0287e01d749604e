package io.confirmloop.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelException;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;

/**
 * The FEEL engine that parses each text once must decide exactly as Camunda's own, and must not
 * parse a text again.
 */
class DecisionEngineConfigTest {

    private final StandaloneInMemProcessEngineConfiguration processEngine = new StandaloneInMemProcessEngineConfiguration();

    @Test
    void thePluginGivesTheProcessEnginesDmnEngineTheParsedOnceFeelEngine() {
        new DecisionEngineConfig().parsedOnceFeel().preInit(processEngine);

        assertThat(processEngine.getDmnEngineConfiguration().getFeelEngineFactory())
                .isInstanceOf(DecisionEngineConfig.ParsedOnceFeelEngineFactory.class);
    }

    @Test
    void decidesAsCamundasFeelEngineAndParsesEveryTextOnce() throws Exception {
        DecisionEngineConfig.ParsedOnceFeelEngineFactory factory = new DecisionEngineConfig.ParsedOnceFeelEngineFactory(processEngine);
        DmnEngine parsedOnce = engine(factory);
        DmnEngine camundas = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();

        List<Map<String, Object>> reminderInputs = Stream.of("check-up", "court hearing", "#noremind please", "")
                .flatMap(text -> Stream.of(1.5, 30.0, 200.0).flatMap(hours -> Stream.of(true, false).map(sms -> Map.<String, Object>of(
                        "eventText", text, "calendarRuleSet", "default", "hoursUntilStart", hours, "canReceiveSms", sms,
                        "hasEmail", !sms))))
                .toList();
        List<String> replies = List.of("C", "yes", "STOP", "start", "1", "can we move it", "");

        long afterFirstRound = 0;
        for (int round = 0; round < 2; round++) {
            for (Map<String, Object> inputs : reminderInputs) {
                assertThat(evaluate(parsedOnce, "reminder-rules.dmn", "reminder-rules", inputs))
                        .isEqualTo(evaluate(camundas, "reminder-rules.dmn", "reminder-rules", inputs));
                assertThat(evaluate(parsedOnce, "reminder-rules.dmn", "reminder-profile", inputs))
                        .isEqualTo(evaluate(camundas, "reminder-rules.dmn", "reminder-profile", inputs));
            }
            for (String reply : replies) {
                Map<String, Object> inputs = Map.of("text", reply);
                assertThat(evaluate(parsedOnce, "reply-intent.dmn", "reply-intent", inputs))
                        .isEqualTo(evaluate(camundas, "reply-intent.dmn", "reply-intent", inputs));
            }
            if (round == 0) {
                afterFirstRound = factory.parsedTexts();
            }
        }

        assertThat(afterFirstRound).as("texts parsed and kept after the first round").isPositive();
        assertThat(factory.parsedTexts()).as("the second round parsed nothing new").isEqualTo(afterFirstRound);
    }

    @Test
    void aTextThatDoesNotParseFailsWithTheSameMessageEveryTime() {
        DmnEngine parsedOnce = engine(new DecisionEngineConfig.ParsedOnceFeelEngineFactory(processEngine));
        var feel = ((DefaultDmnEngineConfiguration) parsedOnce.getConfiguration()).getFeelEngine();
        var context = Variables.createVariables().putValue("x", 1).asVariableContext();

        assertThat((Object) feel.evaluateSimpleExpression("x + 1", context)).isEqualTo(2L);
        assertThatThrownBy(() -> feel.evaluateSimpleExpression("x +", context)).isInstanceOf(FeelException.class)
                .satisfies(first -> assertThatThrownBy(() -> feel.evaluateSimpleExpression("x +", context))
                        .hasMessage(first.getMessage()));
        assertThat(feel.evaluateSimpleUnaryTests("< 2", "x", context)).isTrue();
        assertThat(feel.evaluateSimpleUnaryTests("> 2", "x", context)).isFalse();
    }

    private static DmnEngine engine(DecisionEngineConfig.ParsedOnceFeelEngineFactory factory) {
        return ((DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration())
                .feelEngineFactory(factory).buildEngine();
    }

    private static List<Map<String, Object>> evaluate(DmnEngine engine, String file, String decisionKey, Map<String, Object> inputs)
            throws Exception {
        try (InputStream dmn = DecisionEngineConfigTest.class.getClassLoader().getResourceAsStream("processes/" + file)) {
            DmnDecision decision = engine.parseDecision(decisionKey, dmn);
            return engine.evaluateDecision(decision, Variables.fromMap(inputs)).getResultList();
        }
    }
}
