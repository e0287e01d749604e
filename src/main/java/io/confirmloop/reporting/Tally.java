package io.confirmloop.reporting;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report's figures for one calendar and day, or any sum of them. Counts add up; the
 * confirmation rate and the median time to reply are computed from the attendees asked to confirm.
 */
final class Tally {

    /** What is counted, by its name in the report, in the order of the CSV's columns. */
    enum Count {
        SENT("sent"), DELIVERED("delivered"), UNDELIVERED("undelivered"), FAILED("failed"), SKIPPED("skipped"), REPLIES("replies"),
        CONFIRMED("confirmed"), DECLINED("declined"), RESCHEDULE_REQUESTS("rescheduleRequests"), NO_RESPONSE("noResponse"),
        OPT_OUTS("optOuts"),
        /** Attendees sent a confirmation request (counted on the day of their first request in the period). */
        ASKED_TO_CONFIRM("askedToConfirm"),
        /** Of those, the ones who then confirmed by text. */
        CONFIRMED_OF_ASKED("confirmedOfAsked");

        final String field;

        Count(String field) {
            this.field = field;
        }
    }

    private final long[] counts = new long[Count.values().length];
    /** Of the attendees asked, seconds from the request to their first text back. */
    private final List<Long> replyDelays = new ArrayList<>();

    Tally count(Count what, long n) {
        counts[what.ordinal()] += n;
        return this;
    }

    void replyDelay(long seconds) {
        replyDelays.add(seconds);
    }

    long get(Count what) {
        return counts[what.ordinal()];
    }

    Tally add(Tally o) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += o.counts[i];
        }
        replyDelays.addAll(o.replyDelays);
        return this;
    }

    /** Confirmed by text ÷ asked to confirm, or null when nobody was asked. */
    Double confirmationRate() {
        long asked = get(Count.ASKED_TO_CONFIRM);
        return asked == 0 ? null : Math.round(10000.0 * get(Count.CONFIRMED_OF_ASKED) / asked) / 10000.0;
    }

    /** The median of the reply delays in whole seconds, or null when nobody replied. */
    Long medianReplySeconds() {
        if (replyDelays.isEmpty()) {
            return null;
        }
        long[] sorted = replyDelays.stream().mapToLong(Long::longValue).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : Math.round((sorted[mid - 1] + sorted[mid]) / 2.0);
    }

    /** The figures by name, in the order of the CSV's columns. */
    Map<String, Object> figures() {
        Map<String, Object> f = new LinkedHashMap<>();
        for (Count c : Count.values()) {
            f.put(c.field, get(c));
        }
        f.put("confirmationRate", confirmationRate());
        f.put("medianReplySeconds", medianReplySeconds());
        return f;
    }
}
