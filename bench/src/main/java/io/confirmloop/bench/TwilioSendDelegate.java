package io.confirmloop.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * The raw engine's send step: posts the confirmation request to Twilio's Messages API (the fake)
 * with the form fields the app sends (To, From, Body, StatusCallback, ValidityPeriod). Anything
 * but 201 fails the job, and the engine retries it.
 */
final class TwilioSendDelegate implements JavaDelegate {

    static final String BODY = "Bench clinic: reminder of your appointment tomorrow. " + HandOff.CONFIRMATION_MARK
            + ", NO to cancel, R to reschedule. Reply STOP to opt out.";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    private final URI messages;
    private final String authorization;
    private final String fromNumber;
    private final String statusCallback;

    TwilioSendDelegate(String messagesUrl, String accountSid, String authToken, String fromNumber, String statusCallback) {
        this.messages = URI.create(messagesUrl);
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((accountSid + ":" + authToken).getBytes(StandardCharsets.UTF_8));
        this.fromNumber = fromNumber;
        this.statusCallback = statusCallback;
    }

    @Override
    public void execute(DelegateExecution execution) throws IOException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("To", (String) execution.getVariable(RawEngine.PHONE));
        form.put("From", fromNumber);
        form.put("Body", BODY);
        form.put("StatusCallback", statusCallback);
        form.put("ValidityPeriod", "14400");
        HttpRequest request = HttpRequest.newBuilder(messages).timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Forms.encode(form))).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("Twilio answered " + response.statusCode() + ": " + response.body());
        }
    }
}
