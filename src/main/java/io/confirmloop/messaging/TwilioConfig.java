package io.confirmloop.messaging;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.beans.factory.annotation.Value;

import java.util.ArrayList;
import java.util.List;

import com.twilio.http.TwilioRestClient;
import org.apache.camel.component.twilio.TwilioComponent;
import org.apache.camel.spi.ComponentCustomizer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Twilio SMS ({@code confirmloop.sms.provider=twilio}): the REST client camel-twilio uses, pointed
 * at {@code confirmloop.twilio.api-base-url}. Missing settings stop the start with a clear message.
 */
@Configuration
@ConditionalOnProperty(name = "confirmloop.sms.provider", havingValue = "twilio")
class TwilioConfig {

    @Bean
    TwilioRestClient twilioRestClient(TwilioSettings settings, @Value("${confirmloop.outbox.senders:16}") int senders) {
        List<String> missing = new ArrayList<>();
        if (blank(settings.accountSid())) {
            missing.add("confirmloop.twilio.account-sid");
        }
        if (blank(settings.authToken())) {
            missing.add("confirmloop.twilio.auth-token");
        }
        if (blank(settings.fromNumber()) && blank(settings.messagingServiceSid())) {
            missing.add("confirmloop.twilio.from-number or confirmloop.twilio.messaging-service-sid");
        }
        if (blank(settings.publicBaseUrl())) {
            missing.add("confirmloop.twilio.public-base-url");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("confirmloop.sms.provider=twilio needs " + String.join(", ", missing));
        }
        return new TwilioRestClient.Builder(settings.accountSid(), settings.authToken())
                .accountSid(settings.accountSid())
                .httpClient(new BaseUrlHttpClient(settings.apiBaseUrl(), connections(senders)))
                .build();
    }

    /**
     * camel-twilio calls Twilio on its own thread pool ("CamelTwilio", 10 threads by default) while
     * the caller waits: as many threads as the outbox's senders, and a few for the answers to
     * clients' texts, so the senders are not queued behind each other.
     */
    @Bean
    CamelContextConfiguration twilioThreads(@Value("${confirmloop.outbox.senders:16}") int senders) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext context) {
                context.getExecutorServiceManager().registerThreadPoolProfile(new ThreadPoolProfileBuilder(TWILIO_THREADS)
                        .poolSize(connections(senders)).maxPoolSize(connections(senders)).maxQueueSize(-1).build());
            }

            @Override
            public void afterApplicationStart(CamelContext context) {
            }
        };
    }

    /** camel-twilio's thread pool profile id. */
    static final String TWILIO_THREADS = "CamelTwilio";

    /** Twilio calls at the same time: the outbox's senders and four for answers; as many HTTP connections. */
    static int connections(int senders) {
        return senders + 4;
    }

    @Bean
    ComponentCustomizer twilioComponentRestClient(TwilioRestClient client) {
        return ComponentCustomizer.forType(TwilioComponent.class, component -> component.setRestClient(client));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
