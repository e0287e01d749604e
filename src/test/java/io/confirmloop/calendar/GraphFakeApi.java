package io.confirmloop.calendar;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import io.confirmloop.calendar.GraphFakeMailbox.Item;

/**
 * The HTTP side of {@link GraphFake}: Graph v1.0's URLs over one mailbox, the bearer token checked
 * first, then calendars, calendarView, its delta rounds (skip and delta tokens kept here, as Graph
 * keeps sync state server-side) and single events, answered in Graph's JSON and error format.
 */
final class GraphFakeApi {

    private static final int DEFAULT_PAGE = 10;
    private static final int MAX_PAGE = 1000;

    private record Window(String calendarId, Instant from, Instant to) {
    }

    /** A round of delta pages in progress ({@code $skiptoken}), or a finished one's state ({@code $deltatoken}). */
    private record Round(Window window, List<String> ids, int offset, long seq) {
    }
    private final ObjectMapper json = new ObjectMapper();
    private final GraphFakeMailbox mailbox;
    private final GraphFakeTokens tokens;
    private final String baseUrl;
    private final Map<String, Round> skipTokens = new HashMap<>();
    private final Map<String, Round> deltaTokens = new HashMap<>();

    GraphFakeApi(GraphFakeMailbox mailbox, GraphFakeTokens tokens, String baseUrl) {
        this.mailbox = mailbox;
        this.tokens = tokens;
        this.baseUrl = baseUrl;
    }

    /** Every delta and skip token handed out so far is forgotten (410 from now on). */
    void expireCursors() {
        skipTokens.clear();
        deltaTokens.clear();
    }

    ResponseDefinition answer(Request request) {
        String raw = request.getUrl();
        String path = raw.contains("?") ? raw.substring(0, raw.indexOf('?')) : raw;
        Map<String, String> query = query(raw.contains("?") ? raw.substring(raw.indexOf('?') + 1) : "");
        String method = request.getMethod().getName();
        if (path.equals(GraphFake.TOKEN_PATH) && method.equals("POST")) {
            return tokens.answer(request);
        }
        if (!path.startsWith("/v1.0/")) {
            return graphError(400, "BadRequest", "Invalid version.");
        }
        String auth = request.getHeader("Authorization");
        if (auth == null || !auth.startsWith("Bearer ") || auth.length() == 7) {
            return unauthorized("Access token is empty.");
        }
        if (!tokens.accepts(auth.substring(7))) {
            return unauthorized("Lifetime validation failed, the token is expired.");
        }
        List<String> s = Arrays.stream(path.substring("/v1.0/".length()).split("/")).map(p -> URLDecoder.decode(p, StandardCharsets.UTF_8))
                .toList();
        GraphFakeRequest r = new GraphFakeRequest(request, query, json);
        if (s.size() == 2 && is(s, 0, "me") && is(s, 1, "calendars") && method.equals("GET")) {
            return calendars(r);
        }
        if (s.size() >= 4 && is(s, 0, "me") && is(s, 1, "calendars")) {
            GraphFakeMailbox.Cal calendar = mailbox.calendar(s.get(2));
            if (calendar == null) {
                return graphError(404, "ErrorItemNotFound", "The specified object was not found in the store.");
            }
            if (s.size() == 5 && is(s, 3, "calendarView") && is(s, 4, "delta") && method.equals("GET")) {
                return delta(r, calendar.id());
            }
            if (s.size() == 4 && is(s, 3, "calendarView") && method.equals("GET")) {
                return calendarView(r, calendar.id());
            }
            if (s.size() == 4 && is(s, 3, "events") && method.equals("POST")) {
                return new GraphFakeWrites(mailbox, r).create(calendar);
            }
        }
        if (s.size() == 3 && is(s, 0, "me") && is(s, 1, "events")) {
            return event(r, s.get(2), method);
        }
        return graphError(400, "BadRequest", "Resource not found for the segment '" + s.get(s.size() - 1) + "'.");
    }

    private ResponseDefinition calendars(GraphFakeRequest r) {
        int top = r.intParam("$top", DEFAULT_PAGE);
        int skip = r.intParam("$skip", 0);
        List<GraphFakeMailbox.Cal> all = mailbox.calendars;
        ObjectNode body = json.createObjectNode();
        body.put("@odata.context", base() + "/v1.0/$metadata#users('" + GraphFakeMailbox.OWNER + "')/calendars");
        all.subList(Math.min(skip, all.size()), Math.min(skip + top, all.size())).forEach(c -> body.withArray("value").add(mailbox.render(c,
                r.select())));
        if (skip + top < all.size()) {
            body.put("@odata.nextLink", base() + "/v1.0/me/calendars?" + (r.query().containsKey("$select") ? "$select="
                    + enc(r.query().get("$select")) + "&" : "") + "$top=" + top + "&$skip=" + (skip + top));
        }
        return r.ok(200, body);
    }

    private ResponseDefinition calendarView(GraphFakeRequest r, String calendarId) {
        Window window = window(r, calendarId);
        if (window == null) {
            return noWindow();
        }
        int size = Math.min(MAX_PAGE, r.maxPageSize().orElse(r.intParam("$top", DEFAULT_PAGE)));
        int skip = r.intParam("$skip", 0);
        List<Item> all = mailbox.view(calendarId, window.from(), window.to());
        ObjectNode body = json.createObjectNode();
        body.put("@odata.context", base() + "/v1.0/$metadata#users('" + GraphFakeMailbox.OWNER + "')/calendars('" + calendarId
                + "')/calendarView");
        all.subList(Math.min(skip, all.size()), Math.min(skip + size, all.size()))
                .forEach(i -> body.withArray("value").add(r.render(mailbox, i, r.select())));
        body.withArray("value");
        if (skip + size < all.size()) {
            body.put("@odata.nextLink", base() + "/v1.0/me/calendars/" + enc(calendarId) + "/calendarView?startDateTime="
                    + enc(window.from().toString()) + "&endDateTime=" + enc(window.to().toString()) + "&$skip=" + (skip + size));
        }
        return r.ok(200, body);
    }

    private ResponseDefinition delta(GraphFakeRequest r, String calendarId) {
        String skipToken = r.query().get("$skiptoken");
        String deltaToken = r.query().get("$deltatoken");
        Round round;
        if (skipToken != null || deltaToken != null) {
            Round known = skipToken != null ? skipTokens.get(skipToken) : deltaTokens.get(deltaToken);
            if (known == null || !known.window().calendarId().equals(calendarId)) {
                return syncStateNotFound(calendarId);
            }
            round = skipToken != null ? known : new Round(known.window(), mailbox.changedSince(calendarId, known.seq()).stream()
                    .map(i -> i.id).toList(), 0, mailbox.seq());
        } else {
            Window window = window(r, calendarId);
            if (window == null) {
                return noWindow();
            }
            round = new Round(window, mailbox.view(calendarId, window.from(), window.to()).stream().map(i -> i.id).toList(), 0,
                    mailbox.seq());
        }
        int size = Math.min(MAX_PAGE, r.maxPageSize().orElse(DEFAULT_PAGE));
        int end = Math.min(round.offset() + size, round.ids().size());
        ObjectNode body = json.createObjectNode();
        body.put("@odata.context", base() + "/v1.0/$metadata#Collection(event)");
        String link = base() + "/v1.0/me/calendars/" + enc(calendarId) + "/calendarView/delta?";
        String token = UUID.randomUUID().toString().replace("-", "");
        if (end < round.ids().size()) {
            skipTokens.put(token, new Round(round.window(), round.ids(), end, round.seq()));
            body.put("@odata.nextLink", link + "$skiptoken=" + token);
        } else {
            deltaTokens.put(token, new Round(round.window(), List.of(), 0, round.seq()));
            body.put("@odata.deltaLink", link + "$deltatoken=" + token);
        }
        for (String id : round.ids().subList(round.offset(), end)) {
            Item item = mailbox.items.get(id);
            boolean gone = item.deleted || !item.overlaps(round.window().from(), round.window().to());
            body.withArray("value").add(gone ? mailbox.removed(id) : r.render(mailbox, item, null));
        }
        body.withArray("value");
        return r.ok(200, body);
    }

    private ResponseDefinition event(GraphFakeRequest r, String id, String method) {
        if (!id.matches("AAMk[A-Za-z0-9_=-]+")) {
            return graphError(400, "ErrorInvalidIdMalformed", "Id is malformed.");
        }
        Item item = mailbox.live(id);
        if (item == null) {
            return graphError(404, "ErrorItemNotFound", "The specified object was not found in the store.");
        }
        return switch (method) {
            case "GET" -> r.ok(200, r.render(mailbox, item, r.select()));
            case "DELETE" -> {
                mailbox.delete(item);
                yield ResponseDefinitionBuilder.responseDefinition().withStatus(204).build();
            }
            case "PATCH" -> new GraphFakeWrites(mailbox, r).update(item);
            default -> graphError(405, "ErrorInvalidRequest", "The OData request is not supported.");
        };
    }

    private Window window(GraphFakeRequest r, String calendarId) {
        Instant from = r.instantParam("startdatetime");
        Instant to = r.instantParam("enddatetime");
        return from == null || to == null ? null : new Window(calendarId, from, to);
    }

    private ResponseDefinition noWindow() {
        return graphError(400, "ErrorInvalidParameter",
                "This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.");
    }

    private ResponseDefinition syncStateNotFound(String calendarId) {
        return ResponseDefinitionBuilder.like(graphError(410, "SyncStateNotFound",
                "The sync state generation is not found. The delta token is expired and data must be synchronized again."))
                .withHeader("Location", base() + "/v1.0/me/calendars/" + enc(calendarId) + "/calendarView/delta?$deltatoken=").build();
    }

    private ResponseDefinition unauthorized(String message) {
        return ResponseDefinitionBuilder.like(graphError(401, "InvalidAuthenticationToken", message)).withHeader("WWW-Authenticate",
                "Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", "
                        + "client_id=\"00000003-0000-0000-c000-000000000000\"").build();
    }

    /** Graph's error format: {@code {"error":{"code","message","innerError":{…}}}}. */
    static ResponseDefinition graphError(int status, String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(error(code, message)).build();
    }

    static String error(String code, String message) {
        ObjectNode root = new ObjectMapper().createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("code", code);
        error.put("message", message);
        ObjectNode inner = error.putObject("innerError");
        inner.put("date", Instant.now().toString().substring(0, 19));
        inner.put("request-id", UUID.randomUUID().toString());
        inner.put("client-request-id", UUID.randomUUID().toString());
        return root.toString();
    }

    private String base() {
        return baseUrl;
    }

    private static boolean is(List<String> segments, int i, String name) {
        return segments.get(i).equalsIgnoreCase(name);
    }

    static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                q.put(key.toLowerCase(), eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return q;
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
