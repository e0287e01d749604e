package io.confirmloop.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.confirmloop.calendar.Connection.Clio;
import io.confirmloop.calendar.Connection.ClioRegion;
import io.confirmloop.calendar.Connection.Ews;
import io.confirmloop.calendar.Connection.EwsAuth;
import io.confirmloop.calendar.Connection.Google;
import io.confirmloop.calendar.Connection.Graph;
import io.confirmloop.calendar.Connection.Internal;
import io.confirmloop.system.ApiException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;

/** A calendar's {@code connection} by provider (DESIGN.md §3): checked input, PATCH, the stored form, and what a GET shows. */
class ConnectionCodecTest {

    private static final String PASSWORD = "pa55-W0rd-xyz!";
    private static final String ACCESS = "at-0123456789-ACCESS";
    private static final String REFRESH = "rt-9876543210-REFRESH";
    private static final Instant EXPIRES = Instant.parse("2030-01-31T09:00:00Z");
    private static final String EWS_URL = "https://mail.clinic.example/EWS/Exchange.asmx";

    private final ConnectionCodec codec = new ConnectionCodec(new ObjectMapper());

    /** A JSON object as the API hands it over; values may be null. */
    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static Map<String, Object> ews(Object... more) {
        Map<String, Object> input = map("email", "ann@clinic.example", "username", "CLINIC\\ann", "password", PASSWORD);
        input.putAll(map(more));
        return input;
    }

    private static Map<String, Object> oauth(Object... more) {
        Map<String, Object> input = map("calendarId", "cal-42", "accessToken", ACCESS);
        input.putAll(map(more));
        return input;
    }

    static Stream<Connection> samples() {
        return Stream.of(
                new Internal(),
                new Ews("ann@clinic.example", "CLINIC\\ann", new Secret(PASSWORD), EWS_URL, EwsAuth.NTLM),
                new Ews("ann@clinic.example", " ann ", new Secret("q\"ä\\ss\n" + PASSWORD + " "), null, EwsAuth.BASIC),
                new Ews("ann@clinic.example", "CLINIC\\ann", new Secret(PASSWORD), EWS_URL, EwsAuth.BASIC, "AAMkADk0ZmRkZGE3LTAwAC4AAAAAAAB="),
                new Graph("AAMkAGI2TG93AAA=", new Secret(ACCESS), new Secret(REFRESH), EXPIRES),
                new Graph("cal", new Secret(ACCESS), null, null),
                new Google("primary", new Secret(ACCESS), new Secret(REFRESH), Instant.parse("2030-01-31T09:00:00.123456789Z")),
                new Google("primary", new Secret(ACCESS), null, null),
                new Clio("123", new Secret(ACCESS), new Secret(REFRESH), EXPIRES, ClioRegion.EU),
                new Clio("123", new Secret(ACCESS), null, null, ClioRegion.US));
    }

    private static void assertInvalid(ThrowingCallable call, String... mentions) {
        assertRefused(call, HttpStatus.BAD_REQUEST, "INVALID_CONNECTION", mentions);
    }

    private static void assertRefused(ThrowingCallable call, HttpStatus status, String code, String... mentions) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).doesNotContain(PASSWORD, ACCESS, REFRESH);
            for (String mention : mentions) {
                assertThat(e.getMessage()).contains(mention);
            }
        });
    }

    @Nested
    class InternalCalendar {

        @Test
        void takesNoSettings() {
            assertThat(codec.fromInput(Provider.INTERNAL, null)).isEqualTo(new Internal());
            assertThat(codec.fromInput(Provider.INTERNAL, Map.of())).isEqualTo(new Internal());
            assertThat(codec.fromInput(Provider.INTERNAL, Map.of("provider", "internal"))).isEqualTo(new Internal());
        }

        @Test
        void refusesSettings() {
            assertInvalid(() -> codec.fromInput(Provider.INTERNAL, Map.of("password", PASSWORD)), "takes no connection settings");
        }
    }

    @Nested
    class ExchangeOnPremises {

        @Test
        void buildsTheConnection() {
            Connection c = codec.fromInput(Provider.EWS, ews("email", " ann@clinic.example ", "serverUrl", EWS_URL, "authType", "NTLM"));

            assertThat(c).isEqualTo(new Ews("ann@clinic.example", "CLINIC\\ann", new Secret(PASSWORD), EWS_URL, EwsAuth.NTLM));
            assertThat(c.provider()).isEqualTo(Provider.EWS);
        }

        @Test
        void withoutServerUrlAutodiscoversAndAuthTypeDefaultsToBasic() {
            assertThat(codec.fromInput(Provider.EWS, ews())).isEqualTo(
                    new Ews("ann@clinic.example", "CLINIC\\ann", new Secret(PASSWORD), null, EwsAuth.BASIC));
            assertThat(codec.fromInput(Provider.EWS, ews("serverUrl", " ", "authType", null)))
                    .extracting("serverUrl", "authType").containsExactly(null, EwsAuth.BASIC);
            assertThat(codec.fromInput(Provider.EWS, ews("authType", "Basic"))).extracting("authType").isEqualTo(EwsAuth.BASIC);
        }

        @Test
        void aChosenCalendarFolderIsKeptAndTheDefaultIsNone() {
            assertThat(((Ews) codec.fromInput(Provider.EWS, ews("folderId", "AAMkADk0ZmRkZGE3"))).folderId()).isEqualTo("AAMkADk0ZmRkZGE3");
            assertThat(((Ews) codec.fromInput(Provider.EWS, ews("folderId", " "))).folderId()).isNull();
            assertThat(codec.publicView(codec.fromInput(Provider.EWS, ews("folderId", "AAMkADk0ZmRkZGE3")))).containsEntry("folderId", "AAMkADk0ZmRkZGE3");
        }

        @Test
        void keepsThePasswordExactlyAsGiven() {
            assertThat(((Ews) codec.fromInput(Provider.EWS, ews("password", " " + PASSWORD + " "))).password().reveal())
                    .isEqualTo(" " + PASSWORD + " ");
        }

        @ParameterizedTest
        @ValueSource(strings = {"email", "username", "password"})
        void requires(String field) {
            Map<String, Object> input = ews();
            input.remove(field);
            assertInvalid(() -> codec.fromInput(Provider.EWS, input), "connection." + field + " is required");
            input.put(field, "  ");
            assertInvalid(() -> codec.fromInput(Provider.EWS, input), "connection." + field + " is required");
        }

        @Test
        void refusesAnInvalidEmail() {
            assertInvalid(() -> codec.fromInput(Provider.EWS, ews("email", PASSWORD)), "connection.email is not an email address");
        }

        @Test
        void refusesAnUnknownAuthType() {
            assertInvalid(() -> codec.fromInput(Provider.EWS, ews("authType", "kerberos")),
                    "connection.authType must be one of basic, ntlm");
        }

        @Test
        void refusesAValueThatIsNotAString() {
            assertInvalid(() -> codec.fromInput(Provider.EWS, ews("password", 40_981_234)), "connection.password must be a string");
            assertThatThrownBy(() -> codec.fromInput(Provider.EWS, ews("password", 40_981_234))).message().doesNotContain("40981234");
        }

        @Test
        void refusesUnknownFieldsByName() {
            assertInvalid(() -> codec.fromInput(Provider.EWS, ews("pasword", PASSWORD, "domain", ACCESS)),
                    "unknown field(s) domain, pasword", "email, username, password, serverUrl, authType, folderId");
        }

        @Test
        void refusesAnotherProviderInsideTheConnection() {
            assertInvalid(() -> codec.fromInput(Provider.EWS, ews("provider", "graph")), "connection.provider");
            assertThat(codec.fromInput(Provider.EWS, ews("provider", "EWS"))).isInstanceOf(Ews.class);
        }

        @Test
        void refusesOverlongText() {
            assertInvalid(() -> codec.fromInput(Provider.EWS, ews("username", "u".repeat(1001))), "connection.username is longer than");
        }

        @ParameterizedTest
        @ValueSource(strings = {"https://mail.clinic.example/EWS/Exchange.asmx", "https://mail.clinic.example:8443/ews/exchange.asmx",
                "http://localhost:8089/EWS/Exchange.asmx", "http://127.0.0.1:8089/EWS/Exchange.asmx"})
        void acceptsServerUrl(String url) {
            assertThat(codec.fromInput(Provider.EWS, ews("serverUrl", url))).extracting("serverUrl").isEqualTo(url);
        }

        @ParameterizedTest
        @ValueSource(strings = {"/EWS/Exchange.asmx", "mail.clinic.example", "https:///EWS", "not a url", "https://"})
        void refusesAServerUrlThatIsNotAbsolute(String url) {
            assertInvalid(() -> codec.fromInput(Provider.EWS, ews("serverUrl", url)), "connection.serverUrl is not an absolute URL");
        }

        @ParameterizedTest
        @ValueSource(strings = {"http://mail.clinic.example/EWS/Exchange.asmx", "ftp://mail.clinic.example/EWS",
                "http://10.0.0.5/EWS/Exchange.asmx"})
        void refusesAServerUrlThatIsNotHttps(String url) {
            assertInvalid(() -> codec.fromInput(Provider.EWS, ews("serverUrl", url)), "connection.serverUrl must be an https URL");
        }

        @Test
        void refusesCredentialsInTheServerUrlWithoutRepeatingThem() {
            assertInvalid(() -> codec.fromInput(Provider.EWS, ews("serverUrl", "https://ann:" + PASSWORD + "@mail.clinic.example/EWS")),
                    "connection.serverUrl must not contain credentials");
        }

        @ParameterizedTest
        @ValueSource(strings = {"https://outlook.office365.com/EWS/Exchange.asmx", "https://OUTLOOK.OFFICE.COM/ews/exchange.asmx",
                "https://outlook.office365.com./EWS/Exchange.asmx", "http://outlook.office365.com/EWS/Exchange.asmx"})
        void sendsExchangeOnlineToGraph(String url) {
            assertRefused(() -> codec.fromInput(Provider.EWS, ews("serverUrl", url)), HttpStatus.UNPROCESSABLE_ENTITY,
                    "EXCHANGE_ONLINE", "Exchange Online no longer serves EWS: connect this mailbox as a Microsoft 365 calendar (provider graph)");
        }
    }

    @Nested
    class OAuthProviders {

        @ParameterizedTest
        @EnumSource(value = Provider.class, names = {"GRAPH", "GOOGLE", "CLIO"})
        void needOnlyCalendarIdAndAccessToken(Provider provider) {
            Connection c = codec.fromInput(provider, oauth());

            assertThat(c.provider()).isEqualTo(provider);
            assertThat(c).isEqualTo(switch (provider) {
                case GRAPH -> new Graph("cal-42", new Secret(ACCESS), null, null);
                case GOOGLE -> new Google("cal-42", new Secret(ACCESS), null, null);
                default -> new Clio("cal-42", new Secret(ACCESS), null, null, ClioRegion.US);
            });
        }

        @ParameterizedTest
        @EnumSource(value = Provider.class, names = {"GRAPH", "GOOGLE", "CLIO"})
        void takeRefreshTokenAndExpiry(Provider provider) {
            Connection.OAuth c = (Connection.OAuth) codec.fromInput(provider,
                    oauth("refreshToken", REFRESH, "expiresAt", "2030-01-31T10:00:00+01:00"));

            assertThat(c.refreshToken()).isEqualTo(new Secret(REFRESH));
            assertThat(c.expiresAt()).isEqualTo(EXPIRES);
        }

        @ParameterizedTest
        @EnumSource(value = Provider.class, names = {"GRAPH", "GOOGLE", "CLIO"})
        void requireCalendarIdAndAccessToken(Provider provider) {
            assertInvalid(() -> codec.fromInput(provider, map("accessToken", ACCESS)), "connection.calendarId is required");
            assertInvalid(() -> codec.fromInput(provider, map("calendarId", "c", "refreshToken", REFRESH)),
                    "connection.accessToken is required");
            assertInvalid(() -> codec.fromInput(provider, null), "is required");
        }

        @ParameterizedTest
        @ValueSource(strings = {"tomorrow", "2030-01-31", "2030-01-31T09:00:00", "1893445200"})
        void refuseAnExpiryThatIsNotAnInstant(String value) {
            for (Provider provider : List.of(Provider.GRAPH, Provider.GOOGLE, Provider.CLIO)) {
                assertInvalid(() -> codec.fromInput(provider, oauth("expiresAt", value)),
                        "connection.expiresAt must be an ISO-8601 instant");
            }
        }

        @Test
        void clioTakesARegionCaseInsensitively() {
            assertThat(codec.fromInput(Provider.CLIO, oauth("region", "Eu"))).extracting("region").isEqualTo(ClioRegion.EU);
            assertThat(codec.fromInput(Provider.CLIO, oauth("region", "au"))).extracting("region").isEqualTo(ClioRegion.AU);
            assertInvalid(() -> codec.fromInput(Provider.CLIO, oauth("region", "mars")), "connection.region must be one of us, eu, ca, au");
        }

        @Test
        void graphAndGoogleTakeNoRegionNorPassword() {
            assertInvalid(() -> codec.fromInput(Provider.GRAPH, oauth("region", "eu")), "unknown field(s) region");
            assertInvalid(() -> codec.fromInput(Provider.GOOGLE, oauth("password", PASSWORD)), "unknown field(s) password");
        }
    }

    @Nested
    class Merge {

        private final Ews ews = new Ews("ann@clinic.example", "CLINIC\\ann", new Secret(PASSWORD), EWS_URL, EwsAuth.NTLM);
        private final Clio clio = new Clio("123", new Secret(ACCESS), new Secret(REFRESH), EXPIRES, ClioRegion.EU);

        @Test
        void keepsWhatIsLeftOutIncludingThePassword() {
            assertThat(codec.merge(ews, map("username", "CLINIC\\bob")))
                    .isEqualTo(new Ews("ann@clinic.example", "CLINIC\\bob", new Secret(PASSWORD), EWS_URL, EwsAuth.NTLM));
        }

        @Test
        void replacesWhatIsGiven() {
            assertThat(codec.merge(ews, map("password", "n3w-" + PASSWORD, "authType", "basic")))
                    .isEqualTo(new Ews("ann@clinic.example", "CLINIC\\ann", new Secret("n3w-" + PASSWORD), EWS_URL, EwsAuth.BASIC));
        }

        @Test
        void nullClearsAnOptionalFieldAndIsRefusedForARequiredOne() {
            assertThat(codec.merge(ews, map("serverUrl", null))).extracting("serverUrl").isNull();
            assertInvalid(() -> codec.merge(ews, map("password", null)), "connection.password is required");
        }

        @Test
        void keepsTheTokensWhenOnlyTheCalendarChanges() {
            assertThat(codec.merge(clio, map("calendarId", "456")))
                    .isEqualTo(new Clio("456", new Secret(ACCESS), new Secret(REFRESH), EXPIRES, ClioRegion.EU));
            assertThat(codec.merge(clio, map("accessToken", "fresh", "expiresAt", "2031-01-01T00:00:00Z")))
                    .isEqualTo(new Clio("123", new Secret("fresh"), new Secret(REFRESH), Instant.parse("2031-01-01T00:00:00Z"), ClioRegion.EU));
        }

        @Test
        void nothingGivenChangesNothing() {
            samples().forEach(c -> {
                assertThat(codec.merge(c, null)).isEqualTo(c);
                assertThat(codec.merge(c, Map.of())).isEqualTo(c);
            });
        }

        @Test
        void checksTheChangeLikeNewInput() {
            assertInvalid(() -> codec.merge(ews, map("email", "nope")), "connection.email");
            assertInvalid(() -> codec.merge(ews, map("region", "eu")), "unknown field(s) region");
            assertRefused(() -> codec.merge(ews, map("serverUrl", "https://outlook.office365.com/EWS/Exchange.asmx")),
                    HttpStatus.UNPROCESSABLE_ENTITY, "EXCHANGE_ONLINE");
            assertInvalid(() -> codec.merge(new Internal(), map("calendarId", "x")), "takes no connection settings");
        }

        @Test
        void cannotChangeTheProvider() {
            assertInvalid(() -> codec.merge(ews, map("provider", "graph")), "connection.provider");
            assertInvalid(() -> codec.merge(clio, map("provider", "google")), "connection.provider");
        }
    }

    @Nested
    class StoredJson {

        @ParameterizedTest
        @MethodSource("io.confirmloop.calendar.ConnectionCodecTest#samples")
        void roundTripsExactly(Connection c) {
            assertThat(codec.fromJson(codec.toJson(c))).isEqualTo(c);
        }

        @Test
        void carriesTheProviderAndTheCredentials() throws Exception {
            Map<String, Object> json = new ObjectMapper().readValue(codec.toJson(
                    new Ews("ann@clinic.example", "ann", new Secret(PASSWORD), null, EwsAuth.NTLM)), new TypeReference<>() { });

            assertThat(json).containsEntry("provider", "ews").containsEntry("password", PASSWORD)
                    .containsEntry("authType", "ntlm").containsEntry("serverUrl", null);
            assertThat(new ObjectMapper().readValue(codec.toJson(new Internal()), Map.class)).isEqualTo(Map.of("provider", "internal"));
        }

        @Test
        void refusesWhatItDidNotWriteWithoutQuotingIt() {
            String truncated = codec.toJson(new Graph("cal", new Secret(ACCESS), new Secret(REFRESH), null)).substring(0, 60);
            for (String json : new String[] {truncated, "{\"provider\":\"outlook\",\"password\":\"" + PASSWORD + "\"}",
                    "{\"provider\":\"graph\",\"calendarId\":\"c\",\"refreshToken\":\"" + REFRESH + "\"}",
                    "{\"provider\":\"graph\",\"calendarId\":\"c\",\"accessToken\":\"" + ACCESS + "\",\"expiresAt\":\"soon\"}",
                    "{\"provider\":\"clio\",\"calendarId\":\"c\",\"accessToken\":\"" + ACCESS + "\",\"region\":\"mars\"}",
                    "[\"" + ACCESS + "\"]", "null", "", null}) {
                assertThatThrownBy(() -> codec.fromJson(json))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageStartingWith("stored calendar connection is not valid")
                        .hasNoCause()
                        .message().doesNotContain(PASSWORD, ACCESS, REFRESH, "at-012");
            }
        }
    }

    @Nested
    class NeverShown {

        @Test
        void publicViewOfEws() {
            assertThat(codec.publicView(new Ews("ann@clinic.example", "CLINIC\\ann", new Secret(PASSWORD), EWS_URL, EwsAuth.NTLM)))
                    .containsExactly(Map.entry("email", "ann@clinic.example"), Map.entry("username", "CLINIC\\ann"),
                            Map.entry("serverUrl", EWS_URL), Map.entry("authType", "ntlm"), new java.util.AbstractMap.SimpleEntry<String, Object>("folderId", null),
                            Map.entry("passwordSet", true));
            assertThat(codec.publicView(new Ews("ann@clinic.example", "ann", new Secret(PASSWORD), null, EwsAuth.BASIC)))
                    .containsEntry("serverUrl", null).containsEntry("authType", "basic");
        }

        @Test
        void publicViewOfOAuthProviders() {
            assertThat(codec.publicView(new Graph("cal", new Secret(ACCESS), new Secret(REFRESH), EXPIRES))).containsExactly(
                    Map.entry("calendarId", "cal"), Map.entry("expiresAt", EXPIRES), Map.entry("refreshTokenSet", true));
            assertThat(codec.publicView(new Google("primary", new Secret(ACCESS), null, null)))
                    .containsEntry("calendarId", "primary").containsEntry("expiresAt", null)
                    .containsEntry("refreshTokenSet", false).hasSize(3);
            assertThat(codec.publicView(new Clio("123", new Secret(ACCESS), null, EXPIRES, ClioRegion.CA))).containsExactly(
                    Map.entry("calendarId", "123"), Map.entry("expiresAt", EXPIRES), Map.entry("refreshTokenSet", false),
                    Map.entry("region", "ca"));
            assertThat(codec.publicView(new Internal())).isEmpty();
        }

        @ParameterizedTest
        @MethodSource("io.confirmloop.calendar.ConnectionCodecTest#samples")
        void inThePublicView(Connection c) {
            assertThat(String.valueOf(codec.publicView(c))).doesNotContain(PASSWORD, ACCESS, REFRESH);
        }

        @ParameterizedTest
        @MethodSource("io.confirmloop.calendar.ConnectionCodecTest#samples")
        void inToString(Connection c) {
            assertThat(c.toString()).doesNotContain(PASSWORD, ACCESS, REFRESH);
            if (!(c instanceof Internal)) {
                assertThat(c.toString()).contains("••••");
            }
        }

        @Test
        void secretPrintsMaskedAndComparesByValue() {
            Secret secret = new Secret(PASSWORD);

            assertThat(secret).hasToString("••••").isEqualTo(new Secret(PASSWORD)).hasSameHashCodeAs(new Secret(PASSWORD))
                    .isNotEqualTo(new Secret(ACCESS));
            assertThat(secret.reveal()).isEqualTo(PASSWORD);
            assertThat(Secret.ofNullable(null)).isNull();
        }
    }
}
