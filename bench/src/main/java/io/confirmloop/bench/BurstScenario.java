package io.confirmloop.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * (b) Burst: N appointments, spread over many calendars, all starting at S = T + 24 h, so that the
 * app's default 24 h confirmation request of every one falls due at the same instant T. T is far
 * enough ahead for all events to be created and to have become appointments first (estimated from
 * a small calibration import); a run where that was not done 15 s before T is reported invalid.
 * Then every text's arrival at the fake Twilio is measured against T.
 */
final class BurstScenario {

    /** The numbers that received their confirmation request, for (c). */
    record Outcome(HandOff handOff, List<String> remindedNumbers) {
    }

    static final Duration READY_MARGIN = Duration.ofSeconds(15);
    private static final Duration LENGTH = Duration.ofMinutes(30);
    private static final double SAFETY_FACTOR = 1.5;
    private static final Duration EXTRA_LEAD = Duration.ofSeconds(60);

    private final AppClient app;
    private final FakeTwilio twilio;
    private final PhonePool phones;
    private final BenchOptions options;
    private final String group;

    BurstScenario(AppClient app, FakeTwilio twilio, PhonePool phones, BenchOptions options, String group) {
        this.app = app;
        this.twilio = twilio;
        this.phones = phones;
        this.options = options;
        this.group = group;
    }

    Outcome run(Report report) throws InterruptedException {
        int n = options.burst();
        List<String> calendars = new ArrayList<>();
        for (int c = 0; c < options.burstCalendars(); c++) {
            calendars.add(app.createCalendar("Bench burst %03d".formatted(c + 1), group));
        }
        Duration lead = options.burstLead() != null ? options.burstLead() : estimateLead(n, calendars);
        Instant due = Instant.now().plus(lead).truncatedTo(ChronoUnit.SECONDS);
        Instant start = due.plus(Duration.ofHours(24));
        Progress.say("(b) %d appointments over %d calendars, all at %s; their requests fall due at T = %s (in %d s)", n, calendars.size(),
                start, due, lead.toSeconds());

        SetUp setUp = createAppointments(n, calendars, start, due);
        HandOff handOff = HandOff.collect(twilio, setUp.numbers(), due, Duration.between(Instant.now(), due).plus(options.sendTimeout()),
                options.quietPeriod());
        Progress.say("(b) %d of %d numbers reached, last %s after T", handOff.distinct(), setUp.numbers().size(),
                Format.seconds(handOff.lateness().max()));

        Report.Section section = report.section("(b) burst: " + n + " confirmation requests due at one instant, through the app");
        if (!setUp.valid()) {
            section.row("RUN VALIDITY", "INVALID: " + setUp.ready() + " of " + n + " appointments ready " + READY_MARGIN.toSeconds()
                    + " s before T", "all ready", Report.Verdict.MISSED);
        }
        section.row("set-up", setUp.created() + " events over " + calendars.size() + " calendars created in "
                + Format.seconds(setUp.seconds()) + (setUp.failed() > 0 ? " (" + setUp.failed() + " failed)" : "")
                + (setUp.valid() ? "; all appointments ready " + setUp.secondsBeforeDue() + " s before T" : ""));
        handOff.addTo(section, "T", true);
        if (setUp.firstFailure() != null) {
            section.note("First failed event post: " + setUp.firstFailure());
        }
        section.note("Lateness = arrival at the fake Twilio − T, per number (its first text); only texts containing \""
                + HandOff.CONFIRMATION_MARK + "\" count.");

        List<String> reminded = twilio.texts(t -> setUp.numbers().contains(t.to()) && t.body().contains(HandOff.CONFIRMATION_MARK))
                .stream().map(FakeTwilio.Text::to).distinct().toList();
        return new Outcome(handOff, reminded);
    }

    /** What was set up before T: the numbers of the accepted events, and whether all were appointments in time. */
    private record SetUp(Set<String> numbers, int created, int failed, String firstFailure, double seconds, int ready, boolean valid,
            long secondsBeforeDue) {
    }

    /** Creates the N events round-robin over the calendars, then waits (until 15 s before T) for their appointments. */
    private SetUp createAppointments(int n, List<String> calendars, Instant start, Instant due) throws InterruptedException {
        AppointmentWatch watch = new AppointmentWatch(app, start.minus(Duration.ofMinutes(1)), start.plus(Duration.ofMinutes(1)));
        Set<String> numbers = ConcurrentHashMap.newKeySet();
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        Parallel.Run created = Parallel.run("(b) events", n, options.threads(), due.minus(READY_MARGIN), i -> {
            PhonePool.Phone phone = phones.next();
            String calendar = calendars.get(i % calendars.size());
            AppClient.Answer answer = app.createEvent(calendar, "Check-up " + phone.written(), start, start.plus(LENGTH));
            if (answer.ok()) {
                numbers.add(phone.e164());
                watch.expect(calendar, app.idOf(answer));
            } else {
                failed.incrementAndGet();
                firstFailure.compareAndSet(null, answer.status() + " " + ImportScenario.abbreviate(answer.body()));
            }
        });
        Progress.say("(b) %d events created in %s (%d failed); waiting until they are appointments", watch.expected(),
                Format.seconds(created.nanos() / 1e9), failed.get());
        boolean ready = watch.awaitAll(Duration.between(Instant.now(), due.minus(READY_MARGIN)), Duration.ofSeconds(2));
        long secondsBeforeDue = Duration.between(Instant.now(), due).toSeconds();
        boolean valid = ready && created.done() == n;
        if (valid) {
            Progress.say("(b) all %d appointments ready %d s before T; waiting for the texts", watch.expected(), secondsBeforeDue);
        } else {
            Progress.say("(b) INVALID RUN: only %d of %d appointments were ready %d s before T", watch.ready(), n, READY_MARGIN.toSeconds());
        }
        return new SetUp(numbers, watch.expected(), failed.get(), firstFailure.get(), created.nanos() / 1e9, watch.ready(), valid,
                secondsBeforeDue);
    }

    /**
     * Time from now to T: a small import shaped like the burst (the same calendars and threads, but
     * events 12 days ahead, never due during the run) gives the rate at which events become
     * appointments; N at that rate, times a safety factor, plus a minute.
     */
    private Duration estimateLead(int n, List<String> calendars) throws InterruptedException {
        int k = Math.max(50, Math.min(500, n / 20));
        Instant start = Instant.now().plus(Duration.ofDays(12)).truncatedTo(ChronoUnit.HOURS);
        AppointmentWatch watch = new AppointmentWatch(app, start.minus(Duration.ofHours(1)), start.plus(Duration.ofHours(1)));
        long began = System.nanoTime();
        Parallel.run("(b) calibration", k, options.threads(), Instant.now().plus(Duration.ofMinutes(5)), i -> {
            String calendar = calendars.get(i % calendars.size());
            AppClient.Answer answer = app.createEvent(calendar, "Calibration " + phones.next().written(), start, start.plus(LENGTH));
            if (answer.ok()) {
                watch.expect(calendar, app.idOf(answer));
            }
        });
        watch.awaitAll(Duration.ofMinutes(5), Duration.ofMillis(500));
        if (watch.ready() == 0) {
            throw new IllegalStateException("Calibration: no event became an appointment within 5 minutes");
        }
        double rate = watch.ready() / ((System.nanoTime() - began) / 1e9);
        Duration lead = Duration.ofSeconds((long) Math.ceil(n / rate * SAFETY_FACTOR)).plus(EXTRA_LEAD);
        Progress.say("(b) calibration: %d events became appointments at %s/s; T set %d s ahead", watch.ready(), Format.num(rate), lead.toSeconds());
        return lead;
    }
}
