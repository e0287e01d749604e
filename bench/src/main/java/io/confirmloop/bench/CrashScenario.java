package io.confirmloop.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Crash: the burst of (b), N confirmation requests due at one instant T (set up by
 * {@link BurstSetUp}), on an app of its own with a database of its own. Once a fraction of the
 * numbers had their request at the fake Twilio ({@code --crash-after}, at the latest T + 10 s), the
 * app is killed with SIGKILL, no graceful stop. When it is gone it is started again with the same
 * launch (jar, port, environment, arguments, database), its output in a second log, and the runner
 * waits for the remaining texts.
 * <p>
 * Measured: texts before the kill; the restart time, kill → health and readiness UP; the numbers
 * reached; numbers that got the request twice or more; missing numbers; the last hand-off after T
 * and the last text of all after its due time T. Targets: none lost, none twice, the last number
 * reached at most 2 minutes after T.
 */
final class CrashScenario {

    private static final String DATABASE = "confirmloop_crash";
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(30);

    private final Database database;
    private final FakeTwilio twilio;
    private final PhonePool phones;
    private final BenchOptions options;
    private final AppSettings settings;
    private final String group;

    CrashScenario(Database database, FakeTwilio twilio, PhonePool phones, BenchOptions options, AppSettings settings, String group) {
        this.database = database;
        this.twilio = twilio;
        this.phones = phones;
        this.options = options;
        this.settings = settings;
        this.group = group;
    }

    void run(Report report) throws Exception {
        String jdbcUrl = database.create(DATABASE);
        Path logs = options.outputDir();
        AppProcess.Launch launch = settings.launch(jdbcUrl, AppProcess.freePort(), twilio.baseUrl(), logs.resolve("app-crash.log"));
        try (AppProcess first = AppProcess.startReady(launch, READY_TIMEOUT, "the app")) {
            AppClient client = settings.client(first);
            client.createAccount(group, "Bench clinic", settings.adminUser());
            BurstSetUp.Appointments setUp = new BurstSetUp(List.of(client), phones, options, group, "crash:").create();
            Instant due = setUp.due();

            MidBurst.Moment moment = MidBurst.await(twilio, setUp.numbers(), options.crashAfter(), due);
            AppProcess.Killed killed = first.kill(KILL_TIMEOUT);
            Progress.say("crash: SIGKILL to pid %d at T + %s, %s; %s", first.pid(), Format.seconds(secondsAfter(due, killed.signalAt())),
                    moment.describe(setUp.n()), killed.describe());

            AppProcess.Launch again = launch.withLog(logs.resolve("app-crash-2.log"));
            AppProcess second = null;
            String restartFailure = null;
            try {
                second = AppProcess.startReady(again, READY_TIMEOUT, "the app again");
            } catch (Exception e) {
                restartFailure = e.getMessage();
                Progress.say("crash: the app did not start again: %s", restartFailure);
            }
            long readyNanos = System.nanoTime();
            try (AppProcess restarted = second) {
                HandOff handOff = restarted == null
                        ? HandOff.of(twilio.texts(HandOff.requests(setUp.numbers())), due, setUp.numbers().size(), false)
                        : HandOff.collect(twilio, setUp.numbers(), due, Duration.between(Instant.now(), due.plus(options.sendTimeout())),
                                options.quietPeriod());
                Progress.say("crash: %d of %d numbers reached, last %s after T", handOff.distinct(), setUp.numbers().size(),
                        Format.seconds(handOff.lateness().max()));

                List<FakeTwilio.Text> requests = twilio.texts(HandOff.requests(setUp.numbers()));
                Report.Section section = report.section("crash: " + setUp.n() + " confirmation requests due at T, the app killed (SIGKILL) "
                        + "mid-burst and started again");
                setUp.addTo(section);
                section.row("kill (SIGKILL, no graceful stop)", "at T + " + Format.seconds(secondsAfter(due, killed.signalAt())) + ", "
                        + moment.describe(setUp.n()) + "; " + killed.describe());
                TextTally before = TextTally.of(requests, Long.MIN_VALUE, killed.signalNanos());
                TextTally dying = TextTally.of(requests, killed.signalNanos(), killed.goneNanos());
                section.row("texts before the kill", before.describe()
                        + (dying.texts() > 0 ? "; " + dying.describe() + " more while it died" : ""));
                if (restarted == null) {
                    section.row("restart time (kill → healthy)", "the app did not start again: " + restartFailure, "starts again",
                            Report.Verdict.MISSED);
                } else {
                    section.row("restart time (kill → healthy)", Format.seconds((readyNanos - killed.signalNanos()) / 1e9) + " (pid "
                            + restarted.pid() + ", same port, database and settings)");
                    TextTally after = TextTally.of(requests, killed.goneNanos(), Long.MAX_VALUE);
                    section.row("texts from the restarted app", after.describe() + (after.texts() > 0
                            ? ", the first " + Format.seconds(secondsAfter(due, firstAfter(requests, killed.goneNanos()))) + " after T" : ""));
                }
                handOff.addAfterCrashTo(section);
                if (restarted != null) {
                    section.row("texts the restarted app found already at Twilio (lines \"… " + AppProcess.LOG_NOT_SENT_AGAIN
                            + "\" of its log)", String.valueOf(restarted.logLines(AppProcess.LOG_NOT_SENT_AGAIN)));
                }
                section.note("The app has a database of its own (" + DATABASE + "); its first run logs to " + launch.log().getFileName()
                        + ", the run after the kill to " + again.log().getFileName() + ".");
                section.note("Lateness = arrival at the fake Twilio − T, per number (its first text); only texts containing \""
                        + HandOff.CONFIRMATION_MARK + "\" count. A repeat that arrives more than " + options.quietPeriod().toSeconds()
                        + " s after the last text is not counted.");
            }
        }
    }

    private static double secondsAfter(Instant due, Instant at) {
        return Format.seconds(Duration.between(due, at));
    }

    /** When the first of the texts stamped at or after {@code fromNanos} arrived. */
    private static Instant firstAfter(List<FakeTwilio.Text> texts, long fromNanos) {
        return texts.stream().filter(t -> t.receivedNanos() >= fromNanos).map(FakeTwilio.Text::receivedAt).min(Instant::compareTo)
                .orElseThrow();
    }
}
