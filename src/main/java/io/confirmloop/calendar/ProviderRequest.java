package io.confirmloop.calendar;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One HTTP call to a calendar provider, as an adapter builds it. {@link ProviderHttp} adds the
 * credentials (never the adapter) and turns failures into {@link CalendarProviderException}s.
 *
 * @param url         the full URL, query included (already encoded)
 * @param headers     extra headers (Accept, Content-Type, If-Match, Prefer…)
 * @param body        the request body, or null
 * @param passThrough statuses the adapter reads itself instead of having them mapped to an exception
 *                    (e.g. EWS answers SOAP faults with 500)
 */
public record ProviderRequest(String method, String url, Map<String, String> headers, String body, Set<Integer> passThrough) {

    public ProviderRequest {
        headers = Map.copyOf(headers);
        passThrough = Set.copyOf(passThrough);
    }

    public static ProviderRequest get(String url) {
        return new ProviderRequest("GET", url, Map.of("Accept", "application/json"), null, Set.of());
    }

    public static ProviderRequest delete(String url) {
        return new ProviderRequest("DELETE", url, Map.of(), null, Set.of());
    }

    /** A request with a JSON body. */
    public static ProviderRequest json(String method, String url, String body) {
        return new ProviderRequest(method, url, Map.of("Accept", "application/json", "Content-Type", "application/json"), body, Set.of());
    }

    public ProviderRequest withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ProviderRequest(method, url, more, body, passThrough);
    }

    public ProviderRequest passing(Integer... statuses) {
        return new ProviderRequest(method, url, headers, body, Set.of(statuses));
    }
}
