package io.confirmloop.calendar.ews;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.confirmloop.calendar.Calendar;
import io.confirmloop.calendar.CalendarAccess;
import io.confirmloop.calendar.CalendarProviderException;
import io.confirmloop.calendar.Connection;
import io.confirmloop.calendar.Connection.EwsAuth;
import io.confirmloop.calendar.Provider;
import io.confirmloop.calendar.ProviderEndpoints;
import io.confirmloop.calendar.ProviderHttp;
import io.confirmloop.calendar.ProviderRequest;
import io.confirmloop.calendar.ProviderResponse;
import io.confirmloop.calendar.Secret;
import org.springframework.stereotype.Component;

/**
 * Finds the EWS endpoint of a mailbox from its address (Autodiscover), signed in as the mailbox's
 * user: the configured autodiscover URL only, when {@code confirmloop.ews.autodiscover-url} is set;
 * else {@code https://<domain>/autodiscover/autodiscover.xml}, then the {@code autodiscover.<domain>}
 * host. Each is asked with the POX protocol, then with SOAP GetUserSettings at
 * {@code autodiscover.svc} beside it. Redirects (to another address, another URL, or an HTTP
 * redirect) are followed a few times, to https URLs only. Exchange Online is refused: it no longer
 * serves EWS. A calendar's endpoint is found once and kept in memory per calendar and address.
 */
@Component
public class EwsAutodiscover {

    private static final int MAX_REDIRECTS = 5;
    private static final Set<String> EXCHANGE_ONLINE = Set.of("outlook.office365.com", "outlook.office.com");
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1");

    private final ProviderHttp http;
    private final ProviderEndpoints endpoints;
    private final Map<String, String> found = new ConcurrentHashMap<>();

    EwsAutodiscover(ProviderHttp http, ProviderEndpoints endpoints) {
        this.http = http;
        this.endpoints = endpoints;
    }

    /**
     * The EWS endpoint of the mailbox, e.g. {@code https://mail.contoso.com/EWS/Exchange.asmx}, for
     * the onboarding to store as the calendar's server URL.
     *
     * @throws CalendarProviderException Unauthorized (wrong user or password), Rejected (none found,
     *                                   or an Exchange Online mailbox), Unavailable (try again)
     */
    public String discover(String email, String username, Secret password, EwsAuth auth) {
        return discover(connecting(new Connection.Ews(email, username, password, null, auth)), email);
    }

    /** The endpoint of a calendar that has no server URL: discovered once per calendar and address. */
    String serverUrl(CalendarAccess access) {
        Connection.Ews ews = (Connection.Ews) access.connection();
        String key = access.calendar().id() + "\u0000" + ews.email().toLowerCase(Locale.ROOT) + "\u0000" + ews.username();
        String url = found.get(key);
        if (url == null) {
            url = discover(access, ews.email());
            found.put(key, url);
        }
        return url;
    }

    /** A connection not yet (or never) stored with a calendar, to send requests with (onboarding). */
    static CalendarAccess connecting(Connection connection) {
        Calendar calendar = new Calendar("connecting", null, "Exchange", null, Provider.EWS, ZoneOffset.UTC, null, null, false, false,
                false, false, false, false, null, null, null, null, Instant.EPOCH);
        return new CalendarAccess(calendar, connection);
    }

    private String discover(CalendarAccess access, String email) {
        String address = email;
        List<String> urls = candidates(address);
        CalendarProviderException failure = null;
        hops:
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            for (String url : urls) {
                AutodiscoverMessages.Answer answer;
                try {
                    answer = ask(access, url, address);
                } catch (CalendarProviderException e) {
                    failure = failure instanceof CalendarProviderException.Unauthorized ? failure : e;
                    continue;
                }
                if (answer.ewsUrl() != null) {
                    return checked(answer.ewsUrl());
                }
                if (answer.redirectAddress() != null && answer.redirectAddress().contains("@")) {
                    address = answer.redirectAddress().trim();
                    urls = candidates(address);
                    continue hops;
                }
                if (answer.redirectUrl() != null) {
                    urls = List.of(checked(answer.redirectUrl()));
                    continue hops;
                }
            }
            break;
        }
        if (failure instanceof CalendarProviderException.Unauthorized || failure instanceof CalendarProviderException.Unavailable) {
            throw failure;
        }
        throw new CalendarProviderException.Rejected("Autodiscover found no Exchange (EWS) server for this address: give the server URL, "
                + "e.g. https://mail.example.com/EWS/Exchange.asmx", 422, failure);
    }

    /** POX at {@code url}, then SOAP beside it; an HTTP redirect counts as a redirect URL. */
    private AutodiscoverMessages.Answer ask(CalendarAccess access, String url, String address) {
        ProviderResponse pox = http.send(access, xml(url, AutodiscoverMessages.poxRequest(address)).passing(301, 302, 307, 308, 404));
        if (pox.status() >= 300 && pox.status() < 400) {
            return new AutodiscoverMessages.Answer(null, null, pox.header("Location").map(location -> resolved(url, location)).orElse(null), null);
        }
        AutodiscoverMessages.Answer answer = pox.status() == 200 ? AutodiscoverMessages.pox(pox.body())
                : AutodiscoverMessages.Answer.error("POX answered " + pox.status());
        if (answer.error() == null) {
            return answer;
        }
        String soapUrl = url.replaceFirst("(?i)/autodiscover\\.xml$", "/autodiscover.svc");
        if (soapUrl.equals(url)) {
            return answer;
        }
        ProviderResponse soap = http.send(access, xml(soapUrl, AutodiscoverMessages.soapRequest(soapUrl, address)).passing(404, 500));
        return soap.status() == 200 ? AutodiscoverMessages.soap(soap.body()) : answer;
    }

    /** A Location header against the URL that answered it (it may be relative); as it is if unreadable. */
    private static String resolved(String url, String location) {
        try {
            return URI.create(url).resolve(location.trim()).toString();
        } catch (IllegalArgumentException e) {
            return location;
        }
    }

    private static ProviderRequest xml(String url, String body) {
        return new ProviderRequest("POST", url, Map.of("Content-Type", "text/xml; charset=utf-8", "Accept", "text/xml"), body, Set.of());
    }

    private List<String> candidates(String address) {
        String configured = endpoints.ews().autodiscoverUrl();
        if (configured != null && !configured.isBlank()) {
            return List.of(configured.trim());
        }
        String domain = address.substring(address.indexOf('@') + 1).trim().toLowerCase(Locale.ROOT);
        return List.of("https://" + domain + "/autodiscover/autodiscover.xml", "https://autodiscover." + domain + "/autodiscover/autodiscover.xml");
    }

    /** An https URL of an on-premises server (http only for localhost); never Exchange Online. */
    static String checked(String url) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        String host = uri == null || uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT).replaceFirst("\\.$", "");
        if (host == null || uri.getScheme() == null) {
            throw new CalendarProviderException.Rejected("Autodiscover answered an address that is no URL", 422, null);
        }
        if (EXCHANGE_ONLINE.contains(host)) {
            throw new CalendarProviderException.Rejected(
                    "Exchange Online no longer serves EWS: connect this mailbox as a Microsoft 365 calendar (provider graph)", 422, null);
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && LOCAL_HOSTS.contains(host))) {
            throw new CalendarProviderException.Rejected("Autodiscover pointed to a URL that is not https: refused", 422, null);
        }
        return url.trim();
    }
}
