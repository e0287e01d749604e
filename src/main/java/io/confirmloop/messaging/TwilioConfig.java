package io.confirmloop.messaging;

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
    TwilioRestClient twilioRestClient(TwilioSettings settings) {
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
                .httpClient(new BaseUrlHttpClient(settings.apiBaseUrl()))
                .build();
    }

    @Bean
    ComponentCustomizer twilioComponentRestClient(TwilioRestClient client) {
        return ComponentCustomizer.forType(TwilioComponent.class, component -> component.setRestClient(client));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
