package io.confirmloop.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which scenarios to run and their sizes. Arguments: scenario names ({@code all}, {@code import},
 * {@code burst}, {@code reply}, {@code engine}, {@code report}, or {@code a}–{@code e}; {@code crash},
 * {@code twonodes}, {@code faults} and {@code timers}, which {@code all} leaves out) and {@code --name=value} options; see
 * {@link #USAGE}.
 */
record BenchOptions(
        Set<Scenario> scenarios,
        int importEvents,
        int edits,
        int threads,
        Duration importTimeout,
        int burst,
        int burstCalendars,
        Duration burstLead,
        Duration sendTimeout,
        Duration quietPeriod,
        int replyRate,
        int replySeconds,
        int reportMessages,
        int reportCalls,
        double crashAfter,
        double killNodeAfter,
        int timers,
        Duration stormLength,
        Duration smtpDown,
        int declines,
        double restartAfter,
        String appHeap,
        Path appJar,
        Path outputDir) {

    enum Scenario {
        IMPORT("a", "import", true), BURST("b", "burst", true), REPLY("c", "reply", true), ENGINE("d", "engine", true),
        REPORT("e", "report", true), CRASH(null, "crash", false), TWO_NODES(null, "twonodes", false),
        FAULTS(null, "faults", false), TIMERS(null, "timers", false);

        /** The scenario's letter in the design (§5), or null */
        final String letter;
        final String word;
        /** Whether {@code all} runs it */
        final boolean inAll;

        Scenario(String letter, String word, boolean inAll) {
            this.letter = letter;
            this.word = word;
            this.inAll = inAll;
        }

        /** The scenarios {@code all} (and no scenario at all) stands for: a to e. */
        static Set<Scenario> all() {
            Set<Scenario> all = EnumSet.noneOf(Scenario.class);
            for (Scenario s : values()) {
                if (s.inAll) {
                    all.add(s);
                }
            }
            return all;
        }
    }

    static final String USAGE = """
            usage: [all | import | burst | reply | engine | report | a | b | c | d | e | crash | twonodes | faults | timers ...] [--option=value ...]
              scenarios (default all = a to e; reply needs burst and runs it too; crash, twonodes, faults and timers only when named):
                import (a)  edits into an empty calendar, a concurrent import, edits into the full calendar
                burst  (b)  N confirmation requests due at one instant, through the app
                reply  (c)  signed inbound replies "C" at a fixed rate after the burst
                engine (d)  the same burst on a plain Camunda engine (the app stopped first)
                report (e)  the text messaging report over many messages written into the app's database
                crash       the burst of (b) on an app of its own, killed (SIGKILL) mid-burst and started again on the same database
                twonodes    the burst of (b) on two app processes on one database; node 2 killed (SIGKILL) mid-burst
                faults      the burst of (b) on an app of its own with SMTP: a Twilio storm and an SMTP outage from T, declines
                            during the outage, and a PostgreSQL restart mid-burst; nothing lost, all delivered or visible
                timers      the job executor's acquisition query over many future timers written into the app's database
              options:
                --import-events=5000   events imported into one calendar in (a)
                --edits=200            sequential edits (POST + PUT) per edit phase in (a)
                --threads=8            client threads creating events in (a), (b), (d), crash, twonodes and faults
                --import-timeout=1800  seconds the import in (a) may take before the rest is skipped
                --burst=10000          N in (b), (d), crash, twonodes and faults
                --calendars=100        calendars the burst is spread over in (b), crash, twonodes and faults (or --burst-calendars=)
                --burst-lead=SECONDS   time from now to the due instant T (default: estimated from a calibration)
                --send-timeout=600     seconds after T to wait for all N texts
                --quiet=10             seconds without a new text before the texts are counted (late duplicates)
                --reply-rate=50        replies per second in (c)
                --reply-seconds=30     how long (c) sends replies
                --report-messages=100000  messages of the calendar in (e), all in the last 30 days
                --report-calls=20      timed calls per figure in (e)
                --crash-after=0.3      crash: the app is killed once this fraction of N had their request (at the latest at T + 10 s)
                --kill-node-after=0.3  twonodes: node 2 is killed once this fraction of N had their request (at the latest at T + 10 s)
                --timers=300000        future timer jobs written into ACT_RU_JOB in timers
                --storm-seconds=60     faults: from T, every POST of a text to the fake Twilio is refused (429, 500, 429, 503, …) this long
                --smtp-down-minutes=10 faults: the SMTP server is stopped at T and started again this much later
                --declines=100         faults: reached clients who answer "NO" (5 per second) while SMTP is down
                --restart-after=0.3    faults: PostgreSQL is restarted once this fraction of N had their request (counted from the storm's end)
                --app-heap=512m        the app's -Xmx
                --jar=PATH             the app jar (default: the repository's target/confirmloop-0.1.0-SNAPSHOT.jar)
                --out=DIR              where the app logs and bench-results.md go (default: bench/target)
            """;

    static BenchOptions parse(String[] args) {
        Set<Scenario> scenarios = EnumSet.noneOf(Scenario.class);
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            for (String word : arg.trim().split("\\s+")) {
                if (word.isEmpty()) {
                    continue;
                }
                if (word.startsWith("--")) {
                    int eq = word.indexOf('=');
                    if (eq < 0) {
                        throw new IllegalArgumentException("Option " + word + " needs a value (--name=value)\n" + USAGE);
                    }
                    options.put(word.substring(2, eq), word.substring(eq + 1));
                } else if (word.equalsIgnoreCase("all")) {
                    scenarios.addAll(Scenario.all());
                } else {
                    scenarios.add(scenario(word));
                }
            }
        }
        if (scenarios.isEmpty()) {
            scenarios.addAll(Scenario.all());
        }
        if (options.containsKey("calendars") && options.containsKey("burst-calendars")) {
            throw new IllegalArgumentException("--calendars and --burst-calendars are the same option: give one\n" + USAGE);
        }
        String calendars = options.containsKey("calendars") ? options.remove("calendars") : options.remove("burst-calendars");
        if (scenarios.contains(Scenario.REPLY)) {
            scenarios.add(Scenario.BURST);
        }
        Path benchDir = Path.of(System.getProperty("bench.dir", "."));
        Path defaultJar = Path.of(System.getProperty("bench.appJar", benchDir.resolve("../target/confirmloop-0.1.0-SNAPSHOT.jar").toString()));
        BenchOptions parsed = new BenchOptions(scenarios,
                positive(options.remove("import-events"), 5000),
                positive(options.remove("edits"), 200),
                positive(options.remove("threads"), 8),
                Duration.ofSeconds(positive(options.remove("import-timeout"), 1800)),
                positive(options.remove("burst"), 10_000),
                positive(calendars, 100),
                options.containsKey("burst-lead") ? Duration.ofSeconds(positive(options.remove("burst-lead"), 0)) : null,
                Duration.ofSeconds(positive(options.remove("send-timeout"), 600)),
                Duration.ofSeconds(positive(options.remove("quiet"), 10)),
                positive(options.remove("reply-rate"), 50),
                positive(options.remove("reply-seconds"), 30),
                positive(options.remove("report-messages"), 100_000),
                positive(options.remove("report-calls"), 20),
                fraction(options.remove("crash-after"), 0.3),
                fraction(options.remove("kill-node-after"), 0.3),
                positive(options.remove("timers"), 300_000),
                Duration.ofSeconds(positive(options.remove("storm-seconds"), 60)),
                Duration.ofMinutes(positive(options.remove("smtp-down-minutes"), 10)),
                positive(options.remove("declines"), 100),
                fraction(options.remove("restart-after"), 0.3),
                options.getOrDefault("app-heap", "512m"),
                Path.of(options.getOrDefault("jar", defaultJar.toString())).toAbsolutePath().normalize(),
                Path.of(options.getOrDefault("out", benchDir.resolve("target").toString())).toAbsolutePath().normalize());
        options.keySet().removeAll(Set.of("app-heap", "jar", "out"));
        if (!options.isEmpty()) {
            throw new IllegalArgumentException("Unknown option(s) " + options.keySet() + "\n" + USAGE);
        }
        return parsed;
    }

    /** e.g. "(a) import: 5000 events, 200 edits · (b) burst: N=2000 over 100 calendars · …; 8 client threads" */
    String describe() {
        List<String> parts = new ArrayList<>();
        if (runs(Scenario.IMPORT)) {
            parts.add("(a) import: " + importEvents + " events, " + edits + " edits");
        }
        if (runs(Scenario.BURST)) {
            parts.add("(b) burst: N=" + burst + " over " + burstCalendars + " calendars");
        }
        if (runs(Scenario.REPLY)) {
            parts.add("(c) reply: " + replyRate + "/s for " + replySeconds + " s");
        }
        if (runs(Scenario.ENGINE)) {
            parts.add("(d) raw engine: N=" + burst);
        }
        if (runs(Scenario.REPORT)) {
            parts.add("(e) report: " + reportMessages + " messages, " + reportCalls + " calls per figure");
        }
        if (runs(Scenario.CRASH)) {
            parts.add("crash: N=" + burst + " over " + burstCalendars + " calendars, the app killed after " + Format.num(crashAfter * 100) + " %");
        }
        if (runs(Scenario.TWO_NODES)) {
            parts.add("twonodes: N=" + burst + " over " + burstCalendars + " calendars, node 2 killed after " + Format.num(killNodeAfter * 100)
                    + " %");
        }
        if (runs(Scenario.FAULTS)) {
            parts.add("faults: N=" + burst + " over " + burstCalendars + " calendars, Twilio storm " + stormLength.toSeconds() + " s, SMTP down "
                    + smtpDown.toMinutes() + " min, " + declines + " declines, PostgreSQL restarted after " + Format.num(restartAfter * 100)
                    + " %");
        }
        if (runs(Scenario.TIMERS)) {
            parts.add("timers: " + timers + " future timer jobs");
        }
        return String.join(" · ", parts) + "; " + threads + " client threads";
    }

    boolean runs(Scenario scenario) {
        return scenarios.contains(scenario);
    }

    boolean needsApp() {
        return runs(Scenario.IMPORT) || runs(Scenario.BURST) || runs(Scenario.REPLY) || runs(Scenario.REPORT) || runs(Scenario.TIMERS);
    }

    private static Scenario scenario(String word) {
        for (Scenario s : Scenario.values()) {
            if (word.equalsIgnoreCase(s.letter) || word.equalsIgnoreCase(s.word)) {
                return s;
            }
        }
        throw new IllegalArgumentException("Unknown scenario '" + word + "'\n" + USAGE);
    }

    /** A fraction of N: more than 0, at most 1. */
    private static double fraction(String value, double fallback) {
        if (value == null) {
            return fallback;
        }
        double f = Double.parseDouble(value);
        if (!(f > 0 && f <= 1)) {
            throw new IllegalArgumentException("Expected a fraction in (0, 1], got " + value);
        }
        return f;
    }

    private static int positive(String value, int fallback) {
        if (value == null) {
            return fallback;
        }
        int n = Integer.parseInt(value);
        if (n <= 0) {
            throw new IllegalArgumentException("Expected a positive number, got " + value);
        }
        return n;
    }
}
