package io.confirmloop.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import io.confirmloop.bench.BenchOptions.Scenario;

/**
 * The benchmark runner: starts an embedded PostgreSQL server, a fake Twilio and the packaged app,
 * runs the chosen scenarios over HTTP, stops the app, runs the raw-engine baseline, and prints the
 * figures (also written to bench-results.md). See bench/README.md.
 */
public final class BenchMain {

    private static final String ADMIN_USER = "bench";
    private static final String GROUP = "benchclinic";
    private static final String OUR_NUMBER = "+15005550006";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final BenchOptions options;
    private final Report report = new Report("ConfirmLoop benchmark");
    private final PhonePool phones = new PhonePool();
    private final String accountSid = "AC" + hex(16);
    private final String authToken = hex(16);
    private final String adminPassword = hex(12);
    private final String secretKey = hex(24);

    private BenchMain(BenchOptions options) {
        this.options = options;
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
        try (Database database = Database.start(); FakeTwilio twilio = FakeTwilio.start(accountSid, authToken, 16)) {
            report.header("PostgreSQL", database.describe() + ", embedded, one server for the app and the baseline");
            report.header("App", options.appJar().getFileName() + ", java -Xmx" + options.appHeap() + ", profile postgres, Twilio → fake on loopback");
            report.header("Scenarios", options.describe());
            HandOff appBurst = null;
            if (options.needsApp()) {
                appBurst = runAgainstApp(database, twilio);
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

    /** (a), (b), (c), (e) against one app process, stopped before the baseline runs. */
    private HandOff runAgainstApp(Database database, FakeTwilio twilio) throws Exception {
        String jdbcUrl = database.create("confirmloop");
        int port = freePort();
        String publicBaseUrl = "http://127.0.0.1:" + port;
        Path log = options.outputDir().resolve("app.log");
        Progress.say("starting the app (%s, -Xmx%s) on port %d; log in %s", options.appJar().getFileName(), options.appHeap(), port, log);
        Map<String, String> env = Map.of(
                "SPRING_PROFILES_ACTIVE", "postgres",
                "CONFIRMLOOP_DB_URL", jdbcUrl,
                "CONFIRMLOOP_DB_USER", Database.USER,
                "CONFIRMLOOP_DB_PASSWORD", Database.PASSWORD,
                "CONFIRMLOOP_ADMIN_USER", ADMIN_USER,
                "CONFIRMLOOP_ADMIN_PASSWORD", adminPassword,
                "CONFIRMLOOP_SECRET_KEY", secretKey);
        List<String> args = List.of(
                "--confirmloop.sms.provider=twilio",
                "--confirmloop.twilio.account-sid=" + accountSid,
                "--confirmloop.twilio.auth-token=" + authToken,
                "--confirmloop.twilio.from-number=" + OUR_NUMBER,
                "--confirmloop.twilio.api-base-url=" + twilio.baseUrl(),
                "--confirmloop.twilio.public-base-url=" + publicBaseUrl,
                "--confirmloop.reminders.quiet-hours-start=00:00",
                "--confirmloop.reminders.quiet-hours-end=00:00");
        try (AppProcess app = AppProcess.start(options.appJar(), options.appHeap(), port, env, args, log)) {
            long started = System.nanoTime();
            app.awaitReady(Duration.ofMinutes(5));
            Progress.say("app ready after %s (pid %d)", Format.seconds((System.nanoTime() - started) / 1e9), app.pid());
            AppClient client = new AppClient(app.baseUrl(), ADMIN_USER, adminPassword);
            client.createAccount(GROUP, "Bench clinic", ADMIN_USER);

            if (options.runs(Scenario.IMPORT)) {
                new ImportScenario(client, phones, options, GROUP).run(report);
            }
            HandOff burst = null;
            if (options.runs(Scenario.BURST)) {
                BurstScenario.Outcome outcome = new BurstScenario(client, twilio, phones, options, GROUP).run(report);
                burst = outcome.handOff();
                if (options.runs(Scenario.REPLY)) {
                    new ReplyScenario(client, twilio, options, accountSid, authToken, OUR_NUMBER).run(report, outcome.remindedNumbers());
                }
            }
            if (options.runs(Scenario.REPORT)) {
                new ReportScenario(client, options, GROUP, jdbcUrl).run(report);
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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
