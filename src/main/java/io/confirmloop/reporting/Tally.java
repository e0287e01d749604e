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

    long sent;
    long delivered;
    long undelivered;
    long failed;
    long skipped;
    long replies;
    long confirmed;
    long declined;
    long rescheduleRequests;
    long noResponse;
    long optOuts;
    /** Attendees sent a confirmation request (counted on the day of their first request in the period). */
    long askedToConfirm;
    /** Of those, the ones who then confirmed by text. */
    long confirmedOfAsked;
    /** Of those, seconds from the request to their first text back. */
    final List<Long> replyDelays = new ArrayList<>();

    Tally add(Tally o) {
        sent += o.sent;
        delivered += o.delivered;
        undelivered += o.undelivered;
        failed += o.failed;
        skipped += o.skipped;
        replies += o.replies;
        confirmed += o.confirmed;
        declined += o.declined;
        rescheduleRequests += o.rescheduleRequests;
        noResponse += o.noResponse;
        optOuts += o.optOuts;
        askedToConfirm += o.askedToConfirm;
        confirmedOfAsked += o.confirmedOfAsked;
        replyDelays.addAll(o.replyDelays);
        return this;
    }

    /** Confirmed by text ÷ asked to confirm, or null when nobody was asked. */
    Double confirmationRate() {
        return askedToConfirm == 0 ? null : Math.round(10000.0 * confirmedOfAsked / askedToConfirm) / 10000.0;
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
        f.put("sent", sent);
        f.put("delivered", delivered);
        f.put("undelivered", undelivered);
        f.put("failed", failed);
        f.put("skipped", skipped);
        f.put("replies", replies);
        f.put("confirmed", confirmed);
        f.put("declined", declined);
        f.put("rescheduleRequests", rescheduleRequests);
        f.put("noResponse", noResponse);
        f.put("optOuts", optOuts);
        f.put("askedToConfirm", askedToConfirm);
        f.put("confirmedOfAsked", confirmedOfAsked);
        f.put("confirmationRate", confirmationRate());
        f.put("medianReplySeconds", medianReplySeconds());
        return f;
    }
}
