package io.confirmloop.calendar;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import io.confirmloop.system.ApiException;

/** Where a calendar's events live. */
public enum Provider {
    INTERNAL, EWS, GRAPH, GOOGLE, CLIO;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Provider parse(String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest("INVALID_PROVIDER", "provider is required: one of " + names());
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("INVALID_PROVIDER", "Unknown provider '" + value + "': use one of " + names());
        }
    }

    private static String names() {
        return Arrays.stream(values()).map(Provider::apiName).collect(Collectors.joining(", "));
    }
}
