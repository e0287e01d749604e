package io.confirmloop.calendar;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * Sends an adapter's request through its provider's Camel route ({@code direct:calendar-<provider>},
 * in {@code camel-routes/}), with the calendar's credentials: a bearer token kept fresh by
 * {@link OAuthTokens}, or EWS Basic (NTLM is negotiated by the EWS route). An answer is returned
 * when it is a success (or a status the request passes through); else it becomes the
 * {@link CalendarProviderException} that says what to do: 401 → {@code Unauthorized} (after one
 * token refresh), 404 → {@code NotFound}, 409/412 → {@code VersionConflict}, 410 →
 * {@code CursorExpired}, 429/5xx/timeouts → {@code Unavailable} with the Retry-After asked for.
 * Messages name the provider and status, never a credential.
 */
@Component
public class ProviderHttp {

    /** The exchange property that carries the {@link CalendarAccess} into the provider's route. */
    public static final String ACCESS = "confirmloopCalendarAccess";
    private static final int MAX_DETAIL = 300;

    private final ProducerTemplate camel;
    private final OAuthTokens tokens;

    ProviderHttp(ProducerTemplate camel, OAuthTokens tokens) {
        this.camel = camel;
        this.tokens = tokens;
    }

    /**
     * @param access the calendar and its connection; a connection not yet kept for any calendar
     *               (credentials being checked: {@link CalendarProvider#listCalendars}) comes with a
     *               null calendar, and its token is used as it is
     */
    public ProviderResponse send(CalendarAccess access, ProviderRequest request) {
        ProviderResponse response = exchange(access, request, authorization(access, false));
        if (response.status() == 401 && access.connection() instanceof Connection.OAuth && access.calendar() != null
                && !request.passThrough().contains(401)) {
            response = exchange(access, request, authorization(access, true));
        }
        return check(access.connection().provider(), request, response);
    }

    /** {@link #send(CalendarAccess, ProviderRequest)} for a connection not kept for any calendar yet. */
    public ProviderResponse send(Connection connection, ProviderRequest request) {
        return send(new CalendarAccess(null, connection), request);
    }

    private String authorization(CalendarAccess access, boolean refresh) {
        Connection connection = access.connection();
        if (connection instanceof Connection.OAuth oauth) {
            return "Bearer " + (access.calendar() == null ? oauth.accessToken().reveal() : tokens.accessToken(access, refresh));
        }
        if (connection instanceof Connection.Ews ews && ews.authType() == Connection.EwsAuth.BASIC) {
            String pair = ews.username() + ":" + ews.password().reveal();
            return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        }
        return null;
    }

    private ProviderResponse exchange(CalendarAccess access, ProviderRequest request, String authorization) {
        Provider provider = access.connection().provider();
        Exchange answer = camel.send("direct:calendar-" + provider.apiName(), ex -> {
            ex.setProperty(ACCESS, access);
            Map<String, Object> headers = new HashMap<>(request.headers());
            if (authorization != null) {
                headers.put("Authorization", authorization);
            }
            headers.put(Exchange.HTTP_METHOD, request.method());
            headers.put(Exchange.HTTP_URI, request.url());
            ex.getIn().setHeaders(headers);
            ex.getIn().setBody(request.body());
        });
        if (answer.getException() != null) {
            throw unavailable(provider, answer.getException());
        }
        Integer status = answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        Map<String, String> headers = new HashMap<>();
        answer.getMessage().getHeaders().forEach((k, v) -> {
            if (v != null && !k.startsWith("Camel")) {
                headers.put(k, v.toString());
            }
        });
        String body = answer.getMessage().getBody(String.class);
        return new ProviderResponse(status == null ? 0 : status, headers, body);
    }

    static ProviderResponse check(Provider provider, ProviderRequest request, ProviderResponse response) {
        int status = response.status();
        if (response.ok() || request.passThrough().contains(status)) {
            return response;
        }
        String what = label(provider) + " answered " + status + " to " + request.method() + detail(response.body());
        switch (status) {
            case 401 -> throw new CalendarProviderException.Unauthorized(
                    label(provider) + " no longer accepts the sign-in (401): reconnect the calendar", null);
            case 404 -> throw new CalendarProviderException.NotFound(what, null);
            case 409, 412 -> throw new CalendarProviderException.VersionConflict(what, null);
            case 410 -> throw new CalendarProviderException.CursorExpired(what, null);
            default -> {
                if (status == 429 || status >= 500) {
                    throw new CalendarProviderException.Unavailable(what, retryAfter(response), null);
                }
                throw new CalendarProviderException.Rejected(what, status, null);
            }
        }
    }

    private static CalendarProviderException unavailable(Provider provider, Exception e) {
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof IOException)) {
            cause = cause.getCause();
        }
        String reason = cause instanceof IOException ? cause.getClass().getSimpleName() : e.getClass().getSimpleName();
        return new CalendarProviderException.Unavailable(label(provider) + " could not be reached (" + reason + ")", null, null);
    }

    /** Retry-After in seconds or as an HTTP date; null if absent or unreadable. */
    static Duration retryAfter(ProviderResponse response) {
        String value = response.header("Retry-After").map(String::trim).orElse(null);
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration wait = Duration.between(java.time.Instant.now(),
                        ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    private static String detail(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String flat = body.replaceAll("\\s+", " ").trim();
        return ": " + (flat.length() > MAX_DETAIL ? flat.substring(0, MAX_DETAIL) + "…" : flat);
    }

    static String label(Provider provider) {
        return switch (provider) {
            case INTERNAL -> "The built-in calendar";
            case EWS -> "Exchange";
            case GRAPH -> "Microsoft 365";
            case GOOGLE -> "Google Calendar";
            case CLIO -> "Clio";
        };
    }
}
