package io.confirmloop.bench;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.awaitility.core.ConditionTimeoutException;

/**
 * (c) Reply latency: clients who got their confirmation request answer "C" through Twilio's signed
 * inbound webhook at a fixed rate. Measured: the webhook's answer time, and the time from posting
 * the reply until the fake Twilio receives the acknowledgement text ("… is confirmed"), which the
 * app sends in the same step as it records the attendee CONFIRMED. Target: p99 < 100 ms.
 */
final class ReplyScenario {

    static final String WEBHOOK_PATH = "/webhooks/twilio/sms";
    private static final String ACK_MARK = "is confirmed";
    private static final double MAX_P99_MS = 100;
    private static final Duration ACK_TIMEOUT = Duration.ofMinutes(2);

    private final AppClient app;
    private final FakeTwilio twilio;
    private final BenchOptions options;
    private final String accountSid;
    private final String authToken;
    private final String ourNumber;
    private final String publicBaseUrl;

    ReplyScenario(AppClient app, FakeTwilio twilio, BenchOptions options, String accountSid, String authToken, String ourNumber) {
        this.app = app;
        this.twilio = twilio;
        this.options = options;
        this.accountSid = accountSid;
        this.authToken = authToken;
        this.ourNumber = ourNumber;
        this.publicBaseUrl = app.baseUrl();
    }

    void run(Report report, List<String> remindedNumbers) throws InterruptedException {
        int wanted = options.replyRate() * options.replySeconds();
        List<String> numbers = remindedNumbers.subList(0, Math.min(wanted, remindedNumbers.size()));
        Progress.say("(c) %d replies at %d/s", numbers.size(), options.replyRate());
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        List<CompletableFuture<AppClient.Answer>> answers = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        CountDownLatch allSent = new CountDownLatch(numbers.size());
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        try {
            ticker.scheduleAtFixedRate(() -> {
                int i = next.getAndIncrement();
                if (i < numbers.size()) {
                    String number = numbers.get(i);
                    Map<String, String> form = reply(number);
                    String signature = TwilioSignature.sign(authToken, publicBaseUrl + WEBHOOK_PATH, form);
                    sentAt.put(number, System.nanoTime());
                    answers.add(app.postForm(WEBHOOK_PATH, form, Map.of("X-Twilio-Signature", signature)));
                    allSent.countDown();
                }
            }, 0, 1_000_000_000L / options.replyRate(), TimeUnit.NANOSECONDS);
            allSent.await();
        } finally {
            ticker.shutdownNow();
        }
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).join();
        List<AppClient.Answer> answered = answers.stream().map(CompletableFuture::join).toList();
        List<Double> webhookMillis = answered.stream().map(AppClient.Answer::millis).toList();
        List<AppClient.Answer> refused = answered.stream().filter(a -> a.status() != 200).toList();

        boolean allAcked;
        try {
            await("acknowledgements").atMost(ACK_TIMEOUT).pollInterval(Duration.ofMillis(250)).pollInSameThread()
                    .until(() -> numbers.stream().allMatch(n -> ack(n, sentAt.get(n)).isPresent()));
            allAcked = true;
        } catch (ConditionTimeoutException e) {
            allAcked = false;
        }
        List<Double> confirmMillis = new ArrayList<>();
        numbers.forEach(n -> ack(n, sentAt.get(n)).ifPresent(t -> confirmMillis.add(Format.millis(t.receivedNanos() - sentAt.get(n)))));
        Stats webhook = Stats.of(webhookMillis);
        Stats confirmed = Stats.of(confirmMillis);
        Progress.say("(c) webhook %s; reply → acknowledgement %s", webhook.summary("ms"), confirmed.summary("ms"));

        Report.Section section = report.section("(c) reply latency: " + numbers.size() + " signed replies \"C\" at "
                + options.replyRate() + "/s");
        section.row("webhook answer", webhook.summary("ms"), "p99 < 100 ms", Report.Verdict.of(webhook.p99() < MAX_P99_MS));
        section.row("webhook answers other than 200", refused.isEmpty() ? "0" : refused.size() + " " + statusCounts(refused), "0",
                Report.Verdict.of(refused.isEmpty()));
        section.row("reply → attendee CONFIRMED (acknowledgement at Twilio)", confirmed.summary("ms"), "p99 < 100 ms",
                Report.Verdict.of(allAcked && confirmed.p99() < MAX_P99_MS));
        section.row("replies without acknowledgement", (numbers.size() - confirmMillis.size()) + " of " + numbers.size()
                + (allAcked ? "" : " after " + ACK_TIMEOUT.toSeconds() + " s"), "0", Report.Verdict.of(allAcked));
        if (!refused.isEmpty()) {
            section.note("First answer other than 200: HTTP " + refused.get(0).status() + " " + ImportScenario.abbreviate(refused.get(0).body())
                    + " (a refused reply is not sent again; Twilio does not retry inbound webhooks by default).");
        }
        section.note("Confirmation time is measured only for replies that got an acknowledgement.");
        if (numbers.size() < wanted) {
            section.note("Only " + numbers.size() + " numbers had their request, fewer than rate × seconds = " + wanted + ".");
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
