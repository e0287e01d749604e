package io.confirmloop.bench;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.awaitility.core.ConditionTimeoutException;

/**
 * Faults: the burst of (b), N confirmation requests due at one instant T (set up by
 * {@link BurstSetUp}), on an app of its own with a database of its own, mailing over SMTP to a real
 * mail server ({@link MailServer}); every calendar has a notification address. Three faults overlap:
 * <ol>
 * <li>a Twilio storm: from T, for {@code --storm-seconds}, the fake Twilio refuses every text, 429
 * and 5xx in turn ({@link FakeTwilio#storm});</li>
 * <li>SMTP down: the mail server is stopped at T and started again on the same port
 * {@code --smtp-down-minutes} later. While it is down, {@code --declines} clients who had their
 * request answer "NO" through the signed webhook (5 per second), so that the app has to acknowledge
 * each decline by text and email the owner;</li>
 * <li>a PostgreSQL restart mid-burst: once {@code --restart-after} of the N numbers had their request
 * (counted from the storm's end, at the latest 2 minutes after it), the server is stopped
 * ({@code pg_ctl stop -m fast}), left down for 10 s and started again on the same port and data.</li>
 * </ol>
 * Then the runner waits until the app has settled (nothing due, to retry or to hand over in its
 * database: {@link AppRecords#pending}), at the latest 25 minutes after SMTP came back, which covers
 * Camunda's retry cycle of the reply steps ({@code PT1M,PT5M,PT15M}).
 * <p>
 * Measured: the requests refused in the storm; the numbers reached, twice or more, and missing; the
 * first text after the storm and the last one after T and after the storm; the visible incidents in
 * the app's database (reminders recorded as not sent, Camunda incidents, owner tasks), by kind; per
 * decline its acknowledgement texts and the owner's "Declined" emails (once, twice or more, missing);
 * the time from SMTP back to the last owner email; ERROR lines in the app's log. Targets: nothing
 * lost, everything delivered or a visible incident: no number twice, no number missing without a
 * visible incident, every decline acknowledged exactly once and mailed to the owner exactly once
 * (or an incident).
 */
final class FaultsScenario {

    private static final String DATABASE = "confirmloop_faults";
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration DATABASE_DOWN = Duration.ofSeconds(10);
    /** The restart comes at the latest this long after the storm's end, however few numbers have been reached. */
    private static final Duration LATEST_RESTART = Duration.ofMinutes(2);
    private static final int DECLINES_PER_SECOND = 5;
    /** How long after the last decline the owner's view of them is read, if SMTP is still down then. */
    private static final Duration RECORDED_AFTER = Duration.ofSeconds(30);
    /** Camunda's retry cycle of the reply steps (PT1M,PT5M,PT15M, 21 minutes) and a margin, counted from SMTP back. */
    private static final Duration SETTLE_AFTER_SMTP = Duration.ofMinutes(25);
    private static final Duration SETTLE_POLL = Duration.ofSeconds(5);
    /** The words of the decline acknowledgement (template decline-ack) and of the owner's emails (owner-declined, owner-forwarded-text). */
    static final String DECLINE_ACK_MARK = "thanks for letting us know";
    static final String OWNER_DECLINED_MARK = "Declined:";
    static final String OWNER_FORWARDED_MARK = "Text from";
    /** The follow-up task every decline hands the owner (appointment-lifecycle.bpmn): expected, not an incident. */
    static final String DECLINE_FOLLOW_UP = "UserTask_FollowUpDecline";
    private static final int MAX_LISTED = 5;
    private static final Pattern LOGGER = Pattern.compile("\\]\\s+(\\S+)\\s+:\\s");

    /** A moment, on the wall clock and {@link System#nanoTime()}, to compare with the fake Twilio's stamps. */
    private record Stamp(Instant at, long nanos) {
        static Stamp now() {
            return new Stamp(Instant.now(), System.nanoTime());
        }
    }

    /** One client's "NO": when it was posted and the webhook's answer. */
    private record Decline(String number, Stamp sent, AppClient.Answer answer) {
    }

    /**
     * The declines as the app shows them to the owner while SMTP is still down, once each has had
     * its acknowledgement (and a while to record it): attendees DECLINED, follow-up tasks.
     */
    private record WhileDown(Stamp at, int n, int acknowledged, int declined, int followUps, boolean smtpDown) {
    }

    /** What became of one decline. */
    private record DeclineOutcome(String number, int acks, int ownerMails, int forwarded, String attendee, String inbound, boolean incident,
            Double ackSeconds, Double mailSeconds) {

        String describe() {
            return number + ": " + acks + " acknowledgement(s), " + ownerMails + " owner email(s), " + forwarded + " forwarded, attendee "
                    + attendee + ", reply " + inbound + (incident ? ", incident" : "");
        }
    }

    private final Database database;
    private final FakeTwilio twilio;
    private final PhonePool phones;
    private final BenchOptions options;
    private final AppSettings settings;
    private final String group;

    FaultsScenario(Database database, FakeTwilio twilio, PhonePool phones, BenchOptions options, AppSettings settings, String group) {
        this.database = database;
        this.twilio = twilio;
        this.phones = phones;
        this.options = options;
        this.settings = settings;
        this.group = group;
    }

    void run(Report report) throws Exception {
        String jdbcUrl = database.create(DATABASE);
        AppRecords records = new AppRecords(database, DATABASE);
        Path logs = options.outputDir();
        ScheduledExecutorService faults = Executors.newSingleThreadScheduledExecutor();
        try (MailServer mail = MailServer.start()) {
            AppProcess.Launch launch = settings.launch(jdbcUrl, AppProcess.freePort(), twilio.baseUrl(), mail.host(), mail.port(),
                    logs.resolve("app-faults.log"));
            try (AppProcess app = AppProcess.startReady(launch, READY_TIMEOUT, "the app")) {
                AppClient client = settings.client(app);
                client.createAccount(group, "Bench clinic", settings.adminUser());
                BurstSetUp.Appointments setUp = new BurstSetUp(List.of(client), phones, options, group, "faults:", FaultsScenario::ownerAddress)
                        .create();
                Instant due = setUp.due();
                Instant stormEnd = due.plus(options.stormLength());
                Instant smtpBackPlanned = due.plus(options.smtpDown());
                twilio.storm(due, options.stormLength());
                ScheduledFuture<Stamp> smtpStopped = faults.schedule(() -> {
                    mail.stop();
                    Progress.say("faults: SMTP server stopped (port %d) at T", mail.port());
                    return Stamp.now();
                }, millisUntil(due), TimeUnit.MILLISECONDS);
                ScheduledFuture<Stamp> smtpBack = faults.schedule(() -> {
                    mail.startAgain();
                    Progress.say("faults: SMTP server started again on port %d", mail.port());
                    return Stamp.now();
                }, millisUntil(smtpBackPlanned), TimeUnit.MILLISECONDS);
                Progress.say("faults: Twilio storm from T for %d s, SMTP down from T for %d min", options.stormLength().toSeconds(),
                        options.smtpDown().toMinutes());

                MidBurst.Moment moment = MidBurst.await(twilio, setUp.numbers(), options.restartAfter(), stormEnd, LATEST_RESTART);
                Progress.say("faults: restarting PostgreSQL at T + %s, %s", Format.seconds(secondsAfter(due, moment.at())),
                        moment.describe(setUp.n()));
                Database.Restart restart = database.restart(DATABASE_DOWN);
                Progress.say("faults: PostgreSQL %s", restart.describe());
                String healthAfterRestart = healthAfterRestart(app, restart);

                List<Decline> declines = decline(client, setUp, smtpBackPlanned);
                WhileDown whileDown = whileDown(records, mail, declines, smtpBackPlanned);
                Progress.say("faults: %d declines posted; %d acknowledged and %d DECLINED at T + %s%s; waiting for the app to settle",
                        declines.size(), whileDown.acknowledged(), whileDown.declined(), Format.seconds(secondsAfter(due, whileDown.at().at())),
                        whileDown.smtpDown() ? ", SMTP still down" : "");

                Instant settleBy = later(smtpBackPlanned.plus(SETTLE_AFTER_SMTP), due.plus(options.sendTimeout()));
                AtomicReference<AppRecords.Pending> pending = new AtomicReference<>();
                Stamp settled = settle(records, settleBy, pending);
                Stamp smtpStop = smtpStopped.get();
                Stamp smtpStart = smtpBack.get();
                quiet(mail, setUp.numbers());
                Progress.say("faults: %s", settled != null ? "the app settled at T + " + Format.seconds(secondsAfter(due, settled.at()))
                        : "the app did not settle by T + " + Format.seconds(secondsAfter(due, settleBy)) + ": "
                                + (pending.get() == null ? "its database could not be read" : pending.get().describe()));

                Report.Section section = report.section("faults: " + setUp.n() + " confirmation requests due at T, a Twilio storm and an "
                        + "SMTP outage from T, declines while SMTP is down, PostgreSQL restarted mid-burst");
                setUp.addTo(section);
                addFaults(section, due, smtpStop, smtpStart, moment, setUp.n(), restart, healthAfterRestart);
                addSettling(section, due, settleBy, settled, pending.get());
                Map<String, List<String>> visible = addTexts(section, records, setUp, due, restart, app);
                addDeclines(section, records, mail, declines, smtpStop, smtpStart, visible, whileDown, due);
                addLog(section, app);
                section.note("The app has a database of its own (" + DATABASE + ") and logs to " + launch.log().getFileName()
                        + "; it mails over SMTP to GreenMail on loopback (no login), every calendar with its own notification address.");
                section.note("Lateness = arrival at the fake Twilio − T, per number (its first confirmation request, containing \""
                        + HandOff.CONFIRMATION_MARK + "\"). Texts and mails are counted once none has arrived for "
                        + options.quietPeriod().toSeconds() + " s after the app settled.");
                section.note("Visible = the app's database shows it to a person: a reminder recorded as not sent (reminder.state SKIPPED, "
                        + "in the appointment log), an open Camunda incident (Cockpit), or an owner task (Tasklist) on the number's "
                        + "process instance. A decline's follow-up task (" + DECLINE_FOLLOW_UP + ") is the expected outcome, not an incident.");
            }
        } finally {
            faults.shutdownNow();
        }
    }

    /** The owner's notification address of the calendar with this index. */
    private static String ownerAddress(int calendar) {
        return "owner-%03d@clinic.bench.test".formatted(calendar + 1);
    }

    /** How long after the server was back the app said UP again (or that it did not). */
    private static String healthAfterRestart(AppProcess app, Database.Restart restart) {
        try {
            app.awaitReady(READY_TIMEOUT);
            return "UP " + Format.seconds((System.nanoTime() - restart.startedNanos()) / 1e9) + " after the server was back";
        } catch (RuntimeException e) {
            Progress.say("faults: the app is not healthy after the restart: %s", e.getMessage());
            return "not UP within " + READY_TIMEOUT.toMinutes() + " min after the server was back: " + e.getMessage();
        }
    }

    /**
     * Once enough numbers had their request, the first of them (in the order their requests came)
     * answer "NO" through the signed webhook, at {@link #DECLINES_PER_SECOND}.
     */
    private List<Decline> decline(AppClient app, BurstSetUp.Appointments setUp, Instant smtpBack) throws InterruptedException {
        int wanted = Math.min(options.declines(), setUp.numbers().size());
        try {
            await("numbers reached for the declines").atMost(Duration.between(Instant.now(), later(smtpBack, Instant.now().plusSeconds(1))))
                    .pollInterval(Duration.ofMillis(250)).pollInSameThread().until(() -> reached(setUp.numbers()).size() >= wanted);
        } catch (ConditionTimeoutException e) {
            Progress.say("faults: only %d numbers reached before SMTP came back; they decline", reached(setUp.numbers()).size());
        }
        List<String> numbers = reached(setUp.numbers()).stream().limit(wanted).toList();
        String url = app.baseUrl() + ReplyScenario.WEBHOOK_PATH;
        List<Decline> declines = new ArrayList<>();
        List<CompletableFuture<AppClient.Answer>> answers = new ArrayList<>();
        List<Stamp> sent = new ArrayList<>();
        Paced.forEach(numbers, DECLINES_PER_SECOND, number -> {
            Map<String, String> form = no(number);
            sent.add(Stamp.now());
            answers.add(app.postForm(ReplyScenario.WEBHOOK_PATH, form,
                    Map.of("X-Twilio-Signature", TwilioSignature.sign(settings.authToken(), url, form))));
        });
        for (int i = 0; i < numbers.size(); i++) {
            declines.add(new Decline(numbers.get(i), sent.get(i), answers.get(i).join()));
        }
        return declines;
    }

    /**
     * Waits until every decline has its acknowledgement and {@link #RECORDED_AFTER} has passed since
     * the last one (at most until SMTP is planned back), then reads what the owner sees of them.
     */
    private WhileDown whileDown(AppRecords records, MailServer mail, List<Decline> declines, Instant smtpBack) throws SQLException {
        Instant readAt = declines.isEmpty() ? Instant.now() : declines.get(declines.size() - 1).sent().at().plus(RECORDED_AFTER);
        try {
            await("the declines acknowledged").atMost(Duration.between(Instant.now(), later(smtpBack, Instant.now().plusSeconds(1))))
                    .pollInterval(Duration.ofMillis(500)).pollInSameThread()
                    .until(() -> !Instant.now().isBefore(readAt) && acknowledged(declines) == declines.size());
        } catch (ConditionTimeoutException e) {
            // SMTP is (nearly) back: read what there is
        }
        boolean smtpDown = !mail.running();
        Stamp at = Stamp.now();
        Set<String> numbers = declines.stream().map(Decline::number).collect(Collectors.toSet());
        Map<String, String> attendees = records.attendeeStatuses();
        int declined = (int) numbers.stream().filter(nr -> "DECLINED".equals(attendees.get(nr))).count();
        int followUps = (int) records.tasks().stream().filter(t -> DECLINE_FOLLOW_UP.equals(t.definitionKey()) && numbers.contains(t.phone()))
                .count();
        return new WhileDown(at, declines.size(), acknowledged(declines), declined, followUps, smtpDown);
    }

    /** How many of the declines have an acknowledgement text. */
    private int acknowledged(List<Decline> declines) {
        return (int) declines.stream().filter(d -> twilio.textsTo(d.number()).stream()
                .anyMatch(t -> t.body().contains(DECLINE_ACK_MARK) && t.receivedNanos() >= d.sent().nanos())).count();
    }

    /** The numbers that had their request, in the order their first request came. */
    private List<String> reached(Set<String> numbers) {
        return twilio.texts(HandOff.requests(numbers)).stream().sorted(Comparator.comparingLong(FakeTwilio.Text::receivedNanos))
                .map(FakeTwilio.Text::to).distinct().toList();
    }

    /** An inbound "NO" as Twilio posts it. */
    private Map<String, String> no(String from) {
        byte[] sid = new byte[16];
        ThreadLocalRandom.current().nextBytes(sid);
        Map<String, String> form = new TreeMap<>();
        form.put("MessageSid", "SM" + HexFormat.of().formatHex(sid));
        form.put("AccountSid", settings.accountSid());
        form.put("From", from);
        form.put("To", settings.ourNumber());
        form.put("Body", "NO");
        return form;
    }

    /** Waits until nothing is due, to retry or to hand over in the app's database; null if that did not happen by {@code by}. */
    private static Stamp settle(AppRecords records, Instant by, AtomicReference<AppRecords.Pending> last) {
        try {
            await("the app settles").atMost(Duration.between(Instant.now(), later(by, Instant.now().plusSeconds(1)))).pollInterval(SETTLE_POLL)
                    .pollInSameThread().ignoreExceptions().until(() -> {
                        AppRecords.Pending pending = records.pending();
                        last.set(pending);
                        return pending.none();
                    });
            return Stamp.now();
        } catch (ConditionTimeoutException e) {
            return null;
        }
    }

    /** Waits until no text to the numbers and no mail has arrived for the quiet period, so late repeats are counted. */
    private void quiet(MailServer mail, Set<String> numbers) {
        Duration quiet = options.quietPeriod();
        try {
            await("no new texts or mails for " + quiet).atMost(quiet.multipliedBy(6)).pollInterval(Duration.ofMillis(500))
                    .pollInSameThread().until(() -> {
                        long lastText = twilio.texts(t -> numbers.contains(t.to())).stream().mapToLong(FakeTwilio.Text::receivedNanos)
                                .max().orElse(Long.MIN_VALUE);
                        Instant lastMail = mail.mails().stream().map(MailServer.Mail::receivedAt).max(Instant::compareTo)
                                .orElse(Instant.MIN);
                        return System.nanoTime() - lastText >= quiet.toNanos() && lastMail.plus(quiet).isBefore(Instant.now());
                    });
        } catch (ConditionTimeoutException e) {
            // texts or mails still trickle in: count what has come so far
        }
    }

    private void addFaults(Report.Section section, Instant due, Stamp smtpStop, Stamp smtpStart, MidBurst.Moment moment, int n,
            Database.Restart restart, String healthAfterRestart) {
        List<FakeTwilio.Refusal> refusals = twilio.refusals();
        String byStatus = refusals.stream().collect(Collectors.groupingBy(FakeTwilio.Refusal::status, TreeMap::new, Collectors.counting()))
                .entrySet().stream().map(e -> e.getKey() + " ×" + e.getValue()).collect(Collectors.joining(", "));
        long numbers = refusals.stream().map(FakeTwilio.Refusal::to).distinct().count();
        section.row("Twilio storm: every POST of a text refused from T for " + options.stormLength().toSeconds() + " s",
                refusals.size() + " requests refused" + (refusals.isEmpty() ? "" : " (" + byStatus + ") for " + numbers + " numbers"));
        section.row("SMTP outage (GreenMail stopped, then started again on the same port)", "stopped at T + "
                + Format.seconds(secondsAfter(due, smtpStop.at())) + ", back at T + " + Format.seconds(secondsAfter(due, smtpStart.at())));
        section.row("PostgreSQL restart", "at T + " + Format.seconds(secondsAfter(due, restart.stopAt())) + ", " + moment.describe(n)
                + " (counted from the storm's end); " + restart.describe());
        section.row("the app's health after the restart", healthAfterRestart);
    }

    private static void addSettling(Report.Section section, Instant due, Instant settleBy, Stamp settled, AppRecords.Pending pending) {
        if (settled == null) {
            section.row("the app settled (nothing due, to retry or to hand over)", "not by T + " + Format.seconds(secondsAfter(due, settleBy))
                    + ": " + (pending == null ? "its database could not be read" : pending.describe()), "settles", Report.Verdict.MISSED);
        } else {
            section.row("the app settled (nothing due, to retry or to hand over)", "at T + " + Format.seconds(secondsAfter(due, settled.at())),
                    "by T + " + Format.seconds(secondsAfter(due, settleBy)), Report.Verdict.MET);
        }
    }

    /**
     * The burst's figures and the visible incidents; answers the visible incidents by number, for
     * the declines.
     */
    private Map<String, List<String>> addTexts(Report.Section section, AppRecords records, BurstSetUp.Appointments setUp, Instant due,
            Database.Restart restart, AppProcess app) throws SQLException {
        Set<String> numbers = setUp.numbers();
        List<FakeTwilio.Text> requests = twilio.texts(HandOff.requests(numbers));
        HandOff handOff = HandOff.of(requests, due, numbers.size(), requests.stream().map(FakeTwilio.Text::to).distinct().count() == numbers.size());
        double storm = options.stormLength().toNanos() / 1e9;
        section.row("numbers reached", handOff.distinct() + " of " + handOff.expected());
        section.row("first text after the storm ended", handOff.lateness().isEmpty() ? "none"
                : Format.seconds(handOff.lateness().min() - storm) + " (T + " + Format.seconds(handOff.lateness().min()) + ")");
        section.row("median hand-off after T", Format.seconds(handOff.lateness().p50()));
        section.row("last hand-off after T (each number's first text)", Format.seconds(handOff.lateness().max()));
        section.row("last text after T (repeats included)", Format.seconds(handOff.lastTextLateness()) + "; "
                + Format.seconds(handOff.lastTextLateness() - storm) + " after the storm ended");
        section.row("texts while PostgreSQL was down (stop begun → server up again)", TextTally.of(requests, restart.stopNanos(),
                restart.startedNanos()).describe());
        section.row("numbers that got the request twice or more", handOff.duplicatedNumbers() + (handOff.extraTexts() > 0
                ? " (" + handOff.extraTexts() + " extra texts)" : ""), "0", Report.Verdict.of(handOff.duplicatedNumbers() == 0));
        section.row("texts the app found already at Twilio (lines \"… " + AppProcess.LOG_NOT_SENT_AGAIN + "\" of its log)",
                String.valueOf(app.logLines(AppProcess.LOG_NOT_SENT_AGAIN)));

        List<AppRecords.NotSent> notSent = records.remindersNotSent();
        List<AppRecords.Incident> incidents = records.incidents();
        List<AppRecords.Task> tasks = records.tasks();
        Map<String, List<String>> visible = new TreeMap<>();
        notSent.forEach(r -> visible.computeIfAbsent(r.phone(), k -> new ArrayList<>()).add("reminder not sent: " + r.note()));
        incidents.forEach(i -> visible.computeIfAbsent(i.phone(), k -> new ArrayList<>()).add("incident at " + i.activity()));
        tasks.stream().filter(t -> !DECLINE_FOLLOW_UP.equals(t.definitionKey()))
                .forEach(t -> visible.computeIfAbsent(t.phone(), k -> new ArrayList<>()).add("task " + t.name()));

        Set<String> reached = requests.stream().map(FakeTwilio.Text::to).collect(Collectors.toSet());
        List<String> missing = numbers.stream().filter(nr -> !reached.contains(nr)).sorted().toList();
        List<String> silent = missing.stream().filter(nr -> !visible.containsKey(nr)).toList();
        section.row("missing (N − numbers reached)", missing.size() + " of " + numbers.size() + (missing.isEmpty() ? ""
                : ", " + (missing.size() - silent.size()) + " of them a visible incident"));
        section.row("missing numbers that are not a visible incident", String.valueOf(silent.size()), "0", Report.Verdict.of(silent.isEmpty()));
        if (!silent.isEmpty()) {
            section.note("Missing without a visible incident, e.g.: " + String.join(", ", silent.subList(0, Math.min(MAX_LISTED, silent.size()))));
        }

        section.row("visible incidents: reminders recorded as not sent (reminder.state SKIPPED)", notSent.isEmpty() ? "0"
                : notSent.size() + ": " + countBy(notSent, r -> r.template() + (r.refused() ? " refused" : " skipped") + " — "
                        + ImportScenario.abbreviate(String.valueOf(r.note()))));
        section.row("visible incidents: open Camunda incidents (ACT_RU_INCIDENT)", incidents.isEmpty() ? "0"
                : incidents.size() + ": " + countBy(incidents, i -> i.activity() + " (" + i.type() + ")"));
        if (!incidents.isEmpty()) {
            section.note("First incident's message: " + ImportScenario.abbreviate(String.valueOf(incidents.get(0).message())));
        }
        section.row("owner tasks (ACT_RU_TASK)", tasks.isEmpty() ? "0" : tasks.size() + ": " + countBy(tasks,
                t -> t.definitionKey() + (DECLINE_FOLLOW_UP.equals(t.definitionKey()) ? " (a decline's follow-up, expected)" : "")));
        return visible;
    }

    private void addDeclines(Report.Section section, AppRecords records, MailServer mail, List<Decline> declines, Stamp smtpStop,
            Stamp smtpStart, Map<String, List<String>> visible, WhileDown whileDown, Instant due) throws SQLException {
        if (declines.isEmpty()) {
            section.row("declines", "none posted: no number was reached", String.valueOf(options.declines()), Report.Verdict.MISSED);
            return;
        }
        Map<String, String> attendees = records.attendeeStatuses();
        Map<String, String> inbound = records.inboundStatuses();
        Set<String> incidentNumbers = records.incidents().stream().map(AppRecords.Incident::phone).collect(Collectors.toSet());
        List<MailServer.Mail> mails = mail.mails();
        List<DeclineOutcome> outcomes = new ArrayList<>();
        for (Decline d : declines) {
            String written = PhonePool.written(d.number());
            List<FakeTwilio.Text> acks = twilio.textsTo(d.number()).stream()
                    .filter(t -> t.body().contains(DECLINE_ACK_MARK) && t.receivedNanos() >= d.sent().nanos()).toList();
            int ownerMails = (int) mails.stream().filter(m -> subject(m).startsWith(OWNER_DECLINED_MARK) && subject(m).contains(written)).count();
            int forwarded = (int) mails.stream().filter(m -> subject(m).startsWith(OWNER_FORWARDED_MARK) && subject(m).contains(written)).count();
            Double ackSeconds = acks.isEmpty() ? null : (acks.get(0).receivedNanos() - d.sent().nanos()) / 1e9;
            Double mailSeconds = mails.stream().filter(m -> subject(m).startsWith(OWNER_DECLINED_MARK) && subject(m).contains(written))
                    .map(m -> Format.seconds(Duration.between(d.sent().at(), m.receivedAt()))).findFirst().orElse(null);
            outcomes.add(new DeclineOutcome(d.number(), acks.size(), ownerMails, forwarded, attendees.get(d.number()), inbound.get(d.number()),
                    incidentNumbers.contains(d.number()), ackSeconds, mailSeconds));
        }
        int n = declines.size();
        long duringOutage = declines.stream().filter(d -> d.sent().nanos() >= smtpStop.nanos() && d.sent().nanos() < smtpStart.nanos()).count();
        List<AppClient.Answer> refused = declines.stream().map(Decline::answer).filter(a -> a.status() != 200).toList();
        section.row("declines posted (\"NO\", signed webhook, " + DECLINES_PER_SECOND + "/s, by clients who had their request)", n + ", "
                + duringOutage + " of them while SMTP was down; webhook answers other than 200: " + refused.size(), n + " while SMTP is down",
                Report.Verdict.of(duringOutage == n && refused.isEmpty()));
        if (!refused.isEmpty()) {
            section.note("First webhook answer other than 200: HTTP " + refused.get(0).status() + " "
                    + ImportScenario.abbreviate(refused.get(0).body()));
        }

        String seen = "acknowledged " + whileDown.acknowledged() + " of " + n + "; attendees DECLINED " + whileDown.declined()
                + " of " + n + "; follow-up tasks " + whileDown.followUps() + " of " + n;
        if (whileDown.smtpDown()) {
            section.row("what the owner sees of the declines while SMTP is down (T + " + Format.seconds(secondsAfter(due, whileDown.at().at()))
                    + ", " + RECORDED_AFTER.toSeconds() + " s after the last)", seen,
                    "each acknowledged decline DECLINED, with its task",
                    Report.Verdict.of(whileDown.declined() >= whileDown.acknowledged() && whileDown.followUps() >= whileDown.acknowledged()));
        } else {
            section.row("what the owner sees of the declines (T + " + Format.seconds(secondsAfter(due, whileDown.at().at()))
                    + ", SMTP already back)", seen);
        }
        List<DeclineOutcome> notDeclined = outcomes.stream().filter(o -> !"DECLINED".equals(o.attendee())).toList();
        section.row("declining attendees with status DECLINED", (n - notDeclined.size()) + " of " + n + (notDeclined.isEmpty() ? ""
                : "; the others: " + countBy(notDeclined, o -> String.valueOf(o.attendee()))), "all", Report.Verdict.of(notDeclined.isEmpty()));
        section.row("declines' replies as the app's inbound texts record them", countBy(outcomes, o -> String.valueOf(o.inbound())));

        long ackOnce = outcomes.stream().filter(o -> o.acks() == 1).count();
        long ackTwice = outcomes.stream().filter(o -> o.acks() > 1).count();
        List<DeclineOutcome> ackMissing = outcomes.stream().filter(o -> o.acks() == 0).toList();
        long ackMissingSilent = ackMissing.stream().filter(o -> !o.incident()).count();
        section.row("decline acknowledgements (texts \"… " + DECLINE_ACK_MARK + " …\")", "once " + ackOnce + " · twice or more " + ackTwice
                + " · missing " + ackMissing.size() + " (" + (ackMissing.size() - ackMissingSilent) + " with an incident)",
                "once each (or an incident)", Report.Verdict.of(ackTwice == 0 && ackMissingSilent == 0));

        long mailOnce = outcomes.stream().filter(o -> o.ownerMails() == 1).count();
        long mailTwice = outcomes.stream().filter(o -> o.ownerMails() > 1).count();
        List<DeclineOutcome> mailMissing = outcomes.stream().filter(o -> o.ownerMails() == 0).toList();
        long mailMissingWithIncident = mailMissing.stream().filter(DeclineOutcome::incident).count();
        long mailMissingForwarded = mailMissing.stream().filter(o -> !o.incident() && o.forwarded() > 0).count();
        section.row("owner emails \"" + OWNER_DECLINED_MARK + " …\" per decline", "once " + mailOnce + " · twice or more " + mailTwice
                + " · missing " + mailMissing.size() + " (" + mailMissingWithIncident + " with an incident, " + mailMissingForwarded
                + " forwarded to the owner as a text it could not read instead)", "once each (or an incident)",
                Report.Verdict.of(mailTwice == 0 && mailMissingWithIncident == mailMissing.size()));
        long forwardedAny = outcomes.stream().filter(o -> o.forwarded() > 0).count();
        section.row("declines forwarded to the owner as a text the app could not read (\"" + OWNER_FORWARDED_MARK + " …\")",
                String.valueOf(forwardedAny), "0", Report.Verdict.of(forwardedAny == 0));

        Set<String> declineNumbers = outcomes.stream().map(DeclineOutcome::number).map(PhonePool::written).collect(Collectors.toSet());
        Instant lastOwnerMail = mails.stream().filter(m -> subject(m).startsWith(OWNER_DECLINED_MARK))
                .filter(m -> declineNumbers.stream().anyMatch(w -> subject(m).contains(w))).map(MailServer.Mail::receivedAt)
                .max(Instant::compareTo).orElse(null);
        section.row("time from SMTP back to the last owner email", lastOwnerMail == null ? "no owner email"
                : Format.seconds(Format.seconds(Duration.between(smtpStart.at(), lastOwnerMail))));
        section.row("reply → acknowledgement text", Stats.of(outcomes.stream().map(DeclineOutcome::ackSeconds).filter(s -> s != null).toList())
                .summary("s"));
        section.row("reply → owner email", Stats.of(outcomes.stream().map(DeclineOutcome::mailSeconds).filter(s -> s != null).toList())
                .summary("s"));
        List<String> odd = outcomes.stream().filter(o -> o.acks() != 1 || o.ownerMails() != 1 || o.forwarded() > 0)
                .map(o -> o.describe() + (visible.containsKey(o.number()) ? " (" + String.join("; ", visible.get(o.number())) + ")" : ""))
                .toList();
        if (!odd.isEmpty()) {
            section.note("Declines not acknowledged and mailed exactly once (" + odd.size() + "), e.g.: "
                    + String.join(" · ", odd.subList(0, Math.min(MAX_LISTED, odd.size()))));
        }
    }

    private static void addLog(Report.Section section, AppProcess app) {
        List<String> errors = app.logLinesAt("ERROR");
        List<String> warnings = app.logLinesAt("WARN");
        String byLogger = errors.isEmpty() ? "" : ", by logger: " + countBy(errors, FaultsScenario::logger);
        section.row("ERROR lines in the app's log", errors.size() + byLogger + " (and " + warnings.size() + " WARN lines)");
        if (!errors.isEmpty()) {
            section.note("First ERROR line: " + ImportScenario.abbreviate(errors.get(0)));
        }
    }

    /** The logger of a line in Spring Boot's console pattern: the word before " : ". */
    private static String logger(String line) {
        Matcher m = LOGGER.matcher(line);
        return m.find() ? m.group(1) : "?";
    }

    /** e.g. "Task_RecordDecline (failedJob) ×3 · Task_X (failedJob) ×1", most frequent first */
    private static <T> String countBy(Collection<T> items, Function<T, String> key) {
        Map<String, Long> counts = items.stream().collect(Collectors.groupingBy(key, LinkedHashMap::new, Collectors.counting()));
        return counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> e.getKey() + " ×" + e.getValue()).collect(Collectors.joining(" · "));
    }

    private static String subject(MailServer.Mail mail) {
        return mail.subject() == null ? "" : mail.subject();
    }

    private static long millisUntil(Instant at) {
        return Math.max(0, Duration.between(Instant.now(), at).toMillis());
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static double secondsAfter(Instant due, Instant at) {
        return Format.seconds(Duration.between(due, at));
    }
}
