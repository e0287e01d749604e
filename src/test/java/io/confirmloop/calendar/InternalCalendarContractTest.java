package io.confirmloop.calendar;

import java.time.Duration;

import io.confirmloop.support.MigratedDatabase;
import io.confirmloop.system.AppClock;

/** The built-in calendar keeps the seam's contract, on H2 (the embedded default). */
class InternalCalendarContractTest extends CalendarProviderContract {

    static final int PAGE_SIZE = 4;

    private final MigratedDatabase database;
    private final InternalCalendar provider;

    InternalCalendarContractTest() {
        this.database = database();
        this.provider = new InternalCalendar(new CalendarEventStore(database.jdbc()), new AppClock(),
                new SyncSettings(Duration.ofMinutes(2), Duration.ofDays(14), Duration.ofHours(6), Duration.ofMinutes(1), 200, PAGE_SIZE));
    }

    private static MigratedDatabase h2;

    /** The database the built-in calendar keeps its events in (one per class; every test has a calendar of its own). */
    MigratedDatabase database() {
        synchronized (InternalCalendarContractTest.class) {
            if (h2 == null) {
                h2 = MigratedDatabase.h2();
            }
            return h2;
        }
    }

    @Override
    protected CalendarProvider provider() {
        return provider;
    }

    @Override
    protected CalendarAccess emptyCalendar() {
        return new CalendarAccess(TestCalendars.calendar(database.calendar("INTERNAL"), Provider.INTERNAL), new Connection.Internal());
    }

    @Override
    protected int pageSize() {
        return PAGE_SIZE;
    }

    @Override
    protected boolean expireCursors() {
        return false;
    }
}
