package io.confirmloop.calendar.ews;

import java.util.List;

import io.confirmloop.calendar.CalendarAccess;
import io.confirmloop.calendar.Connection;
import io.confirmloop.calendar.ProviderHttp;
import org.apache.camel.Exchange;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.auth.AuthScheme;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.Credentials;
import org.apache.hc.client5.http.auth.CredentialsProvider;
import org.apache.hc.client5.http.auth.NTCredentials;
import org.apache.hc.client5.http.impl.auth.NTLMScheme;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.springframework.stereotype.Component;

/**
 * NTLM for the EWS route ({@code ewsNtlm}): the HTTP client of the route's NTLM endpoint answers an
 * {@code NTLM} challenge (and only that) with the credentials of the calendar being called. They are
 * handed over for the one synchronous call in a thread-local that the route sets from the
 * exchange's {@link CalendarAccess} right before the call and clears right after it, so they never
 * sit in a header, an endpoint URI, the Camel registry or a log line, and no call can use another
 * calendar's. NTLM authenticates the connection, and HttpClient keeps such a connection for the
 * same user only.
 */
@Component("ewsNtlm")
@SuppressWarnings("deprecation") // HttpClient 5 deprecates NTLM (Microsoft does too), but Exchange on-premises still offers it
public class EwsNtlm implements HttpClientConfigurer, CredentialsProvider {

    private static final ThreadLocal<NTCredentials> CURRENT = new ThreadLocal<>();

    /** Whether the exchange's calendar signs in with NTLM (the route then takes its NTLM endpoint). */
    public boolean applies(Exchange exchange) {
        CalendarAccess access = exchange.getProperty(ProviderHttp.ACCESS, CalendarAccess.class);
        return access != null && access.connection() instanceof Connection.Ews ews && ews.authType() == Connection.EwsAuth.NTLM;
    }

    /** Before the call: the calendar's user (DOMAIN\\user or user@domain) and password, for this thread. */
    public void enter(Exchange exchange) {
        CalendarAccess access = exchange.getProperty(ProviderHttp.ACCESS, CalendarAccess.class);
        Connection.Ews ews = (Connection.Ews) access.connection();
        CURRENT.set(credentials(ews.username(), ews.password().reveal().toCharArray()));
    }

    /** After the call, whatever happened. */
    public void leave(Exchange exchange) {
        CURRENT.remove();
    }

    static NTCredentials credentials(String username, char[] password) {
        int slash = username.indexOf('\\');
        if (slash > 0) {
            return new NTCredentials(username.substring(slash + 1), password, null, username.substring(0, slash));
        }
        return new NTCredentials(username, password, null, null);
    }

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        builder.setDefaultCredentialsProvider(this);
        // one attempt per call, as on calendar-http: the sync backs off as Exchange asks
        builder.disableAutomaticRetries();
        builder.setTargetAuthenticationStrategy((challengeType, challenges, context) -> challenges.containsKey("ntlm")
                ? List.<AuthScheme>of(new NTLMScheme()) : List.of());
    }

    @Override
    public Credentials getCredentials(AuthScope authScope, HttpContext context) {
        return CURRENT.get();
    }
}
