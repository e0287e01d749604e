package io.confirmloop.calendar;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A provider's answer: status, headers (names case-insensitive) and body. */
public record ProviderResponse(int status, Map<String, String> headers, String body) {

    public ProviderResponse {
        TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(headers);
        headers = copy;
        body = body == null ? "" : body;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    public boolean ok() {
        return status >= 200 && status < 300;
    }
}
