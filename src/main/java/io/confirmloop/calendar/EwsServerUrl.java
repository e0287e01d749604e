package io.confirmloop.calendar;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

import io.confirmloop.system.ApiException;

/** The rules for an EWS endpoint an owner types in; messages never repeat the URL, which may carry a password. */
final class EwsServerUrl {

    static final int MAX_LENGTH = 2_000;
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1");
    private static final Set<String> EXCHANGE_ONLINE = Set.of("outlook.office365.com", "outlook.office.com");

    private EwsServerUrl() {
    }

    /** {@code url} itself when it is an absolute https URL of an on-premises server (http only for localhost). */
    static String check(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null || !uri.isAbsolute() || uri.getHost() == null) {
            throw ConnectionInput.invalid("connection.serverUrl is not an absolute URL: give the full EWS endpoint, e.g. "
                    + "https://mail.example.com/EWS/Exchange.asmx, or leave it out to autodiscover from the email");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT).replaceFirst("\\.$", "");
        if (EXCHANGE_ONLINE.contains(host)) {
            throw ApiException.unprocessable("EXCHANGE_ONLINE",
                    "Exchange Online no longer serves EWS: connect this mailbox as a Microsoft 365 calendar (provider graph)");
        }
        if (uri.getRawUserInfo() != null) {
            throw ConnectionInput.invalid("connection.serverUrl must not contain credentials: give them as username and password");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && LOCAL_HOSTS.contains(host))) {
            throw ConnectionInput.invalid("connection.serverUrl must be an https URL (http only for localhost)");
        }
        return url;
    }
}
