package io.confirmloop.messaging;

import java.util.List;
import java.util.Map;

import io.confirmloop.calendar.PhoneNumbers;
import io.confirmloop.system.ApiException;
import io.confirmloop.system.Ids;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The dev SMS gateway's API: the texts we sent, and a client's reply typed on the simulator. */
@RestController
@ConditionalOnProperty(name = "confirmloop.sms.provider", havingValue = "dev")
class DevSmsController {

    record InboundText(String from, String body) {
    }

    private final DevSmsGateway gateway;
    private final InboundMessages inbound;
    private final PhoneNumbers phoneNumbers;
    private final String ourNumber;
    private final String defaultRegion;

    DevSmsController(DevSmsGateway gateway, InboundMessages inbound, PhoneNumbers phoneNumbers,
            @Value("${confirmloop.sms.from-number}") String ourNumber, @Value("${confirmloop.default-region}") String defaultRegion) {
        this.gateway = gateway;
        this.inbound = inbound;
        this.phoneNumbers = phoneNumbers;
        this.ourNumber = ourNumber;
        this.defaultRegion = defaultRegion;
    }

    @GetMapping("/api/dev/sms/outbox")
    List<DevSmsGateway.Item> outbox() {
        return gateway.outbox();
    }

    @GetMapping("/api/dev/sms/inbox")
    List<DevSmsGateway.Item> inbox() {
        return gateway.inbox();
    }

    /** Enters exactly the path a real inbound SMS takes. */
    @PostMapping("/api/dev/sms/inbound")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, Object> receive(@RequestBody InboundText text) {
        if (text == null || text.from() == null || text.body() == null) {
            throw ApiException.badRequest("VALIDATION_FAILED", "from and body are required");
        }
        String from = phoneNumbers.normalise(text.from(), defaultRegion).orElseThrow(() -> ApiException.badRequest("INVALID_PHONE",
                "'" + text.from() + "' is not a valid phone number; use E.164 such as +12015550123"));
        if (text.body().length() > 1600) {
            throw ApiException.badRequest("VALIDATION_FAILED", "body is longer than 1600 characters");
        }
        gateway.received(from, ourNumber, text.body());
        InboundMessages.Received received = inbound.receive(from, ourNumber, text.body(), "dev-in-" + Ids.newId());
        return Map.of("messageId", received.messageId(), "intent", received.intent().name());
    }
}
