package io.confirmloop.calendar.google;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.databind.JsonNode;
import io.confirmloop.calendar.CalendarProviderException;
import io.confirmloop.calendar.ProviderResponse;

/**
 * The answers Google gives that our generic status mapping would read wrongly. Google's error body
 * is {@code {"error":{"code":403,"message":…,"errors":[{"domain":"usageLimits","reason":"rateLimitExceeded",…}]}}}:
 * <ul>
 * <li>403 in the {@code usageLimits} domain (rateLimitExceeded, userRateLimitExceeded,
 * calendarUsageLimitsExceeded, dailyLimitExceeded, quotaExceeded) is throttling: try later; any other
 * 403 (forbiddenForNonOrganizer, insufficientPermissions…) is a refusal;</li>
 * <li>410 on one event ({@code reason: "deleted"}) means the event is gone; only on a list with a
 * sync token does 410 ({@code fullSyncRequired}) mean the cursor expired.</li>
 * </ul>
 * Messages carry Google's status, reason and message, never a credential.
 */
final class GoogleErrors {

    private static final String WHO = "Google Calendar";
    private static final int MAX_MESSAGE = 200;

    private GoogleErrors() {
    }

    /** The response when it is a success; else the exception it means. Call with 403 (and 410 on events) passed through. */
    static ProviderResponse check(ProviderResponse response, String method, JsonNode body) {
        if (response.ok()) {
            return response;
        }
        String what = WHO + " answered " + response.status() + " to " + method + reason(body);
        if (response.status() == 403) {
            if ("usageLimits".equals(first(body).path("domain").asText())) {
                throw new CalendarProviderException.Unavailable(what, retryAfter(response), null);
            }
            throw new CalendarProviderException.Rejected(what, 403, null);
        }
        if (response.status() == 410) {
            throw new CalendarProviderException.NotFound(what, null);
        }
        throw new CalendarProviderException.Rejected(what, response.status(), null);
    }

    private static JsonNode first(JsonNode body) {
        return body.path("error").path("errors").path(0);
    }

    private static String reason(JsonNode body) {
        String reason = first(body).path("reason").asText("");
        String message = body.path("error").path("message").asText("");
        if (message.length() > MAX_MESSAGE) {
            message = message.substring(0, MAX_MESSAGE) + "…";
        }
        if (reason.isEmpty() && message.isEmpty()) {
            return "";
        }
        return " (" + (reason.isEmpty() ? message : message.isEmpty() ? reason : reason + ": " + message) + ")";
    }

    /** Retry-After in seconds or as an HTTP date; null if absent or unreadable. */
    static Duration retryAfter(ProviderResponse response) {
        String value = response.header("Retry-After").map(String::trim).orElse("");
        if (value.isEmpty()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration wait = Duration.between(Instant.now(), ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }
}
