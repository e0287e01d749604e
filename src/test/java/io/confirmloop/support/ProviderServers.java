package io.confirmloop.support;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One WireMock server per calendar provider, for the whole test run: the application's base URLs
 * and OAuth endpoints point at them ({@link #register}), so one Spring context serves every
 * provider's tests.
 */
public final class ProviderServers {

    public static final ProviderServer GOOGLE = new ProviderServer();
    public static final ProviderServer GRAPH = new ProviderServer();
    public static final ProviderServer CLIO = new ProviderServer();
    public static final ProviderServer EWS = new ProviderServer();

    public static final String CLIENT_ID = "confirmloop-test-client";
    public static final String CLIENT_SECRET = "confirmloop-test-client-secret";

    private ProviderServers() {
    }

    /**
     * Google: API under {@code /calendar/v3}, consent at {@code /o/oauth2/v2/auth}, tokens at
     * {@code /token}. Microsoft: Graph under {@code /v1.0}, sign-in under
     * {@code /common/oauth2/v2.0/}. Clio: API under {@code /api/v4}, OAuth under {@code /oauth/}.
     * Exchange: autodiscover (POX) at {@code /autodiscover/autodiscover.xml}, EWS at
     * {@code /EWS/Exchange.asmx} (the calendar's serverUrl).
     */
    public static void register(DynamicPropertyRegistry registry) {
        registry.add("confirmloop.google.base-url", GOOGLE::baseUrl);
        registry.add("confirmloop.google.authorize-url", () -> GOOGLE.baseUrl() + "/o/oauth2/v2/auth");
        registry.add("confirmloop.google.token-url", () -> GOOGLE.baseUrl() + "/token");
        registry.add("confirmloop.google.client-id", () -> CLIENT_ID);
        registry.add("confirmloop.google.client-secret", () -> CLIENT_SECRET);
        registry.add("confirmloop.graph.base-url", GRAPH::baseUrl);
        registry.add("confirmloop.graph.login-url", GRAPH::baseUrl);
        registry.add("confirmloop.graph.client-id", () -> CLIENT_ID);
        registry.add("confirmloop.graph.client-secret", () -> CLIENT_SECRET);
        registry.add("confirmloop.clio.base-url", CLIO::baseUrl);
        registry.add("confirmloop.clio.client-id", () -> CLIENT_ID);
        registry.add("confirmloop.clio.client-secret", () -> CLIENT_SECRET);
        registry.add("confirmloop.ews.autodiscover-url", () -> EWS.baseUrl() + "/autodiscover/autodiscover.xml");
    }
}
