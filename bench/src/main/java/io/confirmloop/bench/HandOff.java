package io.confirmloop.bench;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.awaitility.core.ConditionTimeoutException;

/**
 * How a burst of confirmation requests due at one instant T reached the (fake) gateway: lateness of
 * each number's first text after T (first, median, last), sends per second from T until the last,
 * numbers that got the request more than once, and numbers that got none.
 */
record HandOff(int expected, int distinct, int duplicatedNumbers, int extraTexts, int missing, Stats lateness, double sendsPerSecond,
        boolean complete, double lastTextLateness) {

    /** The words every confirmation request carries (template confirmation-request). */
    static final String CONFIRMATION_MARK = "Reply C or YES to confirm";

    /** A burst that a node's crash interrupted has to be done this long after T all the same. */
    static final Duration LAST_AFTER_A_CRASH = Duration.ofMinutes(2);

    /** The confirmation requests to these numbers. */
    static Predicate<FakeTwilio.Text> requests(Set<String> numbers) {
        return t -> numbers.contains(t.to()) && t.body().contains(CONFIRMATION_MARK);
    }

    /**
     * Waits until every expected number got a confirmation request (or the timeout), then until no
     * further request has come for the quiet period, so late duplicates are counted too.
     */
    static HandOff collect(FakeTwilio twilio, Set<String> numbers, Instant due, Duration timeout, Duration quiet) {
        Predicate<FakeTwilio.Text> request = requests(numbers);
        // a caller already past its deadline (e.g. after a slow restart) still gets one look
        Duration atMost = timeout.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : timeout;
        boolean complete;
        try {
            await("all confirmation requests").atMost(atMost).pollInterval(Duration.ofMillis(250)).pollInSameThread()
                    .until(() -> twilio.texts(request).stream().map(FakeTwilio.Text::to).distinct().count() >= numbers.size());
            complete = true;
        } catch (ConditionTimeoutException e) {
            complete = false;
        }
        try {
            await("no new texts for " + quiet).atMost(quiet.multipliedBy(6)).pollInterval(Duration.ofMillis(500)).pollInSameThread()
                    .until(() -> twilio.texts(request).stream().mapToLong(FakeTwilio.Text::receivedNanos).max()
                            .stream().allMatch(last -> System.nanoTime() - last >= quiet.toNanos()));
        } catch (ConditionTimeoutException e) {
            // texts still trickle in: count what has come so far
        }
        return of(twilio.texts(request), due, numbers.size(), complete);
    }

    static HandOff of(List<FakeTwilio.Text> texts, Instant due, int expected, boolean complete) {
        Map<String, FakeTwilio.Text> first = new HashMap<>();
        Map<String, Integer> perNumber = new HashMap<>();
        for (FakeTwilio.Text text : texts) {
            first.merge(text.to(), text, (a, b) -> a.receivedNanos() <= b.receivedNanos() ? a : b);
            perNumber.merge(text.to(), 1, Integer::sum);
        }
        double[] lateness = first.values().stream()
                .mapToDouble(t -> Format.seconds(Duration.between(due, t.receivedAt()))).toArray();
        Stats stats = Stats.of(lateness);
        int duplicated = (int) perNumber.values().stream().filter(c -> c > 1).count();
        int extra = perNumber.values().stream().mapToInt(c -> c - 1).sum();
        double sendsPerSecond = first.isEmpty() ? Double.NaN : first.size() / Math.max(stats.max(), 1e-3);
        double lastText = texts.stream().mapToDouble(t -> Format.seconds(Duration.between(due, t.receivedAt()))).max().orElse(Double.NaN);
        return new HandOff(expected, first.size(), duplicated, extra, Math.max(0, expected - first.size()), stats, sendsPerSecond, complete,
                lastText);
    }

    /**
     * Rows shared by the app's burst and the raw engine's.
     *
     * @param due the due instant's name in the report ("T", "T2")
     */
    void addTo(Report.Section section, String due, boolean withAppTargets) {
        section.row("first hand-off after " + due, Format.seconds(lateness.min()), withAppTargets ? "≤ 2 s" : "",
                withAppTargets ? Report.Verdict.of(lateness.min() <= 2.0) : Report.Verdict.NONE);
        section.row("median hand-off after " + due, Format.seconds(lateness.p50()));
        section.row("last hand-off after " + due, Format.seconds(lateness.max()) + (complete ? "" : " (incomplete: timed out)"),
                withAppTargets ? "≤ 0.45× raw engine, see (b)÷(d)" : "", Report.Verdict.NONE);
        section.row("sends per second (numbers ÷ last lateness)", Format.num(sendsPerSecond) + "/s");
        section.row("numbers that got the request twice or more", duplicatedNumbers + (extraTexts > 0 ? " (" + extraTexts + " extra texts)" : ""),
                "0", Report.Verdict.of(duplicatedNumbers == 0));
        section.row("missing (N − numbers reached)", missing + " of " + expected, "0", Report.Verdict.of(missing == 0));
    }

    /**
     * Rows of a burst that a crash interrupted: lateness after T (first, median, last), the last
     * text of all (repeats included) after its due time T, and the targets: the last number reached
     * at most {@link #LAST_AFTER_A_CRASH} after T, none twice, none missing.
     */
    void addAfterCrashTo(Report.Section section) {
        long limit = LAST_AFTER_A_CRASH.toSeconds();
        section.row("numbers reached", distinct + " of " + expected);
        section.row("first hand-off after T", Format.seconds(lateness.min()));
        section.row("median hand-off after T", Format.seconds(lateness.p50()));
        section.row("last hand-off after T (each number's first text)", Format.seconds(lateness.max()) + (complete ? "" : " (incomplete: timed out)"),
                "≤ " + limit + " s", Report.Verdict.of(complete && lateness.max() <= limit));
        section.row("last text after its due time T (repeats included)", Format.seconds(lastTextLateness));
        section.row("numbers that got the request twice or more", duplicatedNumbers + (extraTexts > 0 ? " (" + extraTexts + " extra texts)" : ""),
                "0", Report.Verdict.of(duplicatedNumbers == 0));
        section.row("missing (N − numbers reached)", missing + " of " + expected, "0", Report.Verdict.of(missing == 0));
    }
}
