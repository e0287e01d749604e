package io.confirmloop.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * (a) Calendar edits: sequential edits into an empty calendar, a concurrent import into another
 * calendar (events/s accepted over HTTP, and the time until every event is an appointment), then
 * the same sequential edits into that full calendar. Targets (DESIGN §5): import ≥ 300 events/s;
 * an edit at the full size costs ≤ 1.5× one at 0; an edit's answer p99 < 100 ms.
 */
final class ImportScenario {

    private static final double MIN_IMPORT_RATE = 300;
    private static final double MAX_EDIT_RATIO = 1.5;
    private static final double MAX_P99_MS = 100;
    private static final Duration LENGTH = Duration.ofMinutes(30);
    private static final Duration CATCH_UP_LIMIT = Duration.ofMinutes(10);

    /** Latencies (ms) of every answer of an edit phase, and how many failed. */
    private record Edits(Stats latency, int failed) {
    }

    private final AppClient app;
    private final PhonePool phones;
    private final BenchOptions options;
    private final String group;

    ImportScenario(AppClient app, PhonePool phones, BenchOptions options, String group) {
        this.app = app;
        this.phones = phones;
        this.options = options;
        this.group = group;
    }

    void run(Report report) throws InterruptedException {
        Instant today = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Instant windowStart = today.plus(Duration.ofDays(2));

        Progress.say("(a) warming the app up with %d edits in a calendar of their own (not counted)", options.edits());
        edits(app.createCalendar("Bench warm-up", group), today.plus(Duration.ofDays(4)));
        Progress.say("(a) %d sequential edits into an empty calendar", options.edits());
        Edits empty = edits(app.createCalendar("Bench edits", group), today.plus(Duration.ofDays(3)));
        Progress.say("(a) edits at 0: %s", empty.latency().summary("ms"));

        String calendar = app.createCalendar("Bench import", group);
        Import imported = importInto(calendar, windowStart);

        Progress.say("(a) %d sequential edits into the calendar of %d events", options.edits(), imported.ready());
        Edits full = edits(calendar, windowStart.plus(Duration.ofHours(12)));
        Progress.say("(a) edits at %d: %s", imported.ready(), full.latency().summary("ms"));

        Report.Section section = report.section("(a) import: calendar edits");
        latencyRow(section, "(1) edit answers, empty calendar", empty);
        imported.addTo(section);
        latencyRow(section, "(3) edit answers at " + imported.ready() + " events", full);
        double p50Ratio = full.latency().p50() / empty.latency().p50();
        double meanRatio = full.latency().mean() / empty.latency().mean();
        section.row("edit cost at full size ÷ at 0, p50", Format.ratio(p50Ratio), "≤ 1.5×", Report.Verdict.of(p50Ratio <= MAX_EDIT_RATIO));
        section.row("edit cost at full size ÷ at 0, mean", Format.ratio(meanRatio), "≤ 1.5×", Report.Verdict.of(meanRatio <= MAX_EDIT_RATIO));
        section.note("An edit is a POST of a new event followed by a PUT moving it by one hour; both answers count. "
                + "The same number of edits into a calendar of their own warm the app up first, uncounted.");
    }

    /** The concurrent import: what was accepted how fast, and when the last event had become an appointment. */
    private record Import(int wanted, int attempted, int accepted, double seconds, Stats latency, List<String> failures,
            boolean caughtUp, double catchUpSeconds, double lagSeconds, int ready, BenchOptions options) {

        double acceptedPerSecond() {
            return accepted / seconds;
        }

        void addTo(Report.Section section) {
            section.row("(2) import: events accepted per second", Format.num(acceptedPerSecond()) + " events/s (" + accepted + " of " + wanted
                    + " in " + Format.seconds(seconds) + ", " + options.threads() + " threads)", "≥ 300 events/s",
                    Report.Verdict.of(acceptedPerSecond() >= MIN_IMPORT_RATE && attempted == wanted));
            section.row("(2) import answers", latency.summary("ms") + (failures.isEmpty() ? "" : ", " + failures.size() + " failed"),
                    "p99 < 100 ms", Report.Verdict.of(latency.p99() < MAX_P99_MS && failures.isEmpty()));
            section.row("(2) catch-up: every event an appointment", caughtUp
                    ? Format.seconds(catchUpSeconds) + " after the first post (" + Format.seconds(lagSeconds) + " after the last answer)"
                    : "NOT within " + CATCH_UP_LIMIT.toMinutes() + " min of the last answer: " + ready + " of " + accepted);
            if (attempted < wanted) {
                section.note("The import stopped at its time limit (--import-timeout=" + options.importTimeout().toSeconds() + " s) after "
                        + attempted + " of " + wanted + " events.");
            }
            if (!failures.isEmpty()) {
                section.note("First failed import answer: " + failures.get(0));
            }
        }
    }

    /** Events 2–10 days ahead, each with its own number, posted from the client threads. */
    private Import importInto(String calendar, Instant windowStart) throws InterruptedException {
        int n = options.importEvents();
        Progress.say("(a) importing %d events into one calendar with %d threads", n, options.threads());
        AppointmentWatch watch = new AppointmentWatch(app, windowStart.minus(Duration.ofHours(1)), windowStart.plus(Duration.ofDays(9)));
        Queue<Double> latencies = new ConcurrentLinkedQueue<>();
        List<String> failures = new CopyOnWriteArrayList<>();
        List<Instant> starts = new Random(42).ints(n, 0, 8 * 24 * 4).mapToObj(q -> windowStart.plus(Duration.ofMinutes(15L * q))).toList();
        long started = System.nanoTime();
        Parallel.Run run = Parallel.run("(a) import", n, options.threads(), Instant.now().plus(options.importTimeout()), i -> {
            PhonePool.Phone phone = phones.next();
            AppClient.Answer answer = app.createEvent(calendar, "Check-up " + phone.written(), starts.get(i), starts.get(i).plus(LENGTH));
            latencies.add(answer.millis());
            if (answer.ok()) {
                watch.expect(calendar, app.idOf(answer));
            } else {
                failures.add(answer.status() + " " + abbreviate(answer.body()));
            }
        });
        double seconds = run.nanos() / 1e9;
        Progress.say("(a) %d answers in %s (%s accepted/s, %d failed); waiting until all are appointments", run.done(),
                Format.seconds(seconds), Format.num(watch.expected() / seconds), failures.size());
        long answered = System.nanoTime();
        boolean caughtUp = watch.awaitAll(CATCH_UP_LIMIT, Duration.ofSeconds(1));
        long caughtUpAt = System.nanoTime();
        return new Import(n, run.done(), watch.expected(), seconds, Stats.of(latencies), failures, caughtUp, (caughtUpAt - started) / 1e9,
                (caughtUpAt - answered) / 1e9, watch.ready(), options);
    }

    /** POST an event with a new number, then PUT it an hour later; every answer's latency. */
    private Edits edits(String calendarId, Instant firstStart) {
        List<Double> latencies = new ArrayList<>();
        AtomicInteger failed = new AtomicInteger();
        for (int i = 0; i < options.edits(); i++) {
            PhonePool.Phone phone = phones.next();
            String title = "Follow-up " + phone.written();
            Instant start = firstStart.plus(Duration.ofMinutes(15L * i));
            AppClient.Answer created = app.createEvent(calendarId, title, start, start.plus(LENGTH));
            latencies.add(created.millis());
            if (!created.ok()) {
                failed.incrementAndGet();
                continue;
            }
            Instant moved = start.plus(Duration.ofHours(1));
            AppClient.Answer updated = app.updateEvent(calendarId, app.idOf(created), title, moved, moved.plus(LENGTH));
            latencies.add(updated.millis());
            if (!updated.ok()) {
                failed.incrementAndGet();
            }
            if ((i + 1) % 50 == 0 && i + 1 < options.edits()) {
                Progress.say("(a) edits: %d of %d done", i + 1, options.edits());
            }
        }
        return new Edits(Stats.of(latencies), failed.get());
    }

    private static void latencyRow(Report.Section section, String figure, Edits edits) {
        String value = edits.latency().summary("ms") + ", mean " + Format.num(edits.latency().mean())
                + (edits.failed() == 0 ? "" : ", " + edits.failed() + " failed");
        section.row(figure, value, "p99 < 100 ms", Report.Verdict.of(edits.latency().p99() < MAX_P99_MS && edits.failed() == 0));
    }

    static String abbreviate(String text) {
        String flat = text == null ? "" : text.replaceAll("\\s+", " ");
        return flat.length() > 160 ? flat.substring(0, 160) + "…" : flat;
    }
}
