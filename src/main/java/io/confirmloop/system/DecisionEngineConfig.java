package io.confirmloop.system;

import java.util.List;
import java.util.Optional;

import camundajar.impl.scala.util.Either;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.FeelEngineFactory;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.function.CustomFunctionTransformer;
import org.camunda.bpm.dmn.feel.impl.scala.function.FeelCustomFunctionProvider;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.feel.FeelEngine.Configuration;
import org.camunda.feel.FeelEngine.Failure;
import org.camunda.feel.FeelEngine$;
import org.camunda.feel.syntaxtree.ParsedExpression;
import org.camunda.feel.valuemapper.ValueMapper.CompositeValueMapper;
import org.springframework.context.annotation.Bean;

/**
 * The DMN engine evaluates the decision tables (reminder rules, reply intents, booking rules) with
 * Camunda's FEEL engine, which parses every cell's text again on every evaluation. Parsing, not
 * evaluating, was most of the CPU an imported event cost. Here each distinct FEEL text is parsed
 * once and its syntax tree (immutable, so safe to share between threads) is reused; evaluation is
 * unchanged, and a redeployed table's new texts are simply parsed on first use.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
class DecisionEngineConfig {

    /** Distinct FEEL texts kept parsed; far more than the cells of all deployed tables. */
    static final int PARSED_TEXTS = 10_000;

    @Bean
    ProcessEnginePlugin parsedOnceFeel() {
        return new AbstractProcessEnginePlugin() {
            @Override
            public void preInit(ProcessEngineConfigurationImpl configuration) {
                DefaultDmnEngineConfiguration dmn = Optional.ofNullable(configuration.getDmnEngineConfiguration())
                        .orElseGet(() -> (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration());
                dmn.feelEngineFactory(new ParsedOnceFeelEngineFactory(configuration));
                configuration.setDmnEngineConfiguration(dmn);
            }
        };
    }

    /** Camunda's Scala FEEL engine, with the engine's custom functions, on a parser that remembers. */
    static final class ParsedOnceFeelEngineFactory implements FeelEngineFactory {

        private final ProcessEngineConfigurationImpl configuration;
        private final Cache<String, Either<Failure, ParsedExpression>> expressions = Caffeine.newBuilder()
                .maximumSize(PARSED_TEXTS).build();
        private final Cache<String, Either<Failure, ParsedExpression>> unaryTests = Caffeine.newBuilder()
                .maximumSize(PARSED_TEXTS).build();

        ParsedOnceFeelEngineFactory(ProcessEngineConfigurationImpl configuration) {
            this.configuration = configuration;
        }

        /** How many distinct FEEL texts (expressions and input entries) have been parsed and kept. */
        long parsedTexts() {
            expressions.cleanUp();
            unaryTests.cleanUp();
            return expressions.estimatedSize() + unaryTests.estimatedSize();
        }

        @Override
        public FeelEngine createInstance() {
            List<FeelCustomFunctionProvider> functions = Optional.ofNullable(configuration.getDmnFeelCustomFunctionProviders())
                    .orElseGet(List::of);
            return new ScalaFeelEngine(functions) {
                @Override
                protected org.camunda.feel.FeelEngine buildFeelEngine(CustomFunctionTransformer functionProvider,
                        CompositeValueMapper valueMapper) {
                    return new ParsedOnceFeelEngine(functionProvider, valueMapper, expressions, unaryTests);
                }
            };
        }
    }

    /**
     * The FEEL engine as Camunda builds it (external functions off), whose
     * {@code evalExpression}/{@code evalUnaryTests} find the parsed text in a cache. A text that
     * does not parse keeps its failure, so the error message is the same every time.
     */
    static final class ParsedOnceFeelEngine extends org.camunda.feel.FeelEngine {

        private final Cache<String, Either<Failure, ParsedExpression>> expressions;
        private final Cache<String, Either<Failure, ParsedExpression>> unaryTests;

        ParsedOnceFeelEngine(CustomFunctionTransformer functionProvider, CompositeValueMapper valueMapper,
                Cache<String, Either<Failure, ParsedExpression>> expressions,
                Cache<String, Either<Failure, ParsedExpression>> unaryTests) {
            super(functionProvider, valueMapper, new Configuration(false), FeelEngine$.MODULE$.defaultClock());
            this.expressions = expressions;
            this.unaryTests = unaryTests;
        }

        @Override
        public Either<Failure, ParsedExpression> parseExpression(String expression) {
            return expressions.get(expression, super::parseExpression);
        }

        @Override
        public Either<Failure, ParsedExpression> parseUnaryTests(String expression) {
            return unaryTests.get(expression, super::parseUnaryTests);
        }
    }
}
