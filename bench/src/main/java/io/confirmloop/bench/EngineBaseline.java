package io.confirmloop.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;

/**
 * (d) The raw-engine baseline: the same burst as (b), N instances of {@link RawEngine#model()}
 * whose timers all fall due at one instant T2, on a plain Camunda engine in this JVM with its own
 * database on the same PostgreSQL server, sending to the same fake Twilio. Run with the app stopped.
 * After the burst, the size of the engine's database and of its largest tables.
 */
final class EngineBaseline {

    private static final double SAFETY_FACTOR = 1.5;
    private static final Duration EXTRA_LEAD = Duration.ofSeconds(30);
    private static final String DATABASE = "engine_baseline";

    private final Database database;
    private final FakeTwilio twilio;
    private final PhonePool phones;
    private final BenchOptions options;
    private final TwilioSendDelegate sender;

    EngineBaseline(Database database, FakeTwilio twilio, PhonePool phones, BenchOptions options, TwilioSendDelegate sender) {
        this.database = database;
        this.twilio = twilio;
        this.phones = phones;
        this.options = options;
        this.sender = sender;
    }

    HandOff run(Report report) throws Exception {
        int n = options.burst();
        String url = database.create(DATABASE);
        Progress.say("(d) starting a plain Camunda engine on its own database");
        ProcessEngine engine = RawEngine.start(url, Database.USER, Database.PASSWORD, sender);
        try {
            engine.getRepositoryService().createDeployment().name("bench").addModelInstance(RawEngine.PROCESS_ID + ".bpmn", RawEngine.model())
                    .deploy();
            RuntimeService runtime = engine.getRuntimeService();
            Duration lead = options.burstLead() != null ? options.burstLead() : estimateLead(runtime, n);
            Instant due = Instant.now().plus(lead).truncatedTo(ChronoUnit.SECONDS);
            Progress.say("(d) %d instances due at T2 = %s (in %d s)", n, due, lead.toSeconds());

            Set<String> numbers = ConcurrentHashMap.newKeySet();
            AtomicInteger failed = new AtomicInteger();
            Parallel.Run started = Parallel.run("(d) instances", n, options.threads(), due.minus(BurstSetUp.READY_MARGIN), i -> {
                PhonePool.Phone phone = phones.next();
                try {
                    start(runtime, "burst-" + i, phone.e164(), due);
                    numbers.add(phone.e164());
                } catch (RuntimeException e) {
                    failed.incrementAndGet();
                }
            });
            Instant readyAt = Instant.now();
            boolean valid = started.done() == n && failed.get() == 0;
            Progress.say("(d) %d instances started in %s%s", numbers.size(), Format.seconds(started.nanos() / 1e9),
                    valid ? "" : " — INVALID RUN: not all started " + BurstSetUp.READY_MARGIN.toSeconds() + " s before T2");

            HandOff handOff = HandOff.collect(twilio, numbers, due, Duration.between(Instant.now(), due).plus(options.sendTimeout()),
                    options.quietPeriod());
            Progress.say("(d) %d of %d numbers reached, last %s after T2", handOff.distinct(), numbers.size(),
                    Format.seconds(handOff.lateness().max()));

            Report.Section section = report.section("(d) raw engine baseline: the same " + n + " requests on a plain Camunda 7.24 engine");
            if (!valid) {
                section.row("RUN VALIDITY", "INVALID: " + numbers.size() + " of " + n + " instances started "
                        + BurstSetUp.READY_MARGIN.toSeconds() + " s before T2", "all started", Report.Verdict.MISSED);
            }
            section.row("set-up", numbers.size() + " instances started in " + Format.seconds(started.nanos() / 1e9) + " ("
                    + Format.num(numbers.size() / (started.nanos() / 1e9)) + "/s); " + Duration.between(readyAt, due).toSeconds()
                    + " s before T2");
            handOff.addTo(section, "T2", false);
            database.addSizeTo(section, DATABASE, "raw engine database after the burst");
            section.note("Process: timer (timeDate from a variable) → send task (asyncBefore, HTTP POST to the fake Twilio) → message catch → end; "
                    + "history audit; job executor 8 threads, 16 jobs per acquisition, max wait 1 s; app stopped.");
            return handOff;
        } finally {
            engine.close();
        }
    }

    private static void start(RuntimeService runtime, String businessKey, String phone, Instant due) {
        runtime.startProcessInstanceByKey(RawEngine.PROCESS_ID, businessKey,
                Variables.createVariables().putValue(RawEngine.DUE_AT, Date.from(due)).putValue(RawEngine.PHONE, phone));
    }

    /** Starts a few instances due in 30 days (never during the run) to learn the start rate. */
    private Duration estimateLead(RuntimeService runtime, int n) throws InterruptedException {
        int k = Math.max(50, Math.min(200, n / 20));
        Instant farAway = Instant.now().plus(Duration.ofDays(30));
        Parallel.Run run = Parallel.run("(d) calibration", k, options.threads(), Instant.now().plus(Duration.ofMinutes(5)),
                i -> start(runtime, "calibration-" + i, phones.next().e164(), farAway));
        double rate = run.done() / (run.nanos() / 1e9);
        Duration lead = Duration.ofSeconds((long) Math.ceil(n / rate * SAFETY_FACTOR)).plus(EXTRA_LEAD);
        Progress.say("(d) calibration: %d instances started at %s/s; T2 set %d s ahead", run.done(), Format.num(rate), lead.toSeconds());
        return lead;
    }
}
