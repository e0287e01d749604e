package io.confirmloop.calendar;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.confirmloop.system.ApiException;
import org.springframework.stereotype.Component;

/** The adapter for each provider. */
@Component
class CalendarProviders {

    private final Map<Provider, CalendarProvider> byProvider = new EnumMap<>(Provider.class);

    /** In the providers' order: the first adapter of a provider is the one used. */
    CalendarProviders(List<CalendarProvider> providers) {
        providers.forEach(p -> byProvider.putIfAbsent(p.provider(), p));
    }

    /** Whether calendars of this provider can be connected (an adapter is there). */
    public boolean supports(Provider provider) {
        return byProvider.containsKey(provider);
    }

    public CalendarProvider of(Calendar calendar) {
        CalendarProvider provider = byProvider.get(calendar.provider());
        if (provider == null) {
            throw ApiException.unprocessable("PROVIDER_NOT_AVAILABLE", "No adapter for provider " + calendar.provider().apiName());
        }
        return provider;
    }
}
