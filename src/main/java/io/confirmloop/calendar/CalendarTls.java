package io.confirmloop.calendar;

import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * TLS for the calendar providers: certificates are always verified, against the JVM's CAs or, when
 * {@code confirmloop.calendars.trust-store} is set, against the CAs of that trust store (for an
 * Exchange server with an internal CA). There is no "trust all" setting.
 */
@Configuration(value = "calendarTlsConfiguration", proxyBeanMethods = false)
class CalendarTls {

    @Bean
    SSLContextParameters calendarTls(@Value("${confirmloop.calendars.trust-store:}") String trustStore,
            @Value("${confirmloop.calendars.trust-store-password:}") String password) {
        SSLContextParameters tls = new SSLContextParameters();
        if (!trustStore.isBlank()) {
            KeyStoreParameters store = new KeyStoreParameters();
            store.setResource(trustStore.contains(":") ? trustStore : "file:" + trustStore);
            store.setType(trustStore.endsWith(".jks") ? "JKS" : "PKCS12");
            store.setPassword(password.isEmpty() ? null : password);
            TrustManagersParameters trust = new TrustManagersParameters();
            trust.setKeyStore(store);
            tls.setTrustManagers(trust);
        }
        return tls;
    }
}
