package io.confirmloop.bench;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Texts that arrived at the fake Twilio within a span of time: how many, to how many numbers, and
 * how many came through each of its entrances (one per app process, where each has its own).
 */
record TextTally(int texts, int numbers, Map<String, Integer> byEntrance) {

    /** The texts stamped in [fromNanos, toNanos) ({@link System#nanoTime()}). */
    static TextTally of(List<FakeTwilio.Text> texts, long fromNanos, long toNanos) {
        List<FakeTwilio.Text> within = texts.stream().filter(t -> t.receivedNanos() >= fromNanos && t.receivedNanos() < toNanos).toList();
        Map<String, Integer> byEntrance = new TreeMap<>();
        within.forEach(t -> byEntrance.merge(t.entrance(), 1, Integer::sum));
        return new TextTally(within.size(), (int) within.stream().map(FakeTwilio.Text::to).distinct().count(), byEntrance);
    }

    int via(String entrance) {
        return byEntrance.getOrDefault(entrance, 0);
    }

    /** e.g. "183 texts to 183 numbers" */
    String describe() {
        return texts + (texts == 1 ? " text" : " texts") + " to " + numbers + (numbers == 1 ? " number" : " numbers");
    }
}
