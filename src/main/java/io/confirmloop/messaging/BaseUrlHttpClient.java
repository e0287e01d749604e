package io.confirmloop.messaging;

import java.util.List;
import java.util.Map;

import com.twilio.http.NetworkHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import com.twilio.http.Request;
import com.twilio.http.Response;

/**
 * Twilio's HTTP client, sending every request to {@code confirmloop.twilio.api-base-url} (a proxy
 * or a test double) instead of https://*.twilio.com, and making each request exactly once: retries
 * belong to Camunda, so both the SDK's retry loop and Apache HttpClient's automatic re-execution
 * of 429/503 answers are switched off.
 */
class BaseUrlHttpClient extends NetworkHttpClient {

    private final String baseUrl;

    BaseUrlHttpClient(String baseUrl, int connections) {
        super(HttpClientBuilder.create()
                .useSystemProperties()
                .disableAutomaticRetries()
                .setDefaultRequestConfig(DEFAULT_REQUEST_CONFIG)
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultSocketConfig(DEFAULT_SOCKET_CONFIG).setMaxConnTotal(connections).setMaxConnPerRoute(connections).build()));
        this.baseUrl = TwilioSettings.trimSlash(baseUrl);
    }

    @Override
    public Response reliableRequest(Request request) {
        return makeRequest(request);
    }

    @Override
    public Response reliableRequest(Request request, int[] retryCodes, int retries, long delayMillis) {
        return makeRequest(request);
    }

    @Override
    public Response makeRequest(Request request) {
        String url = request.getUrl();
        String rewritten = baseUrl.isEmpty() ? url : url.replaceFirst("^https://[a-z0-9.-]*\\.twilio\\.com", baseUrl);
        if (rewritten.equals(url)) {
            return super.makeRequest(request);
        }
        Request copy = new Request(request.getMethod(), rewritten);
        if (request.getAuthStrategy() != null) {
            copy.setAuth(request.getAuthStrategy());
        } else if (request.getUsername() != null) {
            copy.setAuth(request.getUsername(), request.getPassword());
        }
        copy.setContentType(request.getContentType());
        if (request.getBody() != null) {
            copy.setBody(request.getBody());
        }
        copyInto(request.getQueryParams(), copy::addQueryParam);
        copyInto(request.getPostParams(), copy::addPostParam);
        copyInto(request.getHeaderParams(), copy::addHeaderParam);
        return super.makeRequest(copy);
    }

    private static void copyInto(Map<String, List<String>> params, java.util.function.BiConsumer<String, String> add) {
        params.forEach((name, values) -> values.forEach(v -> add.accept(name, v)));
    }
}
