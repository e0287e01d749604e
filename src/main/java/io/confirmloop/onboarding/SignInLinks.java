package io.confirmloop.onboarding;

import io.confirmloop.calendar.Calendar;
import io.confirmloop.calendar.Provider;
import io.confirmloop.calendar.ProviderEndpoints;
import org.springframework.stereotype.Component;

/** Where an owner signs in to a calendar's provider, and what to tell them about it. */
@Component
class SignInLinks {

    private final ProviderEndpoints endpoints;

    SignInLinks(ProviderEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    /** The consent page (through this app, which adds state and PKCE), or the Exchange sign-in page. */
    String url(Calendar calendar, String clioRegion) {
        String base = trim(endpoints.publicBaseUrl());
        if (calendar.provider() == Provider.EWS) {
            return base + "/connect-exchange.html?calendar=" + calendar.id();
        }
        String region = calendar.provider() == Provider.CLIO && clioRegion != null && !clioRegion.isBlank() ? "?region=" + clioRegion : "";
        return base + "/api/calendars/" + calendar.id() + "/sign-in" + region;
    }

    static String hint(Provider provider) {
        return switch (provider) {
            case EWS -> "Enter your Exchange email address, user name and password. ConfirmLoop finds your server from the address,"
                    + " or you give the server's address yourself.";
            case GRAPH -> "Microsoft asks you to sign in and to allow ConfirmLoop to read and write your calendars.";
            case GOOGLE -> "Google asks you to sign in and to allow ConfirmLoop to see and edit your calendars.";
            case CLIO -> "Clio asks you to sign in and to allow ConfirmLoop to use your calendars.";
            case INTERNAL -> "The built-in calendar needs no sign-in.";
        };
    }

    static String label(Provider provider) {
        return switch (provider) {
            case INTERNAL -> "the built-in calendar";
            case EWS -> "Exchange";
            case GRAPH -> "Microsoft 365";
            case GOOGLE -> "Google Calendar";
            case CLIO -> "Clio";
        };
    }

    private static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
