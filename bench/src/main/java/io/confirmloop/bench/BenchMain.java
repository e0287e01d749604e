package io.confirmloop.bench;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import io.confirmloop.bench.BenchOptions.Scenario;

/**
 * The benchmark runner: starts an embedded PostgreSQL server, a fake Twilio and the packaged app,
 * runs the chosen scenarios over HTTP, stops the app, runs the crash and fault scenarios (each with
 * app processes and a database of its own), runs the raw-engine baseline, and prints the figures (also
 * written to bench-results.md). See bench/README.md.
 */
public final class BenchMain {

    private static final String ADMIN_USER = "bench";
    private static final String GROUP = "benchclinic";
    private static final String OUR_NUMBER = "+15005550006";
    private static final String APP_DATABASE = "confirmloop";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final BenchOptions options;
    private final Report report = new Report("ConfirmLoop benchmark");
    private final PhonePool phones = new PhonePool();
    private final String accountSid = "AC" + hex(16);
    private final String authToken = hex(16);
    private final AppSettings appSettings;

    private BenchMain(BenchOptions options) {
        this.options = options;
        this.appSettings = new AppSettings(options.appJar(), options.appHeap(), ADMIN_USER, hex(12), hex(24), accountSid, authToken,
                OUR_NUMBER);
    }

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help")) {
            System.out.println(BenchOptions.USAGE);
            return;
        }
        new BenchMain(BenchOptions.parse(args)).run();
    }

    private void run() throws Exception {
        MachineInfo.describe(report);
        try {
            runScenarios();
        } finally {
            System.out.println(report.toText());
            Path results = options.outputDir().resolve("bench-results.md");
            report.writeMarkdown(results);
            Progress.say("results written to %s", results);
        }
    }

    private void runScenarios() throws Exception {
        Progress.say("starting embedded PostgreSQL");
        // timers reads pg_stat_statements, which the server loads only at start
        try (Database database = options.runs(Scenario.TIMERS) ? Database.start(StatementStats.SERVER_CONFIG) : Database.start();
                FakeTwilio twilio = FakeTwilio.start(accountSid, authToken, 16)) {
            report.header("PostgreSQL", database.describe() + ", embedded, one server for the app and the baseline");
            report.header("App", options.appJar().getFileName() + ", java -Xmx" + options.appHeap() + ", profile postgres, Twilio → fake on loopback");
            report.header("Scenarios", options.describe());
            HandOff appBurst = null;
            if (options.needsApp()) {
                appBurst = runAgainstApp(database, twilio);
            }
            if (options.runs(Scenario.CRASH)) {
                new CrashScenario(database, twilio, phones, options, appSettings, GROUP).run(report);
            }
            if (options.runs(Scenario.TWO_NODES)) {
                new TwoNodesScenario(database, twilio, phones, options, appSettings, GROUP).run(report);
            }
            if (options.runs(Scenario.FAULTS)) {
                new FaultsScenario(database, twilio, phones, options, appSettings, GROUP).run(report);
            }
            if (options.runs(Scenario.ENGINE)) {
                TwilioSendDelegate sender = new TwilioSendDelegate(twilio.messagesUrl(), accountSid, authToken, OUR_NUMBER,
                        "http://127.0.0.1/webhooks/twilio/status");
                HandOff engineBurst = new EngineBaseline(database, twilio, phones, options, sender).run(report);
                if (appBurst != null) {
                    compare(appBurst, engineBurst);
                }
            }
        }
    }

    /** (a), (b), (c), (e) and timers against one app process, stopped before the baseline runs. */
    private HandOff runAgainstApp(Database database, FakeTwilio twilio) throws Exception {
        String jdbcUrl = database.create(APP_DATABASE);
        AppProcess.Launch launch = appSettings.launch(jdbcUrl, AppProcess.freePort(), twilio.baseUrl(), options.outputDir().resolve("app.log"));
        try (AppProcess app = AppProcess.startReady(launch, Duration.ofMinutes(5), "the app")) {
            AppClient client = appSettings.client(app);
            client.createAccount(GROUP, "Bench clinic", ADMIN_USER);

            if (options.runs(Scenario.IMPORT)) {
                new ImportScenario(client, phones, options, GROUP).run(report);
            }
            HandOff burst = null;
            if (options.runs(Scenario.BURST)) {
                BurstScenario.Outcome outcome = new BurstScenario(client, twilio, phones, options, GROUP, database, APP_DATABASE).run(report);
                burst = outcome.handOff();
                AppHeap.addTo(outcome.section(), client, app.pid(), outcome.appointments(), options.appHeap());
                if (options.runs(Scenario.REPLY)) {
                    new ReplyScenario(client, twilio, options, accountSid, authToken, OUR_NUMBER, jdbcUrl).run(report,
                            outcome.remindedNumbers());
                }
            }
            if (options.runs(Scenario.REPORT)) {
                new ReportScenario(client, options, GROUP, jdbcUrl).run(report);
            }
            if (options.runs(Scenario.TIMERS)) {
                new TimersScenario(options, jdbcUrl).run(report);
            }
            Progress.say("stopping the app");
            return burst;
        }
    }

    private void compare(HandOff app, HandOff engine) {
        double lastRatio = app.lateness().max() / engine.lateness().max();
        double throughputRatio = app.sendsPerSecond() / engine.sendsPerSecond();
        report.section("(b) ÷ (d): the app against the raw engine, same run")
                .row("last hand-off, app ÷ raw engine", Format.ratio(lastRatio) + " (" + Format.seconds(app.lateness().max()) + " ÷ "
                        + Format.seconds(engine.lateness().max()) + ")", "≤ 0.45×", Report.Verdict.of(lastRatio <= 0.45))
                .row("sends per second, app ÷ raw engine", Format.ratio(throughputRatio) + " (" + Format.num(app.sendsPerSecond()) + " ÷ "
                        + Format.num(engine.sendsPerSecond()) + ")", "≥ 2.22× (same target)", Report.Verdict.of(throughputRatio >= 1 / 0.45));
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
