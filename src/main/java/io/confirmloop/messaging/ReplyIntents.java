package io.confirmloop.messaging;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;

import org.camunda.bpm.engine.DecisionService;
import org.springframework.stereotype.Component;

/** Reads a client's text as an {@link Intent} with the DMN table {@code reply-intent}. */
@Component
public class ReplyIntents {

    public static final String DECISION = "reply-intent";

    private final DecisionService decisions;

    ReplyIntents(DecisionService decisions) {
        this.decisions = decisions;
    }

    public Intent classify(String text) {
        Object intent = decisions.evaluateDecisionByKey(DECISION).variables(Map.of("text", normalise(text))).evaluate().getSingleEntry();
        return intent == null ? Intent.OTHER : Intent.valueOf(intent.toString());
    }

    /**
     * Upper-case, accents and punctuation removed, white space collapsed; a question mark and emoji
     * stay, as words of their own: " yes! " → "YES", "Yes 👍" → "YES 👍", "yes?" → "YES ?".
     */
    public static String normalise(String text) {
        if (text == null) {
            return "";
        }
        String plain = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}|\\p{Sk}", "");
        return plain.toUpperCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N}\\p{So}?]", " ")
                .replaceAll("(\\p{So}|\\?)", " $1 ")
                .replaceAll("\\s+", " ").trim();
    }
}
