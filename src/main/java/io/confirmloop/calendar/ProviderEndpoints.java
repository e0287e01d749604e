package io.confirmloop.calendar;

import java.util.Locale;

import io.confirmloop.calendar.Connection.ClioRegion;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the calendar providers are, and this application's OAuth registration at each
 * ({@code confirmloop.graph.*}, {@code confirmloop.google.*}, {@code confirmloop.clio.*},
 * {@code confirmloop.ews.*}). Base URLs default to the real services and may point at a proxy or a
 * test double.
 *
 * @param publicBaseUrl the address owners' browsers reach this app on; the OAuth redirect URL is
 *                      {@code publicBaseUrl + /oauth/callback}
 */
@ConfigurationProperties("confirmloop")
public record ProviderEndpoints(
        @DefaultValue("http://localhost:8080") String publicBaseUrl,
        @DefaultValue Graph graph,
        @DefaultValue Google google,
        @DefaultValue Clio clio,
        @DefaultValue Ews ews) {

    public static final String CALLBACK_PATH = "/oauth/callback";

    /** Microsoft Graph, and the Microsoft identity platform that signs in to it. */
    public record Graph(
            @DefaultValue("https://graph.microsoft.com") String baseUrl,
            @DefaultValue("https://login.microsoftonline.com") String loginUrl,
            @DefaultValue("common") String tenant,
            @DefaultValue("") String clientId,
            @DefaultValue("") String clientSecret) {

        /** The API root, e.g. {@code https://graph.microsoft.com/v1.0}. */
        public String api() {
            return trim(baseUrl) + "/v1.0";
        }
    }

    /** Google Calendar API v3 and Google's OAuth endpoints. */
    public record Google(
            @DefaultValue("https://www.googleapis.com") String baseUrl,
            @DefaultValue("https://accounts.google.com/o/oauth2/v2/auth") String authorizeUrl,
            @DefaultValue("https://oauth2.googleapis.com/token") String tokenUrl,
            @DefaultValue("") String clientId,
            @DefaultValue("") String clientSecret) {

        /** The API root, e.g. {@code https://www.googleapis.com/calendar/v3}. */
        public String api() {
            return trim(baseUrl) + "/calendar/v3";
        }
    }

    /** Clio Manage API v4; its OAuth endpoints live on the same (regional) host. */
    public record Clio(
            @DefaultValue("https://app.clio.com") String baseUrl,
            @DefaultValue("") String clientId,
            @DefaultValue("") String clientSecret) {

        /**
         * The host of a region: the base URL as configured, with {@code eu.}, {@code ca.} or
         * {@code au.} put before {@code app.clio.com} when the base URL is the real service.
         */
        public String host(ClioRegion region) {
            String base = trim(baseUrl);
            if (region == null || region == ClioRegion.US || !base.equals("https://app.clio.com")) {
                return base;
            }
            return "https://" + region.name().toLowerCase(Locale.ROOT) + ".app.clio.com";
        }

        public String api(ClioRegion region) {
            return host(region) + "/api/v4";
        }
    }

    /**
     * Exchange on-premises.
     *
     * @param autodiscoverUrl when set, the one autodiscover endpoint asked for every address (a
     *                        proxy, or a test double) instead of the ones derived from its domain
     */
    public record Ews(@DefaultValue("") String autodiscoverUrl) {
    }

    public String redirectUri() {
        return trim(publicBaseUrl) + CALLBACK_PATH;
    }

    static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
