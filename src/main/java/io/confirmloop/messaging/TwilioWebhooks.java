package io.confirmloop.messaging;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.twilio.security.RequestValidator;
import io.confirmloop.calendar.PhoneNumbers;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.apache.camel.http.common.HttpMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Twilio's webhooks (routes {@code sms-twilio-inbound} and {@code sms-twilio-status}): the
 * {@code X-Twilio-Signature} is checked against {@code public-base-url} + path; a missing or wrong
 * signature gets 403 and changes nothing. Twilio retries, so each MessageSid is stored once: the
 * message is deduplicated on it in the transaction that stores it; statuses are idempotent.
 */
@Component("twilioWebhooks")
@ConditionalOnProperty(name = "confirmloop.sms.provider", havingValue = "twilio")
public class TwilioWebhooks {

    public static final String SMS_PATH = "/webhooks/twilio/sms";
    public static final String STATUS_PATH = "/webhooks/twilio/status";
    static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";

    private static final Logger log = LoggerFactory.getLogger(TwilioWebhooks.class);

    private final TwilioSettings settings;
    private final RequestValidator validator;
    private final InboundMessages inbound;
    private final DeliveryStatuses statuses;
    private final PhoneNumbers phoneNumbers;
    private final String defaultRegion;

    TwilioWebhooks(TwilioSettings settings, InboundMessages inbound, DeliveryStatuses statuses,
            PhoneNumbers phoneNumbers, @Value("${confirmloop.default-region}") String defaultRegion) {
        this.settings = settings;
        this.validator = new RequestValidator(settings.authToken());
        this.inbound = inbound;
        this.statuses = statuses;
        this.phoneNumbers = phoneNumbers;
        this.defaultRegion = defaultRegion;
    }

    /** A client's text. Answers empty TwiML once the text is stored. */
    public void inbound(Exchange exchange) {
        Map<String, String> params = params(exchange);
        if (!signed(exchange, SMS_PATH, params)) {
            return;
        }
        String sid = params.get("MessageSid");
        String from = phoneNumbers.normalise(params.get("From"), defaultRegion).orElse(null);
        if (sid == null || sid.isBlank() || from == null) {
            respond(exchange, 400, "text/plain", "MessageSid and a valid From are required");
            return;
        }
        // Stored and deduplicated in one transaction on the MessageSid: a delivery whose storing failed
        // is answered with an error, so Twilio's retry stores it.
        if (inbound.receive(from, params.getOrDefault("To", ""), params.getOrDefault("Body", ""), sid).duplicate()) {
            log.debug("Inbound {} delivered again; ignored", sid);
        }
        respond(exchange, 200, "text/xml", EMPTY_TWIML);
    }

    /** A delivery status of one of our texts. */
    public void status(Exchange exchange) {
        Map<String, String> params = params(exchange);
        if (!signed(exchange, STATUS_PATH, params)) {
            return;
        }
        String sid = params.get("MessageSid");
        String status = params.get("MessageStatus");
        if (sid == null || status == null) {
            respond(exchange, 400, "text/plain", "MessageSid and MessageStatus are required");
            return;
        }
        // Applying a status again changes nothing: statuses never move a message backwards, and a failure is handled once.
        statuses.update(sid, status, params.get("ErrorCode"));
        respond(exchange, 200, "text/xml", EMPTY_TWIML);
    }

    private boolean signed(Exchange exchange, String path, Map<String, String> params) {
        String signature = exchange.getMessage().getHeader("X-Twilio-Signature", String.class);
        String query = request(exchange) == null ? null : request(exchange).getQueryString();
        String url = TwilioSettings.trimSlash(settings.publicBaseUrl()) + path + (query == null ? "" : "?" + query);
        if (signature == null || !validator.validate(url, params, signature)) {
            log.warn("Rejected a post to {} without a valid X-Twilio-Signature", path);
            respond(exchange, 403, "text/plain", "Invalid or missing X-Twilio-Signature");
            return false;
        }
        return true;
    }

    /** The posted form fields, exactly as sent (the signature covers all of them). */
    private static Map<String, String> params(Exchange exchange) {
        Map<String, String> params = new LinkedHashMap<>();
        HttpServletRequest request = request(exchange);
        if (request != null && !request.getParameterMap().isEmpty()) {
            String query = request.getQueryString();
            request.getParameterMap().forEach((name, values) -> {
                if (query == null || !query.contains(name + "=")) {
                    params.put(name, values.length == 0 ? "" : values[0]);
                }
            });
            return params;
        }
        Object raw = exchange.getMessage().getBody();
        if (raw instanceof Map<?, ?> form) {
            // Camel's form binding has turned '+' into spaces but left %-escapes: finish the decoding.
            form.forEach((name, value) -> params.put(decode(String.valueOf(name)), value == null ? "" : decode(String.valueOf(value))));
            return params;
        }
        String body = exchange.getMessage().getBody(String.class);
        if (body != null && !body.isBlank()) {
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                params.put(name, value);
            }
        }
        return params;
    }

    private static String decode(String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static HttpServletRequest request(Exchange exchange) {
        if (exchange.getMessage() instanceof PlatformHttpMessage spring) {
            return spring.getRequest();
        }
        HttpMessage message = exchange.getMessage(HttpMessage.class);
        return message == null ? null : message.getRequest();
    }

    private static void respond(Exchange exchange, int status, String contentType, String body) {
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, contentType);
        exchange.getMessage().setBody(body);
    }
}
