package io.confirmloop.calendar;

import java.util.UUID;

/** The in-memory stand-in for a provider calendar keeps the seam's contract, like the real ones. */
class FakeRemoteCalendarContractTest extends CalendarProviderContract {

    private final FakeRemoteCalendar provider = new FakeRemoteCalendar();

    @Override
    protected CalendarProvider provider() {
        return provider;
    }

    @Override
    protected CalendarAccess emptyCalendar() {
        String id = UUID.randomUUID().toString();
        return new CalendarAccess(TestCalendars.calendar(id, Provider.GOOGLE),
                new Connection.Google("primary-" + id, new Secret("ya29.token"), null, null));
    }

    @Override
    protected int pageSize() {
        return 3;
    }

    @Override
    protected boolean expireCursors() {
        provider.expireCursors();
        return true;
    }
}
