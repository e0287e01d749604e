package io.confirmloop.calendar.ews;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.confirmloop.calendar.CalendarAccess;
import io.confirmloop.calendar.CalendarProviderException;
import io.confirmloop.calendar.Connection.EwsAuth;
import io.confirmloop.calendar.ProviderEndpoints;
import io.confirmloop.calendar.ProviderHttp;
import io.confirmloop.calendar.ProviderRequest;
import io.confirmloop.calendar.ProviderResponse;
import io.confirmloop.calendar.Secret;
import org.junit.jupiter.api.Test;

/**
 * Where Autodiscover looks when no autodiscover URL is configured: the address's own domain, then
 * its {@code autodiscover.} host, each with POX and then SOAP beside it; and how HTTP redirects are
 * followed (https only, relative ones against the URL that answered, a few times at most).
 */
class EwsAutodiscoverTest {

    private static final String EWS_URL = "https://mail.contoso.com/EWS/Exchange.asmx";

    private final List<ProviderRequest> asked = new ArrayList<>();

    private EwsAutodiscover autodiscover(String configuredUrl, Function<String, ProviderResponse> server) {
        ProviderHttp http = mock(ProviderHttp.class);
        when(http.send(any(CalendarAccess.class), any(ProviderRequest.class))).thenAnswer(call -> {
            ProviderRequest request = call.getArgument(1);
            asked.add(request);
            return server.apply(request.url());
        });
        ProviderEndpoints endpoints = new ProviderEndpoints("http://localhost:8080", null, null, null, new ProviderEndpoints.Ews(configuredUrl));
        return new EwsAutodiscover(http, endpoints);
    }

    private String discover(EwsAutodiscover autodiscover, String email) {
        return autodiscover.discover(email, "pat", new Secret("secret"), EwsAuth.BASIC);
    }

    private List<String> urls() {
        return asked.stream().map(ProviderRequest::url).toList();
    }

    private static ProviderResponse status(int status) {
        return new ProviderResponse(status, Map.of(), "");
    }

    private static ProviderResponse redirect(int status, String location) {
        return new ProviderResponse(status, Map.of("Location", location), "");
    }

    private static ProviderResponse settings() {
        return new ProviderResponse(200, Map.of("Content-Type", "text/xml"), "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
                + "<Autodiscover xmlns=\"http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006\">"
                + "<Response xmlns=\"http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a\">"
                + "<User><DisplayName>Pat</DisplayName></User><Account><AccountType>email</AccountType><Action>settings</Action>"
                + "<Protocol><Type>EXPR</Type><EwsUrl>" + EWS_URL + "</EwsUrl></Protocol></Account></Response></Autodiscover>");
    }

    @Test
    void withoutAConfiguredUrlTheAddressOwnDomainIsAskedFirstThenItsAutodiscoverHostEachWithPoxThenSoap() {
        EwsAutodiscover autodiscover = autodiscover("", url -> status(404));

        assertThatThrownBy(() -> discover(autodiscover, "Pat.Owner@Contoso.COM"))
                .isInstanceOf(CalendarProviderException.Rejected.class).hasMessageContaining("server URL");

        assertThat(urls()).containsExactly(
                "https://contoso.com/autodiscover/autodiscover.xml",
                "https://contoso.com/autodiscover/autodiscover.svc",
                "https://autodiscover.contoso.com/autodiscover/autodiscover.xml",
                "https://autodiscover.contoso.com/autodiscover/autodiscover.svc");
        assertThat(asked).allSatisfy(r -> assertThat(r.method()).isEqualTo("POST"));
        assertThat(asked.get(0).body()).contains("<EMailAddress>Pat.Owner@Contoso.COM</EMailAddress>");
        assertThat(asked.get(1).body()).contains("GetUserSettingsRequestMessage", "Pat.Owner@Contoso.COM");
    }

    @Test
    void theAutodiscoverHostAnswersWhenTheDomainDoesNot() {
        EwsAutodiscover autodiscover = autodiscover(" ", url -> url.startsWith("https://autodiscover.contoso.com/") && url.endsWith(".xml")
                ? settings() : status(404));

        assertThat(discover(autodiscover, "pat@contoso.com")).isEqualTo(EWS_URL);
        assertThat(urls()).containsExactly(
                "https://contoso.com/autodiscover/autodiscover.xml",
                "https://contoso.com/autodiscover/autodiscover.svc",
                "https://autodiscover.contoso.com/autodiscover/autodiscover.xml");
    }

    @Test
    void aConfiguredUrlIsTheOnlyOneAsked() {
        EwsAutodiscover autodiscover = autodiscover("https://ad.internal.example/autodiscover/autodiscover.xml", url -> status(404));

        assertThatThrownBy(() -> discover(autodiscover, "pat@contoso.com")).isInstanceOf(CalendarProviderException.Rejected.class);
        assertThat(urls()).containsExactly(
                "https://ad.internal.example/autodiscover/autodiscover.xml",
                "https://ad.internal.example/autodiscover/autodiscover.svc");
    }

    @Test
    void anHttpRedirectIsFollowedAndItsAnswerUsed() {
        EwsAutodiscover autodiscover = autodiscover("", url -> switch (url) {
            case "https://contoso.com/autodiscover/autodiscover.xml" -> redirect(302, "https://ad.contoso.com/autodiscover/autodiscover.xml");
            case "https://ad.contoso.com/autodiscover/autodiscover.xml" -> settings();
            default -> status(404);
        });

        assertThat(discover(autodiscover, "pat@contoso.com")).isEqualTo(EWS_URL);
        assertThat(urls()).containsExactly("https://contoso.com/autodiscover/autodiscover.xml", "https://ad.contoso.com/autodiscover/autodiscover.xml");
        assertThat(asked.get(1).body()).contains("<EMailAddress>pat@contoso.com</EMailAddress>");
    }

    @Test
    void aRelativeRedirectIsResolvedAgainstTheUrlThatAnsweredIt() {
        EwsAutodiscover autodiscover = autodiscover("", url -> switch (url) {
            case "https://contoso.com/autodiscover/autodiscover.xml" -> redirect(301, "/exchange/autodiscover/autodiscover.xml");
            case "https://contoso.com/exchange/autodiscover/autodiscover.xml" -> settings();
            default -> status(404);
        });

        assertThat(discover(autodiscover, "pat@contoso.com")).isEqualTo(EWS_URL);
    }

    @Test
    void aRedirectToAnotherSchemeIsRefused() {
        EwsAutodiscover plain = autodiscover("", url -> url.equals("https://contoso.com/autodiscover/autodiscover.xml")
                ? redirect(307, "http://ad.contoso.com/autodiscover/autodiscover.xml") : settings());
        assertThatThrownBy(() -> discover(plain, "pat@contoso.com"))
                .isInstanceOf(CalendarProviderException.Rejected.class).hasMessageContaining("not https");
        assertThat(urls()).doesNotContain("http://ad.contoso.com/autodiscover/autodiscover.xml");

        asked.clear();
        EwsAutodiscover ftp = autodiscover("", url -> url.equals("https://contoso.com/autodiscover/autodiscover.xml")
                ? redirect(308, "ftp://ad.contoso.com/autodiscover.xml") : settings());
        assertThatThrownBy(() -> discover(ftp, "pat@contoso.com"))
                .isInstanceOf(CalendarProviderException.Rejected.class).hasMessageContaining("not https");
        assertThat(urls()).containsExactly("https://contoso.com/autodiscover/autodiscover.xml");
    }

    @Test
    void redirectsEndAfterAFewHops() {
        EwsAutodiscover autodiscover = autodiscover("", url -> url.endsWith(".xml")
                ? redirect(302, url.replaceFirst("/autodiscover/autodiscover\\.xml$", "/again/autodiscover/autodiscover.xml"))
                : status(404));

        assertThatThrownBy(() -> discover(autodiscover, "pat@contoso.com"))
                .isInstanceOf(CalendarProviderException.Rejected.class).hasMessageContaining("server URL");
        assertThat(asked).hasSizeBetween(3, 11).allSatisfy(r -> assertThat(r.url()).startsWith("https://contoso.com/"));
    }
}
