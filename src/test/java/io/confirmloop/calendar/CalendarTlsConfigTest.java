package io.confirmloop.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.junit.jupiter.api.Test;

/** TLS to the calendar providers: the JVM's CAs, or a configured trust store; never "trust all". */
class CalendarTlsConfigTest {

    private final CalendarTlsConfig config = new CalendarTlsConfig();

    @Test
    void withoutATrustStoreTheJvmsCasAreUsed() throws Exception {
        SSLContextParameters tls = config.calendarTls("", "");

        assertThat(tls.getTrustManagers()).isNull();
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            assertThat(tls.createSSLContext(camel).getProtocol()).isNotBlank();
        }
    }

    @Test
    void aConfiguredTrustStoreReplacesThemAndAMissingOneIsAnErrorNotTrustAll() throws Exception {
        SSLContextParameters tls = config.calendarTls("/etc/confirmloop/exchange-ca.p12", "changeit");

        assertThat(tls.getTrustManagers().getKeyStore().getResource()).isEqualTo("file:/etc/confirmloop/exchange-ca.p12");
        assertThat(tls.getTrustManagers().getKeyStore().getType()).isEqualTo("PKCS12");
        assertThat(config.calendarTls("classpath:ca.jks", "").getTrustManagers().getKeyStore().getType()).isEqualTo("JKS");
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            assertThatThrownBy(() -> tls.createSSLContext(camel)).hasMessageContaining("exchange-ca.p12");
        }
    }
}
