package io.confirmloop.messaging;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import com.twilio.base.ResourceSet;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import org.apache.camel.Exchange;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The {@code sms-twilio} route's helper: turns our SMS into camel-twilio's Messages create call
 * (From or MessagingServiceSid, Body, StatusCallback, ValidityPeriod), and its answer into a receipt.
 */
@Component("twilioSms")
@ConditionalOnProperty(name = "confirmloop.sms.provider", havingValue = "twilio")
public class TwilioSmsGateway implements SentSmsLookup {

    static final String HEADER = "CamelTwilio.";

    private final TwilioSettings settings;
    private final TwilioRestClient client;

    TwilioSmsGateway(TwilioSettings settings, TwilioRestClient client) {
        this.settings = settings;
        this.client = client;
    }

    /** Sets the camel-twilio headers for {@code twilio:message/create}. */
    public void prepare(Exchange exchange) {
        GatewayRequests.Sms sms = exchange.getMessage().getBody(GatewayRequests.Sms.class);
        var in = exchange.getMessage();
        in.setHeader(HEADER + "to", new PhoneNumber(sms.to()));
        if (settings.messagingServiceSid() != null && !settings.messagingServiceSid().isBlank()) {
            in.setHeader(HEADER + "messagingServiceSid", settings.messagingServiceSid());
        } else {
            in.setHeader(HEADER + "from", new PhoneNumber(settings.fromNumber()));
        }
        in.setHeader(HEADER + "body", sms.body());
        in.setHeader(HEADER + "statusCallback", settings.statusCallbackUrl());
        in.setHeader(HEADER + "validityPeriod", (int) settings.validityPeriod().toSeconds());
    }

    public GatewayRequests.Receipt receipt(Message message) {
        return new GatewayRequests.Receipt(message.getSid(), status(message.getStatus()));
    }

    /**
     * A message to {@code to} with this body, created at or after {@code since}: the one a crashed
     * send may have left at Twilio without our knowing its SID.
     */
    @Override
    public Optional<GatewayRequests.Receipt> find(String to, String body, Instant since) {
        ResourceSet<Message> recent = Message.reader().setTo(new PhoneNumber(to)).setPageSize(50L).read(client);
        for (Message m : recent) {
            if (m.getDateCreated() != null && m.getDateCreated().toInstant().isBefore(since.minusSeconds(60))) {
                break;
            }
            if (body.equals(m.getBody())) {
                return Optional.of(receipt(m));
            }
        }
        return Optional.empty();
    }

    static String status(Message.Status status) {
        return status == null ? "QUEUED" : status.toString().toUpperCase(Locale.ROOT);
    }

    /** The Twilio error behind a failed call, if it was one Twilio answered with. */
    static Optional<ApiException> apiError(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ApiException api && api.getStatusCode() != null) {
                return Optional.of(api);
            }
        }
        return Optional.empty();
    }

}
