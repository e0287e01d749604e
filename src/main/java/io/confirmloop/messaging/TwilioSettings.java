package io.confirmloop.messaging;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code confirmloop.twilio.*}. {@code apiBaseUrl} may point at a proxy or a test double;
 * {@code publicBaseUrl} is the address Twilio calls us on (the one webhook signatures are computed for).
 */
@ConfigurationProperties("confirmloop.twilio")
public record TwilioSettings(
        String accountSid,
        String authToken,
        String fromNumber,
        String messagingServiceSid,
        String apiBaseUrl,
        String publicBaseUrl,
        Duration validityPeriod) {

    public String statusCallbackUrl() {
        return trimSlash(publicBaseUrl) + TwilioWebhooks.STATUS_PATH;
    }

    static String trimSlash(String url) {
        return url == null ? "" : url.replaceAll("/+$", "");
    }
}
