package io.confirmloop.bench;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import org.awaitility.core.ConditionTimeoutException;

/**
 * (c) Reply latency: clients who got their confirmation request answer "C" through Twilio's signed
 * inbound webhook at a fixed rate. Measured: the webhook's answer time; the time from posting the
 * reply until the attendee is CONFIRMED (the {@code updated_at} the app wrote with the change, on
 * the same machine's clock as the runner's own timestamp of the post); and the time until the fake
 * Twilio receives the acknowledgement text ("… is confirmed"), which the model sends right after.
 * Target: p99 < 100 ms for the webhook and for CONFIRMED.
 * <p>
 * Three rounds, each {@code reply-rate × reply-seconds} replies from different clients: the first
 * right after the burst, while the app's models still catch up with it; the second once every
 * model has caught up, with the burst's appointments waiting for their answers (the steady state
 * the target speaks of); the third the same again. The app was started for the run, so the first
 * replies it ever takes are also the JIT compiler's first sight of the reply path, which on 2 cores
 * costs up to a core for a minute; the third round is the steady state of an app that has been
 * answering replies for a while. Each round also reads, from the app's database, how long the app took
 * from storing a reply to handing it over, and how many replies needed more than one attempt.
 */
final class ReplyScenario {

    static final String WEBHOOK_PATH = "/webhooks/twilio/sms";
    private static final String ACK_MARK = "is confirmed";
    private static final double MAX_P99_MS = 100;
    private static final Duration ACK_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofMinutes(20);
    private static final String MODELS_BEHIND = "select count(*) from reminder where model_pending";
    private static final String WAITING = "select count(*) from attendee where awaiting_reply and not removed";
    private static final String CONFIRMED = """
            select phone, extract(epoch from updated_at) * 1000000 from attendee
            where status = 'CONFIRMED' and not removed and phone = any (?)""";
    private static final String HANDED_OVER = """
            select extract(epoch from (updated_at - created_at)) * 1000, correlation_attempts from message
            where direction = 'IN' and status = 'PROCESSED' and provider_id = any (?)""";

    private final AppClient app;
    private final FakeTwilio twilio;
    private final BenchOptions options;
    private final String accountSid;
    private final String authToken;
    private final String ourNumber;
    private final String publicBaseUrl;
    private final String jdbcUrl;

    ReplyScenario(AppClient app, FakeTwilio twilio, BenchOptions options, String accountSid, String authToken, String ourNumber,
            String jdbcUrl) {
        this.app = app;
        this.twilio = twilio;
        this.options = options;
        this.accountSid = accountSid;
        this.authToken = authToken;
        this.ourNumber = ourNumber;
        this.publicBaseUrl = app.baseUrl();
        this.jdbcUrl = jdbcUrl;
    }

    void run(Report report, List<String> remindedNumbers) throws InterruptedException, SQLException {
        int wanted = options.replyRate() * options.replySeconds();
        int each = Math.min(wanted, remindedNumbers.size() / 3);
        long behind = count(MODELS_BEHIND);
        round(report, "while the models catch up with the burst (" + behind + " of them still to be told)", remindedNumbers.subList(0, each),
                wanted);
        Progress.say("(c) waiting until every model has caught up with the burst");
        Instant waitFrom = Instant.now();
        try {
            await("models caught up").atMost(CATCH_UP_TIMEOUT).pollInterval(Duration.ofSeconds(1)).pollInSameThread()
                    .until(() -> count(MODELS_BEHIND) == 0);
        } catch (ConditionTimeoutException e) {
            report.section("(c) reply latency, steady state").note("The models had not caught up after " + CATCH_UP_TIMEOUT.toMinutes()
                    + " min (" + count(MODELS_BEHIND) + " left); the second round did not run.");
            return;
        }
        Progress.say("(c) caught up after %d s more", Duration.between(waitFrom, Instant.now()).toSeconds());
        round(report, "steady state, " + count(WAITING) + " attendees waiting for an answer", remindedNumbers.subList(each, 2 * each),
                wanted);
        round(report, "steady state again, the reply path now compiled by the JIT, " + count(WAITING) + " attendees waiting for an answer",
                remindedNumbers.subList(2 * each, 3 * each), wanted);
    }

    private void round(Report report, String when, List<String> numbers, int wanted) throws InterruptedException, SQLException {
        Progress.say("(c) %d replies at %d/s, %s", numbers.size(), options.replyRate(), when);
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Map<String, Long> sentAtMicros = new ConcurrentHashMap<>();
        Map<String, String> messageSids = new ConcurrentHashMap<>();
        List<CompletableFuture<AppClient.Answer>> answers = Collections.synchronizedList(new ArrayList<>());
        Paced.forEach(numbers, options.replyRate(), number -> {
            Map<String, String> form = reply(number);
            messageSids.put(number, form.get("MessageSid"));
            String signature = TwilioSignature.sign(authToken, publicBaseUrl + WEBHOOK_PATH, form);
            Instant now = Instant.now();
            sentAtMicros.put(number, now.getEpochSecond() * 1_000_000 + now.getNano() / 1000);
            sentAt.put(number, System.nanoTime());
            answers.add(app.postForm(WEBHOOK_PATH, form, Map.of("X-Twilio-Signature", signature)));
        });
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).join();
        List<AppClient.Answer> answered = answers.stream().map(CompletableFuture::join).toList();
        List<Double> webhookMillis = answered.stream().map(AppClient.Answer::millis).toList();
        List<AppClient.Answer> refused = answered.stream().filter(a -> a.status() != 200).toList();

        boolean allAcked;
        Map<String, Long> confirmedAtMicros = new ConcurrentHashMap<>();
        try {
            await("confirmations and acknowledgements").atMost(ACK_TIMEOUT).pollInterval(Duration.ofMillis(250)).pollInSameThread()
                    .until(() -> {
                        confirmedAtMicros.putAll(confirmed(numbers));
                        return confirmedAtMicros.size() == numbers.size() && numbers.stream().allMatch(n -> ack(n, sentAt.get(n)).isPresent());
                    });
            allAcked = true;
        } catch (ConditionTimeoutException e) {
            allAcked = false;
        }
        List<Double> toConfirmedMillis = confirmedAtMicros.entrySet().stream()
                .map(e -> (e.getValue() - sentAtMicros.get(e.getKey())) / 1000.0).toList();
        List<Double> confirmMillis = new ArrayList<>();
        numbers.forEach(n -> ack(n, sentAt.get(n)).ifPresent(t -> confirmMillis.add(Format.millis(t.receivedNanos() - sentAt.get(n)))));
        Stats webhook = Stats.of(webhookMillis);
        Stats acknowledged = Stats.of(confirmMillis);
        Stats confirmed = Stats.of(toConfirmedMillis);
        HandOvers handOvers = handOvers(List.copyOf(messageSids.values()));
        Progress.say("(c) webhook %s; reply → CONFIRMED %s; → acknowledgement %s", webhook.summary("ms"), confirmed.summary("ms"),
                acknowledged.summary("ms"));

        Report.Section section = report.section("(c) reply latency: " + numbers.size() + " signed replies \"C\" at "
                + options.replyRate() + "/s, " + when);
        section.row("webhook answer", webhook.summary("ms"), "p99 < 100 ms", Report.Verdict.of(webhook.p99() < MAX_P99_MS));
        section.row("webhook answers other than 200", refused.isEmpty() ? "0" : refused.size() + " " + statusCounts(refused), "0",
                Report.Verdict.of(refused.isEmpty()));
        section.row("reply → attendee CONFIRMED (the app's time of the change)", confirmed.summary("ms"), "p99 < 100 ms",
                Report.Verdict.of(confirmed.count() == numbers.size() && confirmed.p99() < MAX_P99_MS));
        section.row("reply → acknowledgement text at Twilio", acknowledged.summary("ms"));
        section.row("replies not confirmed or not acknowledged", (numbers.size() - confirmed.count()) + " / "
                + (numbers.size() - confirmMillis.size()) + " of " + numbers.size() + (allAcked ? "" : " after " + ACK_TIMEOUT.toSeconds() + " s"),
                "0 / 0", Report.Verdict.of(allAcked));
        section.row("in the app: reply stored → handed over (message row)", handOvers.millis().summary("ms"));
        section.row("replies handed over only at a later attempt", handOvers.retried() + " of " + handOvers.millis().count());
        if (!refused.isEmpty()) {
            section.note("First answer other than 200: HTTP " + refused.get(0).status() + " " + ImportScenario.abbreviate(refused.get(0).body())
                    + " (a refused reply is not sent again; Twilio does not retry inbound webhooks by default).");
        }
        section.note("CONFIRMED: the attendee row's updated_at, written by the app in the transaction that hands the reply over, less the "
                + "runner's clock when it posted the reply (one machine, one clock). Times are measured only for replies that got there.");
        if (numbers.size() < wanted) {
            section.note("Only " + numbers.size() + " numbers for this round, fewer than rate × seconds = " + wanted
                    + " (each round needs its own clients: the burst should reach at least three times that).");
        }
    }

    /** The app's own times from storing each reply to marking it handed over, and how many took more than one attempt. */
    private record HandOvers(Stats millis, int retried) {
    }

    private HandOvers handOvers(List<String> messageSids) throws SQLException {
        List<Double> millis = new ArrayList<>();
        int retried = 0;
        try (Connection c = DriverManager.getConnection(jdbcUrl, Database.USER, Database.PASSWORD);
                PreparedStatement s = c.prepareStatement(HANDED_OVER)) {
            s.setArray(1, c.createArrayOf("varchar", messageSids.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    millis.add(rs.getDouble(1));
                    retried += rs.getInt(2) > 0 ? 1 : 0;
                }
            }
        }
        return new HandOvers(Stats.of(millis), retried);
    }

    /** Epoch microseconds at which each of these numbers' attendee became CONFIRMED. */
    private Map<String, Long> confirmed(List<String> numbers) throws SQLException {
        Map<String, Long> at = new HashMap<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, Database.USER, Database.PASSWORD);
                PreparedStatement s = c.prepareStatement(CONFIRMED)) {
            s.setArray(1, c.createArrayOf("varchar", numbers.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    at.put(rs.getString(1), (long) rs.getDouble(2));
                }
            }
        }
        return at;
    }

    private long count(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, Database.USER, Database.PASSWORD); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** e.g. "(HTTP 500 ×31)" */
    private static String statusCounts(List<AppClient.Answer> answers) {
        return answers.stream().collect(Collectors.groupingBy(AppClient.Answer::status, TreeMap::new, Collectors.counting()))
                .entrySet().stream().map(e -> (e.getKey() < 0 ? "no answer" : "HTTP " + e.getKey()) + " ×" + e.getValue())
                .collect(Collectors.joining(", ", "(", ")"));
    }

    /** The first acknowledgement to {@code number} that arrived after its reply was posted. */
    private Optional<FakeTwilio.Text> ack(String number, long sentNanos) {
        return twilio.textsTo(number).stream().filter(t -> t.body().contains(ACK_MARK) && t.receivedNanos() >= sentNanos).findFirst();
    }

    /** An inbound message as Twilio posts it (only the fields the brief names; all are signed). */
    private Map<String, String> reply(String from) {
        Map<String, String> form = new TreeMap<>();
        form.put("MessageSid", "SM" + HexFormat.of().formatHex(randomBytes()));
        form.put("AccountSid", accountSid);
        form.put("From", from);
        form.put("To", ourNumber);
        form.put("Body", "C");
        return form;
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
