package io.confirmloop.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Twilio's Messages API as far as ConfirmLoop (and the raw-engine baseline) use it, on loopback:
 * {@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json} answers 201 with Twilio's documented
 * Message JSON (status {@code queued}); {@code GET} of the same path lists what was accepted, newest
 * first, filtered by {@code To}, {@code From} and {@code DateSent}. Requests need HTTP Basic with the
 * account SID and auth token, as Twilio does. Every accepted text is stamped when it arrived
 * ({@link System#nanoTime()} and wall clock) so the runner can measure lateness, duplicates and
 * missing texts. No status callbacks are sent.
 * <p>
 * It can have more than one address ({@link #entrance}): the same fake, account and texts on
 * another port, so that each of several app processes can be given its own and their texts told
 * apart.
 * <p>
 * A storm ({@link #storm}) refuses every {@code POST} of texts for a while, as Twilio does when it
 * throttles or fails: 429 and 5xx in turn (429, 500, 429, 503, …), each with Twilio's error JSON.
 * Refused requests are counted ({@link #refusals}) and are not texts; listing keeps working.
 */
final class FakeTwilio implements AutoCloseable {

    /**
     * One accepted text, stamped on arrival.
     *
     * @param entrance the address it came through: {@link #MAIN}, or the name given to {@link #entrance}
     */
    record Text(String sid, String to, String from, String body, long receivedNanos, Instant receivedAt, String entrance) {
    }

    /**
     * A {@code POST} of a text refused during a storm, stamped on arrival.
     *
     * @param status the HTTP status it was answered with: 429, 500 or 503
     */
    record Refusal(String to, int status, long receivedNanos, Instant receivedAt) {
    }

    /** An error answer of Twilio's: HTTP status, Twilio's error code and message. */
    private record ErrorAnswer(int status, int code, String message) {
    }

    /** A storm's answers in turn: 429, 500, 429, 503, … */
    private static final List<ErrorAnswer> STORM_ERRORS = List.of(new ErrorAnswer(429, 20429, "Too Many Requests"),
            new ErrorAnswer(500, 20500, "Internal Server Error"), new ErrorAnswer(429, 20429, "Too Many Requests"),
            new ErrorAnswer(503, 20503, "Service Unavailable"));

    /** The entrance of {@link #baseUrl()}. */
    static final String MAIN = "main";

    private static final String API_VERSION = "2010-04-01";
    private static final DateTimeFormatter RFC_2822 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US)
            .withZone(ZoneOffset.UTC);

    private final String accountSid;
    private final String basicAuth;
    private final String messagesPath;
    private final HttpServer server;
    private final List<HttpServer> entrances = new CopyOnWriteArrayList<>();
    private final ExecutorService workers;
    private final ObjectMapper json = new ObjectMapper();
    private final Queue<Text> texts = new ConcurrentLinkedQueue<>();
    private final Map<String, Deque<Text>> textsByTo = new ConcurrentHashMap<>();
    private final Queue<Refusal> refusals = new ConcurrentLinkedQueue<>();
    private final AtomicLong stormAnswers = new AtomicLong();
    private volatile Instant stormFrom = Instant.MAX;
    private volatile Instant stormUntil = Instant.MIN;

    static {
        // Answer at once: without TCP_NODELAY the JDK server's small writes wait for the client's
        // delayed ACK, about 40 ms per request, which would cap both the app and the plain engine.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private FakeTwilio(String accountSid, String authToken, int threads) throws IOException {
        this.accountSid = accountSid;
        this.basicAuth = "Basic " + Base64.getEncoder().encodeToString((accountSid + ":" + authToken).getBytes(StandardCharsets.UTF_8));
        this.messagesPath = "/" + API_VERSION + "/Accounts/" + accountSid + "/Messages.json";
        this.workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "fake-twilio");
            t.setDaemon(true);
            return t;
        });
        this.server = listen(MAIN);
    }

    private HttpServer listen(String entrance) throws IOException {
        HttpServer listening = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        listening.setExecutor(workers);
        listening.createContext("/", exchange -> handle(exchange, entrance));
        listening.start();
        return listening;
    }

    static FakeTwilio start(String accountSid, String authToken, int threads) throws IOException {
        return new FakeTwilio(accountSid, authToken, threads);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String messagesUrl() {
        return baseUrl() + messagesPath;
    }

    /**
     * Opens another address of this fake, on a port of its own, and answers its base URL. Texts
     * that arrive through it carry {@code name} as their {@link Text#entrance()}.
     */
    String entrance(String name) throws IOException {
        HttpServer listening = listen(name);
        entrances.add(listening);
        return "http://127.0.0.1:" + listening.getAddress().getPort();
    }

    /** The accepted texts that match, in arrival order. */
    List<Text> texts(Predicate<Text> filter) {
        return texts.stream().filter(filter).toList();
    }

    /** The accepted texts to one number, in arrival order. */
    List<Text> textsTo(String to) {
        List<Text> list = new ArrayList<>(textsByTo.getOrDefault(to, new ConcurrentLinkedDeque<>()));
        list.sort(Comparator.comparingLong(Text::receivedNanos));
        return list;
    }

    /**
     * From {@code from} for {@code length}, every {@code POST} of a text is refused: 429 and 5xx in
     * turn. Set once the due instant is known; requests stamped in [from, from + length) are refused.
     */
    void storm(Instant from, Duration length) {
        stormUntil = from.plus(length);
        stormFrom = from;
    }

    /** The {@code POST}s refused by storms, in arrival order. */
    List<Refusal> refusals() {
        return List.copyOf(refusals);
    }

    @Override
    public void close() {
        entrances.forEach(e -> e.stop(0));
        server.stop(0);
        workers.shutdownNow();
    }

    private void handle(HttpExchange exchange, String entrance) throws IOException {
        long receivedNanos = System.nanoTime();
        Instant receivedAt = Instant.now();
        try (exchange) {
            try {
                dispatch(exchange, receivedNanos, receivedAt, entrance);
            } catch (RuntimeException e) {
                Progress.say("fake Twilio could not answer %s %s: %s", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                error(exchange, 500, 20500, "Internal Server Error");
            }
        }
    }

    private void dispatch(HttpExchange exchange, long receivedNanos, Instant receivedAt, String entrance) throws IOException {
        if (!messagesPath.equals(exchange.getRequestURI().getPath())) {
            error(exchange, 404, 20404, "The requested resource " + exchange.getRequestURI().getPath() + " was not found");
        } else if (!basicAuth.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            error(exchange, 401, 20003, "Authenticate");
        } else if ("POST".equals(exchange.getRequestMethod())) {
            create(exchange, receivedNanos, receivedAt, entrance);
        } else if ("GET".equals(exchange.getRequestMethod())) {
            list(exchange);
        } else {
            error(exchange, 405, 20004, "Method not allowed");
        }
    }

    private void create(HttpExchange exchange, long receivedNanos, Instant receivedAt, String entrance) throws IOException {
        Map<String, String> form = Forms.decode(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String to = form.get("To");
        String from = form.get("From");
        String service = form.get("MessagingServiceSid");
        String body = form.get("Body");
        if (to == null || to.isBlank()) {
            error(exchange, 400, 21604, "A 'To' phone number is required.");
        } else if ((from == null || from.isBlank()) && (service == null || service.isBlank())) {
            error(exchange, 400, 21603, "A 'From' phone number is required.");
        } else if (body == null || body.isBlank()) {
            error(exchange, 400, 21602, "Message body is required.");
        } else if (!receivedAt.isBefore(stormFrom) && receivedAt.isBefore(stormUntil)) {
            refuse(exchange, to, receivedNanos, receivedAt);
        } else {
            Text text = new Text("SM" + HexFormat.of().formatHex(randomBytes(16)), to, from, body, receivedNanos, receivedAt,
                    entrance);
            texts.add(text);
            textsByTo.computeIfAbsent(to, k -> new ConcurrentLinkedDeque<>()).addFirst(text);
            respond(exchange, 201, message(text, service, "queued", false));
        }
    }

    /** A storm's answer: the next of 429, 500, 429, 503 with Twilio's error JSON. */
    private void refuse(HttpExchange exchange, String to, long receivedNanos, Instant receivedAt) throws IOException {
        ErrorAnswer answer = STORM_ERRORS.get((int) (stormAnswers.getAndIncrement() % STORM_ERRORS.size()));
        refusals.add(new Refusal(to, answer.status(), receivedNanos, receivedAt));
        error(exchange, answer.status(), answer.code(), answer.message());
    }

    /** Newest first, like Twilio; once listed, a text counts as sent (it has a date_sent). */
    private void list(HttpExchange exchange) throws IOException {
        Map<String, String> query = Forms.decode(exchange.getRequestURI().getRawQuery());
        int pageSize = Math.max(1, Math.min(1000, Integer.parseInt(query.getOrDefault("PageSize", "50"))));
        int page = Integer.parseInt(query.getOrDefault("Page", "0"));
        String to = query.get("To");
        List<Text> candidates = new ArrayList<>(to == null ? reversed(texts) : textsByTo.getOrDefault(to, new ConcurrentLinkedDeque<>()));
        List<Text> matching = candidates.stream()
                .filter(t -> query.get("From") == null || query.get("From").equals(t.from()))
                .filter(t -> dateSentMatches(t, query))
                .toList();
        int first = Math.min(matching.size(), page * pageSize);
        int last = Math.min(matching.size(), first + pageSize);
        ObjectNode answer = json.createObjectNode();
        ArrayNode messages = answer.putArray("messages");
        matching.subList(first, last).forEach(t -> messages.add(message(t, null, "sent", true)));
        answer.put("end", Math.max(first, last - 1));
        answer.put("first_page_uri", pageUri(query, pageSize, 0));
        answer.put("next_page_uri", last < matching.size() ? pageUri(query, pageSize, page + 1) : null);
        answer.put("page", page);
        answer.put("page_size", pageSize);
        answer.put("previous_page_uri", page > 0 ? pageUri(query, pageSize, page - 1) : null);
        answer.put("start", first);
        answer.put("uri", pageUri(query, pageSize, page));
        respond(exchange, 200, answer);
    }

    /** A page of the same list: the filters kept, like Twilio's page URIs. */
    private String pageUri(Map<String, String> query, int pageSize, int page) {
        Map<String, String> params = new LinkedHashMap<>(query);
        params.put("PageSize", String.valueOf(pageSize));
        params.put("Page", String.valueOf(page));
        return messagesPath + "?" + Forms.encode(params);
    }

    private ObjectNode message(Text text, String messagingServiceSid, String status, boolean sent) {
        String created = RFC_2822.format(text.receivedAt());
        String uri = "/" + API_VERSION + "/Accounts/" + accountSid + "/Messages/" + text.sid();
        ObjectNode message = json.createObjectNode();
        message.put("account_sid", accountSid);
        message.put("api_version", API_VERSION);
        message.put("body", text.body());
        message.put("date_created", created);
        message.put("date_sent", sent ? created : null);
        message.put("date_updated", created);
        message.put("direction", "outbound-api");
        message.putNull("error_code");
        message.putNull("error_message");
        message.put("from", text.from());
        message.put("messaging_service_sid", messagingServiceSid);
        message.put("num_media", "0");
        message.put("num_segments", String.valueOf(Math.max(1, (text.body().length() + 152) / 153)));
        message.putNull("price");
        message.put("price_unit", "USD");
        message.put("sid", text.sid());
        message.put("status", status);
        message.putObject("subresource_uris").put("media", uri + "/Media.json");
        message.put("to", text.to());
        message.put("uri", uri + ".json");
        return message;
    }

    /** {@code DateSent}, {@code DateSent<} and {@code DateSent>}: a date (YYYY-MM-DD) or an ISO-8601 instant. */
    private static boolean dateSentMatches(Text text, Map<String, String> query) {
        Instant sent = text.receivedAt();
        LocalDate day = sent.atZone(ZoneOffset.UTC).toLocalDate();
        for (String filter : List.of("DateSent", "DateSent<", "DateSent>")) {
            String value = query.get(filter);
            if (value == null) {
                continue;
            }
            boolean dateOnly = value.length() == 10;
            int cmp = dateOnly ? day.compareTo(LocalDate.parse(value)) : sent.compareTo(OffsetDateTime.parse(value).toInstant());
            boolean ok = switch (filter) {
                case "DateSent" -> cmp == 0;
                case "DateSent<" -> dateOnly ? cmp <= 0 : cmp < 0;
                default -> dateOnly ? cmp >= 0 : cmp > 0;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private void error(HttpExchange exchange, int status, int code, String message) throws IOException {
        ObjectNode error = json.createObjectNode();
        error.put("code", code);
        error.put("message", message);
        error.put("more_info", "https://www.twilio.com/docs/errors/" + code);
        error.put("status", status);
        respond(exchange, status, error);
    }

    private void respond(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static List<Text> reversed(Queue<Text> texts) {
        List<Text> all = new ArrayList<>(texts);
        Collections.reverse(all);
        return all;
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
