package io.confirmloop.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.function.Function;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

/**
 * A WireMock server at the HTTP boundary of one calendar provider. A stateful fake of the provider
 * answers every request ({@link #answerWith}); ordinary WireMock stubs registered on
 * {@link #wireMock()} at a higher priority (lower number) take precedence, e.g. to inject a 429 or
 * a 503. Every request is in WireMock's journal, to check headers, versions and paging.
 */
public final class ProviderServer {

    private static final String FAKE = "provider-fake";
    private static final int FAKE_PRIORITY = 100;

    private final WireMockServer server;
    private volatile Function<Request, ResponseDefinition> fake = r -> ResponseDefinition.notFound();

    ProviderServer() {
        server = new WireMockServer(options().dynamicPort().extensions(new Delegate()));
        server.start();
        catchAll();
    }

    private void catchAll() {
        server.stubFor(any(anyUrl()).atPriority(FAKE_PRIORITY).willReturn(aResponse().withTransformers(FAKE)));
    }

    /** The provider fake that answers every request no higher-priority stub answers. */
    public void answerWith(Function<Request, ResponseDefinition> fake) {
        this.fake = fake;
    }

    public WireMockServer wireMock() {
        return server;
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    /** Forgets the requests and every stub but the fake's. */
    public void reset() {
        for (StubMapping stub : server.getStubMappings()) {
            if (stub.getPriority() == null || stub.getPriority() != FAKE_PRIORITY) {
                server.removeStub(stub);
            }
        }
        server.resetRequests();
        server.resetScenarios();
    }

    private final class Delegate implements ResponseDefinitionTransformerV2 {
        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            return fake.apply(serveEvent.getRequest());
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return FAKE;
        }
    }
}
