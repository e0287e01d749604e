package io.confirmloop.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The moment to break something in the middle of a burst: once a fraction of the N numbers have
 * had their confirmation request at the fake Twilio, or {@link #LATEST} after T if fewer have by
 * then (an app that sends slowly, or not at all, is broken all the same).
 */
final class MidBurst {

    static final Duration LATEST = Duration.ofSeconds(10);
    private static final long POLL_MILLIS = 50;

    /**
     * When the moment came and how far the burst had got.
     *
     * @param wanted          the numbers the fraction asked for
     * @param fractionReached false when the moment came at T + {@link #LATEST} with fewer numbers reached
     */
    record Moment(Instant at, int reached, int wanted, double fraction, boolean fractionReached) {

        /**
         * e.g. "once 182 of 600 numbers had their request (30 % of N = 180)", or "the latest moment
         * allowed: only 47 of 600 numbers had their request, not 30 % of N = 180"
         */
        String describe(int n) {
            String wantedText = Format.num(fraction * 100) + " % of N = " + wanted;
            return fractionReached
                    ? "once " + reached + " of " + n + " numbers had their request (" + wantedText + ")"
                    : "the latest moment allowed: only " + reached + " of " + n + " numbers had their request, not " + wantedText;
        }
    }

    private MidBurst() {
    }

    static Moment await(FakeTwilio twilio, Set<String> numbers, double fraction, Instant due) {
        return await(twilio, numbers, fraction, due, LATEST);
    }

    /**
     * The same, counted from {@code from} instead of the due instant (e.g. the end of a storm that
     * held every text back), with its own latest moment after it.
     */
    static Moment await(FakeTwilio twilio, Set<String> numbers, double fraction, Instant from, Duration latestAfter) {
        int wanted = (int) Math.ceil(fraction * numbers.size());
        Predicate<FakeTwilio.Text> requests = HandOff.requests(numbers);
        Supplier<Integer> reached = () -> (int) twilio.texts(requests).stream().map(FakeTwilio.Text::to).distinct().count();
        Duration untilLatest = Duration.between(Instant.now(), from.plus(latestAfter));
        try {
            if (untilLatest.toMillis() > POLL_MILLIS) {
                Awaitility.await("a fraction of the numbers reached").atMost(untilLatest).pollInterval(Duration.ofMillis(POLL_MILLIS))
                        .pollInSameThread().until(() -> reached.get() >= wanted);
            }
        } catch (ConditionTimeoutException e) {
            // the latest moment allowed has come
        }
        int now = reached.get();
        return new Moment(Instant.now(), now, wanted, fraction, now >= wanted);
    }
}
