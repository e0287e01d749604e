package io.confirmloop.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Two nodes: two app processes on one database of their own, with the same settings (admin,
 * secret key, Twilio account), each on its own port and with its own entrance of the fake Twilio,
 * so that the texts of each can be told apart. The burst of (b) (set up by {@link BurstSetUp},
 * the events posted through the two nodes in turn) falls due at T; once a fraction of the numbers
 * had their request ({@code --kill-node-after}, at the latest T + 10 s), node 2 is killed with
 * SIGKILL and node 1 has to finish alone.
 * <p>
 * Measured: how the calendar events were turned into appointments by the two nodes (the items of
 * the calendar-changes queue each took, from its metrics); the texts while both ran, per node; the
 * texts after the kill, per node; over the whole
 * burst the numbers reached, first, median and last hand-off after T, the last text of all after
 * its due time, numbers that got the request twice or more, missing numbers; and how many texts
 * node 1 found already sent (by node 2) when it took over their sends. Targets: each number
 * exactly once (none twice, none missing), the last number reached at most 2 minutes after T.
 */
final class TwoNodesScenario {

    private static final String DATABASE = "confirmloop_twonodes";
    private static final String NODE_1 = "node 1";
    private static final String NODE_2 = "node 2";
    /** The queue of calendar changes (the built-in calendar's sync): any node takes each item. */
    private static final String EVENT_CHANGES = "calendar-event-changes";
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(30);

    private final Database database;
    private final FakeTwilio twilio;
    private final PhonePool phones;
    private final BenchOptions options;
    private final AppSettings settings;
    private final String group;

    TwoNodesScenario(Database database, FakeTwilio twilio, PhonePool phones, BenchOptions options, AppSettings settings, String group) {
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
        // one after the other: the first start creates the schema and the admin, the second finds them
        AppProcess.Launch launch1 = settings.launch(jdbcUrl, AppProcess.freePort(), twilio.entrance(NODE_1), logs.resolve("app-node1.log"));
        try (AppProcess node1 = AppProcess.startReady(launch1, READY_TIMEOUT, NODE_1)) {
            AppProcess.Launch launch2 = settings.launch(jdbcUrl, AppProcess.freePort(), twilio.entrance(NODE_2),
                    logs.resolve("app-node2.log"));
            try (AppProcess node2 = AppProcess.startReady(launch2, READY_TIMEOUT, NODE_2)) {
                AppClient client1 = settings.client(node1);
                client1.createAccount(group, "Bench clinic", settings.adminUser());
                BurstSetUp.Appointments setUp = new BurstSetUp(List.of(client1, settings.client(node2)), phones, options, group, "twonodes:")
                        .create();
                Instant due = setUp.due();

                AppClient client2 = settings.client(node2);
                String eventsTaken = "node 1: " + client1.queueItemsHandled(EVENT_CHANGES) + ", node 2: " + client2.queueItemsHandled(EVENT_CHANGES);
                MidBurst.Moment moment = MidBurst.await(twilio, setUp.numbers(), options.killNodeAfter(), due);
                AppProcess.Killed killed = node2.kill(KILL_TIMEOUT);
                Progress.say("twonodes: SIGKILL to node 2 (pid %d) at T + %s, %s; %s; node 1 goes on alone", node2.pid(),
                        secondsAfter(due, killed.signalAt()), moment.describe(setUp.n()), killed.describe());

                HandOff handOff = HandOff.collect(twilio, setUp.numbers(), due, Duration.between(Instant.now(), due.plus(options.sendTimeout())),
                        options.quietPeriod());
                Progress.say("twonodes: %d of %d numbers reached, last %s after T", handOff.distinct(), setUp.numbers().size(),
                        Format.seconds(handOff.lateness().max()));

                List<FakeTwilio.Text> requests = twilio.texts(HandOff.requests(setUp.numbers()));
                TextTally bothRan = TextTally.of(requests, Long.MIN_VALUE, killed.signalNanos());
                TextTally afterKill = TextTally.of(requests, killed.signalNanos(), Long.MAX_VALUE);
                TextTally all = TextTally.of(requests, Long.MIN_VALUE, Long.MAX_VALUE);

                Report.Section section = report.section("twonodes: " + setUp.n() + " confirmation requests due at T on two app processes, "
                        + "node 2 killed (SIGKILL) mid-burst");
                setUp.addTo(section);
                section.row("nodes", "node 1 pid " + node1.pid() + " (port " + launch1.port() + "), node 2 pid " + node2.pid() + " (port "
                        + launch2.port() + "): one database, the same settings and secret key");
                section.row("calendar events turned into appointments, per node (items of the queue " + EVENT_CHANGES
                        + " each node took, from its metrics)", eventsTaken);
                section.row("texts while both ran", perNode(bothRan));
                section.row("kill of node 2 (SIGKILL, no graceful stop)", "at T + " + secondsAfter(due, killed.signalAt()) + ", "
                        + moment.describe(setUp.n()) + "; " + killed.describe());
                section.row("texts after the kill (node 1 alone)", perNode(afterKill)
                        + (afterKill.via(NODE_2) > 0 ? "; node 2's arrived while it died" : ""));
                section.row("texts per node, whole burst", perNode(all));
                handOff.addAfterCrashTo(section);
                section.row("texts node 1 found already at Twilio (lines \"… " + AppProcess.LOG_NOT_SENT_AGAIN + "\" of its log)",
                        String.valueOf(node1.logLines(AppProcess.LOG_NOT_SENT_AGAIN)));
                section.note("Each node sends through its own address of the fake Twilio, which is how the texts of each are counted. "
                        + "The nodes share a database of their own (" + DATABASE + "); their logs are " + launch1.log().getFileName() + " and "
                        + launch2.log().getFileName() + ".");
                section.note("Lateness = arrival at the fake Twilio − T, per number (its first text); only texts containing \""
                        + HandOff.CONFIRMATION_MARK + "\" count. A repeat that arrives more than " + options.quietPeriod().toSeconds()
                        + " s after the last text is not counted.");
            }
        }
    }

    /** e.g. "8.01 s" */
    private static String secondsAfter(Instant due, Instant at) {
        return Format.seconds(Format.seconds(Duration.between(due, at)));
    }

    /** e.g. "600 texts to 600 numbers (node 1: 310, node 2: 290)" */
    private static String perNode(TextTally tally) {
        return tally.describe() + " (" + NODE_1 + ": " + tally.via(NODE_1) + ", " + NODE_2 + ": " + tally.via(NODE_2) + ")";
    }
}
