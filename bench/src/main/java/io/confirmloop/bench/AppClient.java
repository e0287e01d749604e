package io.confirmloop.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The app's HTTP interfaces the runner uses (DESIGN §3): Camunda's REST API for the account,
 * {@code /api/calendars}, events of the built-in calendar, {@code /api/appointments}, and form posts
 * for webhooks. Every call answers its status, body and how long the answer took.
 */
final class AppClient {

    /** An HTTP answer; status -1 when there was none (connection refused, timeout). */
    record Answer(int status, String body, long nanos) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        double millis() {
            return Format.millis(nanos);
        }
    }

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final String baseUrl;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();

    AppClient(String baseUrl, String user, String password) {
        this.baseUrl = baseUrl;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    String baseUrl() {
        return baseUrl;
    }

    /** An owner's account is a Camunda group (type WORKFLOW) with the user as member. */
    void createAccount(String group, String name, String user) {
        expectOk(send("POST", "/engine-rest/group/create", Map.of("id", group, "name", name, "type", "WORKFLOW")), "create group " + group);
        expectOk(send("PUT", "/engine-rest/group/" + group + "/members/" + user, null), "add " + user + " to " + group);
    }

    /** A built-in calendar in America/New_York owned by {@code group}; answers its id. */
    String createCalendar(String name, String group) {
        return createCalendar(name, group, null);
    }

    /** The same, with the address the owner's notifications go to (null: none). */
    String createCalendar(String name, String group, String notificationEmail) {
        Map<String, Object> calendar = new LinkedHashMap<>();
        calendar.put("name", name);
        calendar.put("provider", "internal");
        calendar.put("timeZone", "America/New_York");
        calendar.put("ownerGroup", group);
        calendar.put("updateDescriptions", false);
        if (notificationEmail != null) {
            calendar.put("notificationEmail", notificationEmail);
        }
        Answer answer = expectOk(send("POST", "/api/calendars", calendar), "create calendar " + name);
        return read(answer).path("id").asText();
    }

    Answer createEvent(String calendarId, String title, Instant start, Instant end) {
        return send("POST", "/api/calendars/" + calendarId + "/events", event(title, start, end));
    }

    Answer updateEvent(String calendarId, String eventId, String title, Instant start, Instant end) {
        return send("PUT", "/api/calendars/" + calendarId + "/events/" + eventId, event(title, start, end));
    }

    /** The id in a created event's answer. */
    String idOf(Answer answer) {
        return read(answer).path("id").asText();
    }

    /** Appointments of one calendar (or of every visible calendar when null) overlapping [from, to). */
    List<JsonNode> appointments(String calendarId, Instant from, Instant to) {
        String query = "?from=" + from + "&to=" + to + (calendarId == null ? "" : "&calendarId=" + encode(calendarId));
        Answer answer = expectOk(send("GET", "/api/appointments" + query, null), "list appointments");
        List<JsonNode> list = new ArrayList<>();
        read(answer).forEach(list::add);
        return list;
    }

    /**
     * Items this node took from one of its work queues and handled ({@code confirmloop.queue.items}
     * of the metrics endpoint), or -1 if it could not be read.
     */
    long queueItemsHandled(String queue) {
        Answer answer = get("/actuator/metrics/confirmloop.queue.items?tag=queue:" + queue + "&tag=outcome:handled");
        if (answer.status() != 200) {
            return -1;
        }
        return (long) read(answer).path("measurements").path(0).path("value").asDouble(-1);
    }

    /** A GET of the API, e.g. the messaging report, with its answer time. */
    Answer get(String pathAndQuery) {
        return send("GET", pathAndQuery, null);
    }

    /** A form post (webhooks), sent without waiting; the answer carries its own round-trip time. */
    CompletableFuture<Answer> postForm(String path, Map<String, String> form, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Forms.encode(form)));
        headers.forEach(request::header);
        long started = System.nanoTime();
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .handle((response, failure) -> response == null
                        ? new Answer(-1, String.valueOf(failure), System.nanoTime() - started)
                        : new Answer(response.statusCode(), response.body(), System.nanoTime() - started));
    }

    private Answer send(String method, String path, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT)
                .header("Authorization", authorization).header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(write(body)));
        }
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), System.nanoTime() - started);
        } catch (IOException e) {
            return new Answer(-1, e.toString(), System.nanoTime() - started);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, "interrupted", System.nanoTime() - started);
        }
    }

    private static Map<String, Object> event(String title, Instant start, Instant end) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("title", title);
        event.put("start", start.toString());
        event.put("end", end.toString());
        return event;
    }

    private static Answer expectOk(Answer answer, String what) {
        if (!answer.ok()) {
            throw new IllegalStateException("Could not " + what + ": HTTP " + answer.status() + " " + answer.body());
        }
        return answer;
    }

    JsonNode read(Answer answer) {
        try {
            return json.readTree(answer.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Not JSON: " + answer.body(), e);
        }
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
