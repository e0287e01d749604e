package io.confirmloop.messaging;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

import org.apache.camel.Exchange;
import org.apache.camel.component.mail.MailEndpoint;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * The {@code email-smtp} route's helper ({@code confirmloop.mail.provider=smtp}): the SMTP endpoint
 * from {@code spring.mail.*}, and each mail as multipart text + HTML. The route strips every other
 * header first, since camel-mail turns exchange headers into mail headers.
 */
@Component("smtpMail")
@ConditionalOnProperty(name = "confirmloop.mail.provider", havingValue = "smtp")
public class SmtpMail {

    static final String ALTERNATIVE_BODY = "CamelMailAlternativeBody";

    private final String uri;
    private final String password;

    /**
     * @param protocol {@code smtp} (plain, or STARTTLS with {@code starttls}) or {@code smtps} (TLS from the start, port 465)
     */
    SmtpMail(@Value("${spring.mail.host}") String host, @Value("${spring.mail.port:25}") int port,
            @Value("${spring.mail.username:}") String username, @Value("${spring.mail.password:}") String password,
            @Value("${confirmloop.mail.starttls:false}") boolean starttls, @Value("${confirmloop.mail.timeout:PT20S}") java.time.Duration timeout,
            @Value("${confirmloop.mail.protocol:smtp}") String protocol) {
        if (!protocol.equals("smtp") && !protocol.equals("smtps")) {
            throw new IllegalStateException("confirmloop.mail.protocol must be smtp or smtps, not " + protocol);
        }
        String props = "mail." + protocol + ".";
        StringBuilder u = new StringBuilder(protocol).append("://").append(host).append(':').append(port)
                .append("?connectionTimeout=").append(timeout.toMillis())
                .append('&').append(props).append("timeout=").append(timeout.toMillis())
                .append('&').append(props).append("starttls.enable=").append(starttls)
                .append('&').append(props).append("starttls.required=").append(starttls);
        if (!username.isBlank()) {
            u.append("&username=").append(URLEncoder.encode(username, StandardCharsets.UTF_8));
        }
        this.uri = u.toString();
        this.password = username.isBlank() ? null : password;
    }

    /** The endpoint the route sends to. The password is set on the endpoint, never written into its URI. */
    public String uri() {
        return uri;
    }

    /** Sets To, From, Subject and the two bodies on a message that carries no other headers. */
    public void prepare(Exchange exchange) {
        if (password != null) {
            MailEndpoint endpoint = exchange.getContext().getEndpoint(uri, MailEndpoint.class);
            if (endpoint != null && !password.equals(endpoint.getConfiguration().getPassword())) {
                endpoint.getConfiguration().setPassword(password);
            }
        }
        GatewayRequests.Email mail = exchange.getMessage().getBody(GatewayRequests.Email.class);
        var out = exchange.getMessage();
        out.setHeader("To", mail.to());
        out.setHeader("From", mail.from());
        out.setHeader("Subject", mail.subject());
        out.setHeader("X-ConfirmLoop-Message-Id", mail.messageId());
        out.setHeader(ALTERNATIVE_BODY, mail.text());
        out.setHeader(Exchange.CONTENT_TYPE, "text/html; charset=UTF-8");
        out.setBody(html(mail.text()));
        exchange.setProperty("confirmloopMessageId", mail.messageId());
    }

    public GatewayRequests.Receipt receipt(Exchange exchange) {
        return new GatewayRequests.Receipt("smtp:" + exchange.getProperty("confirmloopMessageId", String.class), Message.Status.SENT);
    }

    static String html(String text) {
        String paragraphs = Arrays.stream(text.split("\\R\\s*\\R"))
                .map(p -> "<p>" + HtmlUtils.htmlEscape(p.strip()).replaceAll("\\R", "<br>") + "</p>")
                .collect(Collectors.joining("\n"));
        return "<!DOCTYPE html><html><body style=\"font-family: sans-serif\">\n" + paragraphs + "\n</body></html>";
    }
}
