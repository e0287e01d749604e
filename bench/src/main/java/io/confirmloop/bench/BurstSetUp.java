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
import java.util.function.IntFunction;

/**
 * The set-up of every burst through the app ((b), crash, twonodes): N appointments, spread over
 * many calendars, all starting at S = T + 24 h, so that the app's default 24 h confirmation request
 * of every one falls due at the same instant T. T is far enough ahead for all events to be created
 * and to have become appointments first (estimated from a small calibration import); a run where
 * that was not done 15 s before T is invalid.
 * <p>
 * The events are posted round-robin through the given app processes (one, or every node of a
 * cluster); the first of them creates the calendars and is asked whether the appointments exist.
 */
final class BurstSetUp {

    static final Duration READY_MARGIN = Duration.ofSeconds(15);
    private static final Duration LENGTH = Duration.ofMinutes(30);
    private static final double SAFETY_FACTOR = 1.5;
    private static final Duration EXTRA_LEAD = Duration.ofSeconds(60);

    /** What was set up before T: the numbers of the accepted events, and whether all were appointments in time. */
    record Appointments(Instant due, Set<String> numbers, int n, int calendars, int entrances, int created, int failed, String firstFailure,
            double seconds, int ready, boolean valid, long secondsBeforeDue) {

        /** The run's validity (a row only when invalid), the set-up, and the first failed event post as a note. */
        void addTo(Report.Section section) {
            if (!valid) {
                section.row("RUN VALIDITY", "INVALID: " + ready + " of " + n + " appointments ready " + READY_MARGIN.toSeconds()
                        + " s before T", "all ready", Report.Verdict.MISSED);
            }
            section.row("set-up", created + " events over " + calendars + " calendars"
                    + (entrances > 1 ? ", posted through the " + entrances + " nodes in turn," : "") + " created in "
                    + Format.seconds(seconds) + (failed > 0 ? " (" + failed + " failed)" : "")
                    + (valid ? "; all appointments ready " + secondsBeforeDue + " s before T" : ""));
            if (firstFailure != null) {
                section.note("First failed event post: " + firstFailure);
            }
        }
    }

    private final List<AppClient> apps;
    private final PhonePool phones;
    private final BenchOptions options;
    private final String group;
    private final String label;
    private final IntFunction<String> notificationEmail;

    /**
     * @param apps  the app processes the events are posted through, in turn; the first also creates the calendars
     * @param label the scenario's name in progress lines, e.g. "(b)", "crash:"
     */
    BurstSetUp(List<AppClient> apps, PhonePool phones, BenchOptions options, String group, String label) {
        this(apps, phones, options, group, label, c -> null);
    }

    /**
     * @param notificationEmail the notification address of the calendar with this index (0, 1, …), or null for none
     */
    BurstSetUp(List<AppClient> apps, PhonePool phones, BenchOptions options, String group, String label,
            IntFunction<String> notificationEmail) {
        if (apps.isEmpty()) {
            throw new IllegalArgumentException("No app to set the burst up through");
        }
        this.apps = List.copyOf(apps);
        this.phones = phones;
        this.options = options;
        this.group = group;
        this.label = label;
        this.notificationEmail = notificationEmail;
    }

    /** Creates the calendars, chooses T, creates the N events and waits (until 15 s before T) for their appointments. */
    Appointments create() throws InterruptedException {
        int n = options.burst();
        AppClient first = apps.get(0);
        List<String> calendars = new ArrayList<>();
        for (int c = 0; c < options.burstCalendars(); c++) {
            calendars.add(first.createCalendar("Bench burst %03d".formatted(c + 1), group, notificationEmail.apply(c)));
        }
        Duration lead = options.burstLead() != null ? options.burstLead() : estimateLead(n, calendars);
        Instant due = Instant.now().plus(lead).truncatedTo(ChronoUnit.SECONDS);
        Instant start = due.plus(Duration.ofHours(24));
        Progress.say("%s %d appointments over %d calendars, all at %s; their requests fall due at T = %s (in %d s)", label, n,
                calendars.size(), start, due, lead.toSeconds());

        AppointmentWatch watch = new AppointmentWatch(first, start.minus(Duration.ofMinutes(1)), start.plus(Duration.ofMinutes(1)));
        Set<String> numbers = ConcurrentHashMap.newKeySet();
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        Parallel.Run created = Parallel.run(label + " events", n, options.threads(), due.minus(READY_MARGIN), i -> {
            PhonePool.Phone phone = phones.next();
            String calendar = calendars.get(i % calendars.size());
            AppClient app = apps.get(i % apps.size());
            AppClient.Answer answer = app.createEvent(calendar, "Check-up " + phone.written(), start, start.plus(LENGTH));
            if (answer.ok()) {
                numbers.add(phone.e164());
                watch.expect(calendar, app.idOf(answer));
            } else {
                failed.incrementAndGet();
                firstFailure.compareAndSet(null, answer.status() + " " + ImportScenario.abbreviate(answer.body()));
            }
        });
        Progress.say("%s %d events created in %s (%d failed); waiting until they are appointments", label, watch.expected(),
                Format.seconds(created.nanos() / 1e9), failed.get());
        boolean ready = watch.awaitAll(Duration.between(Instant.now(), due.minus(READY_MARGIN)), Duration.ofSeconds(2));
        long secondsBeforeDue = Duration.between(Instant.now(), due).toSeconds();
        boolean valid = ready && created.done() == n;
        if (valid) {
            Progress.say("%s all %d appointments ready %d s before T; waiting for the texts", label, watch.expected(), secondsBeforeDue);
        } else {
            Progress.say("%s INVALID RUN: only %d of %d appointments were ready %d s before T", label, watch.ready(), n,
                    READY_MARGIN.toSeconds());
        }
        return new Appointments(due, numbers, n, calendars.size(), apps.size(), watch.expected(), failed.get(), firstFailure.get(),
                created.nanos() / 1e9, watch.ready(), valid, secondsBeforeDue);
    }

    /**
     * Time from now to T: a small import shaped like the burst (the same calendars, threads and app
     * processes, but events 12 days ahead, never due during the run) gives the rate at which events
     * become appointments; N at that rate, times a safety factor, plus a minute.
     */
    private Duration estimateLead(int n, List<String> calendars) throws InterruptedException {
        int k = Math.max(50, Math.min(500, n / 20));
        Instant start = Instant.now().plus(Duration.ofDays(12)).truncatedTo(ChronoUnit.HOURS);
        AppointmentWatch watch = new AppointmentWatch(apps.get(0), start.minus(Duration.ofHours(1)), start.plus(Duration.ofHours(1)));
        long began = System.nanoTime();
        Parallel.run(label + " calibration", k, options.threads(), Instant.now().plus(Duration.ofMinutes(5)), i -> {
            String calendar = calendars.get(i % calendars.size());
            AppClient app = apps.get(i % apps.size());
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
        Progress.say("%s calibration: %d events became appointments at %s/s; T set %d s ahead", label, watch.ready(), Format.num(rate),
                lead.toSeconds());
        return lead;
    }
}
