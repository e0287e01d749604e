package io.confirmloop.messaging;

import static org.apache.camel.builder.Builder.constant;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.http.TwilioRestClient;
import com.twilio.type.PhoneNumber;
import org.apache.camel.CamelContext;
import org.apache.camel.EndpointInject;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.NestedTestConfiguration;

/**
 * The outbound routes ({@code send-sms} → {@code sms-twilio}, {@code send-email} → {@code email-smtp})
 * on a bare Camel context: no database, no Camunda. Twilio's endpoint is replaced by a mock that
 * answers with a Message parsed from Twilio's documented JSON; the SMTP endpoint is intercepted.
 */
@CamelSpringBootTest
@UseAdviceWith
@SpringBootTest(classes = MessagingRoutesTest.RoutesConfig.class, properties = {
        MessagingRoutesTest.ROUTES, MessagingRoutesTest.NO_RUN_CONTROLLER, MessagingRoutesTest.SMS_TWILIO, MessagingRoutesTest.MAIL_SMTP,
        MessagingRoutesTest.ACCOUNT_SID, MessagingRoutesTest.AUTH_TOKEN, MessagingRoutesTest.PUBLIC_BASE_URL,
        MessagingRoutesTest.VALIDITY_PERIOD,
        "confirmloop.twilio.from-number=" + MessagingRoutesTest.OUR_NUMBER,
        "confirmloop.twilio.messaging-service-sid=" })
class MessagingRoutesTest {

    static final String ROUTES = "camel.main.routes-include-pattern=classpath:camel-routes/send-*.camel.yaml,"
            + "classpath:camel-routes/sms-twilio.camel.yaml,classpath:camel-routes/email-smtp.camel.yaml";
    static final String NO_RUN_CONTROLLER = "camel.springboot.main-run-controller=false";
    static final String SMS_TWILIO = "confirmloop.sms.provider=twilio";
    static final String MAIL_SMTP = "confirmloop.mail.provider=smtp";
    static final String ACCOUNT_SID = "confirmloop.twilio.account-sid=AC00000000000000000000000000000000";
    static final String AUTH_TOKEN = "confirmloop.twilio.auth-token=not-a-real-token";
    // trailing slash on purpose: the status callback must not get a double slash
    static final String PUBLIC_BASE_URL = "confirmloop.twilio.public-base-url=https://confirmloop.example.com/";
    static final String VALIDITY_PERIOD = "confirmloop.twilio.validity-period=PT2H";

    static final String OUR_NUMBER = "+15550100000";
    static final String CLIENT_NUMBER = "+12015550123";
    static final String MESSAGE_SID = "SM1f0e8ae6ade43cb3c0ce4525424e404f";
    static final String MESSAGING_SERVICE_SID = "MG9752274e9e519418a7406176694466fa";

    /** The beans the four routes call, created directly instead of by the application's scan. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(CamelAutoConfiguration.class)
    @EnableConfigurationProperties(TwilioSettings.class)
    static class RoutesConfig {

        @Bean
        SmtpMail smtpMail() {
            return new SmtpMail("smtp.example.com", 2525, "reminders@example.com", "s3cret)&{{x}}", true, Duration.ofSeconds(20), "smtp");
        }

        @Bean
        TwilioSmsGateway twilioSms(TwilioSettings settings) {
            // never called: the twilio: endpoint is replaced by mock:twilio
            TwilioRestClient client = new TwilioRestClient.Builder(settings.accountSid(), settings.authToken()).build();
            return new TwilioSmsGateway(settings, client);
        }
    }

    /** Replaces Twilio and SMTP by mocks, once per Spring context, then starts Camel. */
    static void adviseAndStart(CamelContext context) throws Exception {
        if (context.isStarted()) {
            MockEndpoint.resetMocks(context);
            return;
        }
        AdviceWith.adviceWith(context, "sms-twilio", a -> a.weaveByToUri("twilio:*").replace().to("mock:twilio"));
        AdviceWith.adviceWith(context, "email-smtp", a -> a.interceptSendToEndpoint("smtp:.*").skipSendToOriginalEndpoint().to("mock:smtp"));
        context.start();
    }

    /**
     * A Messages create answer as Twilio documents it (RFC 2822 dates, lower-case status): "queued"
     * when sent from our number, "accepted" when a Messaging Service still has to pick the sender.
     */
    static com.twilio.rest.api.v2010.account.Message twilioAnswer(String from, String messagingServiceSid, String status) {
        String json = """
                {
                  "account_sid": "AC00000000000000000000000000000000",
                  "api_version": "2010-04-01",
                  "body": "Hello",
                  "date_created": "Thu, 24 Aug 2023 05:01:45 +0000",
                  "date_sent": null,
                  "date_updated": "Thu, 24 Aug 2023 05:01:45 +0000",
                  "direction": "outbound-api",
                  "error_code": null,
                  "error_message": null,
                  "from": %s,
                  "messaging_service_sid": %s,
                  "num_media": "0",
                  "num_segments": "1",
                  "price": null,
                  "price_unit": "USD",
                  "sid": "%s",
                  "status": "%s",
                  "subresource_uris": {
                    "media": "/2010-04-01/Accounts/AC00000000000000000000000000000000/Messages/%s/Media.json"
                  },
                  "to": "%s",
                  "uri": "/2010-04-01/Accounts/AC00000000000000000000000000000000/Messages/%s.json"
                }
                """.formatted(quoted(from), quoted(messagingServiceSid), MESSAGE_SID, status, MESSAGE_SID, CLIENT_NUMBER, MESSAGE_SID);
        return com.twilio.rest.api.v2010.account.Message.fromJson(json, new ObjectMapper());
    }

    private static String quoted(String value) {
        return value == null ? "null" : '"' + value + '"';
    }

    @Autowired
    CamelContext context;

    @Autowired
    ProducerTemplate template;

    @EndpointInject("mock:twilio")
    MockEndpoint twilio;

    @EndpointInject("mock:smtp")
    MockEndpoint smtp;

    @BeforeEach
    void start() throws Exception {
        adviseAndStart(context);
    }

    @Test
    void smsGoesToTwilioFromOurNumberAndAnswersWithTheMessageSid() throws Exception {
        var answer = twilioAnswer(OUR_NUMBER, null, "queued");
        assertThat(answer.getDateCreated().toInstant()).hasToString("2023-08-24T05:01:45Z");
        twilio.expectedMessageCount(1);
        twilio.returnReplyBody(constant(answer));

        GatewayRequests.Receipt receipt = template.requestBody("direct:send-sms",
                new GatewayRequests.Sms("m1", OUR_NUMBER, CLIENT_NUMBER, "Hello"), GatewayRequests.Receipt.class);

        twilio.assertIsSatisfied();
        Map<String, Object> headers = twilio.getReceivedExchanges().get(0).getMessage().getHeaders();
        assertThat(headers.get("CamelTwilio.to")).isInstanceOf(PhoneNumber.class).isEqualTo(new PhoneNumber(CLIENT_NUMBER));
        assertThat(headers.get("CamelTwilio.from")).isInstanceOf(PhoneNumber.class).isEqualTo(new PhoneNumber(OUR_NUMBER));
        assertThat(headers).doesNotContainKey("CamelTwilio.messagingServiceSid");
        assertThat(headers.get("CamelTwilio.body")).isEqualTo("Hello");
        assertThat(headers.get("CamelTwilio.statusCallback")).isEqualTo("https://confirmloop.example.com/webhooks/twilio/status");
        assertThat(headers.get("CamelTwilio.validityPeriod")).isEqualTo(7200);
        assertThat(receipt).isEqualTo(new GatewayRequests.Receipt(MESSAGE_SID, "QUEUED"));
    }

    @Test
    void staleTwilioHeadersOfTheCallerAreNotSentToTwilio() throws Exception {
        twilio.expectedMessageCount(1);
        twilio.returnReplyBody(constant(twilioAnswer(OUR_NUMBER, null, "queued")));

        template.requestBodyAndHeaders("direct:send-sms", new GatewayRequests.Sms("m2", OUR_NUMBER, CLIENT_NUMBER, "Hello"),
                Map.of("CamelTwilio.to", "+19999999999", "CamelTwilio.mediaUrl", "https://attacker.example.com/x.png"),
                GatewayRequests.Receipt.class);

        twilio.assertIsSatisfied();
        Map<String, Object> headers = twilio.getReceivedExchanges().get(0).getMessage().getHeaders();
        assertThat(headers.get("CamelTwilio.to")).isEqualTo(new PhoneNumber(CLIENT_NUMBER));
        assertThat(headers).doesNotContainKey("CamelTwilio.mediaUrl");
    }

    @Test
    void emailGoesOverSmtpWithOnlyItsOwnHeadersAndAnEscapedHtmlBody() throws Exception {
        smtp.expectedMessageCount(1);
        var mail = new GatewayRequests.Email("m7", "ConfirmLoop <reminders@confirmloop.local>", "ana@example.org",
                "Your appointment on Tuesday", "Hi Ana,\n\nYour appointment <Tue 10:00> & more\nSee you then");

        GatewayRequests.Receipt receipt = template.requestBodyAndHeaders("direct:send-email", mail,
                Map.of("To", "attacker@example.com", "CamelTwilio.to", "+19999999999", "Bcc", "spy@example.com"),
                GatewayRequests.Receipt.class);

        smtp.assertIsSatisfied();
        Exchange sent = smtp.getReceivedExchanges().get(0);
        Map<String, Object> headers = sent.getMessage().getHeaders();
        assertThat(headers).containsOnlyKeys("To", "From", "Subject", "X-ConfirmLoop-Message-Id", "CamelMailAlternativeBody",
                "Content-Type");
        assertThat(headers.get("To")).isEqualTo("ana@example.org");
        assertThat(headers.get("From")).isEqualTo("ConfirmLoop <reminders@confirmloop.local>");
        assertThat(headers.get("Subject")).isEqualTo("Your appointment on Tuesday");
        assertThat(headers.get("X-ConfirmLoop-Message-Id")).isEqualTo("m7");
        assertThat(headers.get("CamelMailAlternativeBody")).isEqualTo("Hi Ana,\n\nYour appointment <Tue 10:00> & more\nSee you then");
        assertThat(headers.get("Content-Type")).isEqualTo("text/html; charset=UTF-8");
        assertThat(sent.getMessage().getBody(String.class)).isEqualTo("""
                <!DOCTYPE html><html><body style="font-family: sans-serif">
                <p>Hi Ana,</p>
                <p>Your appointment &lt;Tue 10:00&gt; &amp; more<br>See you then</p>
                </body></html>""");
        assertThat(sent.getProperty(Exchange.INTERCEPTED_ENDPOINT, String.class))
                .startsWith("smtp://smtp.example.com:2525")
                .contains("username=reminders%40example.com")
                .contains("mail.smtp.starttls.required=true")
                .doesNotContain("s3cret");
        // the password (with characters a URI would mangle) is on the endpoint, not in its address
        assertThat(sent.getContext().getEndpoint(sent.getProperty(Exchange.INTERCEPTED_ENDPOINT, String.class),
                org.apache.camel.component.mail.MailEndpoint.class).getConfiguration().getPassword()).isEqualTo("s3cret)&{{x}}");
        assertThat(receipt).isEqualTo(new GatewayRequests.Receipt("smtp:m7", "SENT"));
    }

    /** The same send with a Messaging Service instead of our own number: Twilio picks the sender. */
    @Nested
    @NestedTestConfiguration(NestedTestConfiguration.EnclosingConfiguration.OVERRIDE)
    @CamelSpringBootTest
    @UseAdviceWith
    @SpringBootTest(classes = MessagingRoutesTest.RoutesConfig.class, properties = {
            MessagingRoutesTest.ROUTES, MessagingRoutesTest.NO_RUN_CONTROLLER, MessagingRoutesTest.SMS_TWILIO,
            MessagingRoutesTest.MAIL_SMTP, MessagingRoutesTest.ACCOUNT_SID, MessagingRoutesTest.AUTH_TOKEN,
            MessagingRoutesTest.PUBLIC_BASE_URL, MessagingRoutesTest.VALIDITY_PERIOD,
            "confirmloop.twilio.messaging-service-sid=" + MessagingRoutesTest.MESSAGING_SERVICE_SID })
    class WithMessagingService {

        @Autowired
        CamelContext serviceContext;

        @Autowired
        ProducerTemplate serviceTemplate;

        @BeforeEach
        void startServiceContext() throws Exception {
            adviseAndStart(serviceContext);
        }

        @Test
        void smsNamesTheMessagingServiceAndNoFromNumber() throws Exception {
            MockEndpoint mock = serviceContext.getEndpoint("mock:twilio", MockEndpoint.class);
            mock.expectedMessageCount(1);
            mock.returnReplyBody(constant(twilioAnswer(null, MESSAGING_SERVICE_SID, "accepted")));

            GatewayRequests.Receipt receipt = serviceTemplate.requestBody("direct:send-sms",
                    new GatewayRequests.Sms("m3", OUR_NUMBER, CLIENT_NUMBER, "Hello"), GatewayRequests.Receipt.class);

            mock.assertIsSatisfied();
            Map<String, Object> headers = mock.getReceivedExchanges().get(0).getMessage().getHeaders();
            assertThat(headers.get("CamelTwilio.messagingServiceSid")).isEqualTo(MESSAGING_SERVICE_SID);
            assertThat(headers).doesNotContainKey("CamelTwilio.from");
            assertThat(headers.get("CamelTwilio.to")).isEqualTo(new PhoneNumber(CLIENT_NUMBER));
            assertThat(headers.get("CamelTwilio.body")).isEqualTo("Hello");
            assertThat(headers.get("CamelTwilio.statusCallback")).isEqualTo("https://confirmloop.example.com/webhooks/twilio/status");
            assertThat(headers.get("CamelTwilio.validityPeriod")).isEqualTo(7200);
            assertThat(receipt).isEqualTo(new GatewayRequests.Receipt(MESSAGE_SID, "ACCEPTED"));
        }
    }
}
