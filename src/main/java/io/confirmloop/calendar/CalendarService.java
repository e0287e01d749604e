package io.confirmloop.calendar;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Pattern;

import io.confirmloop.system.ApiException;
import io.confirmloop.system.AppClock;
import io.confirmloop.system.CurrentAccount;
import io.confirmloop.system.Ids;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creating, changing and deleting calendars, within the caller's accounts. */
@Service
public class CalendarService {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private final CalendarRepository calendars;
    private final CurrentAccount account;
    private final IdentityService identity;
    private final PhoneNumbers phoneNumbers;
    private final ApplicationEventPublisher events;
    private final CalendarEventStore eventStore;
    private final CalendarProviders providers;
    private final CalendarConnections connections;
    private final ConnectionCodec codec;
    private final CalendarSync sync;
    private final AppClock clock;
    private final String defaultRegion;

    CalendarService(CalendarRepository calendars, CurrentAccount account, IdentityService identity, PhoneNumbers phoneNumbers,
            ApplicationEventPublisher events, CalendarEventStore eventStore, CalendarSync sync, CalendarProviders providers,
            CalendarConnections connections, ConnectionCodec codec, AppClock clock,
            @Value("${confirmloop.default-region}") String defaultRegion) {
        this.calendars = calendars;
        this.account = account;
        this.identity = identity;
        this.phoneNumbers = phoneNumbers;
        this.events = events;
        this.eventStore = eventStore;
        this.providers = providers;
        this.connections = connections;
        this.codec = codec;
        this.sync = sync;
        this.clock = clock;
        this.defaultRegion = defaultRegion;
    }

    /** A calendar the caller may see, or 404 (also for other accounts' calendars: they do not exist for the caller). */
    public Calendar visible(String id) {
        return calendars.find(id).filter(c -> account.canSee(c.ownerGroup()))
                .orElseThrow(() -> ApiException.notFound("Calendar", id));
    }

    public List<Calendar> visibleCalendars() {
        return account.isAdmin() ? calendars.findAll() : calendars.findByGroups(account.groups());
    }

    @Transactional
    public Calendar create(CalendarInput in) {
        if (in == null) {
            throw ApiException.badRequest("MALFORMED_REQUEST", "A JSON body is required");
        }
        String group = in.ownerGroup() == null ? account.defaultGroup() : in.ownerGroup();
        if (!account.canSee(group)) {
            throw ApiException.badRequest("INVALID_OWNER_GROUP", "You are not a member of account group '" + group + "'");
        }
        return createInAccount(group, in);
    }

    /** Creates a calendar in the account {@code group} (no caller check: for set-up code). */
    @Transactional
    public Calendar createInAccount(String group, CalendarInput in) {
        String name = required(in.name(), "name");
        Provider provider = Provider.parse(in.provider());
        if (!providers.supports(provider)) {
            throw ApiException.unprocessable("PROVIDER_NOT_AVAILABLE",
                    "Provider " + provider.apiName() + " cannot be connected yet; use provider internal (the built-in calendar)");
        }
        Connection connection = codec.fromInput(provider, in.connection());
        if (identity.createGroupQuery().groupId(group).count() == 0) {
            throw ApiException.badRequest("INVALID_OWNER_GROUP", "Account group '" + group + "' does not exist");
        }
        Calendar c = new Calendar(Ids.newId(), group, name,
                in.businessName() == null || in.businessName().isBlank() ? name : in.businessName().trim(),
                provider, zone(required(in.timeZone(), "timeZone")), region(in.region() == null ? defaultRegion : in.region()),
                email(in.notificationEmail()),
                bool(in.active(), true), bool(in.ownerEventsOnly(), true), bool(in.updateDescriptions(), false),
                bool(in.copyAppointments(), false), bool(in.useForAvailability(), provider == Provider.INTERNAL),
                bool(in.cancellationTexts(), true),
                ruleSet(in.ruleSet() == null ? "default" : in.ruleSet()), null, null, null, clock.now(), bool(in.allEventsBusy(), false));
        calendars.insert(c);
        connections.store(c.id(), connection);
        return c;
    }

    @Transactional
    public Calendar update(String id, CalendarInput in) {
        return apply(visible(id), in);
    }

    /** The calendars of these account groups (for a process acting for the user who started it). */
    public List<Calendar> calendarsOf(java.util.Collection<String> groups) {
        return calendars.findByGroups(groups);
    }

    /**
     * {@link #update} for a process acting for a user of {@code groups} (no signed-in caller). A
     * refused value writes nothing (every value is checked before the write), and does not spoil the
     * process's transaction: the process shows the owner the reason.
     */
    @Transactional(noRollbackFor = ApiException.class)
    public Calendar updateFor(java.util.Collection<String> groups, String id, CalendarInput in) {
        return apply(ownedBy(groups, id), in);
    }

    /** {@link #delete} for a process acting for a user of {@code groups}. */
    @Transactional
    public void deleteFor(java.util.Collection<String> groups, String id) {
        ownedBy(groups, id);
        events.publishEvent(new CalendarEvents.CalendarDeleting(id));
        calendars.delete(id);
    }

    private Calendar ownedBy(java.util.Collection<String> groups, String id) {
        return calendars.find(id).filter(c -> groups.contains(c.ownerGroup())).orElseThrow(() -> ApiException.notFound("Calendar", id));
    }

    private Calendar apply(Calendar c, CalendarInput in) {
        String id = c.id();
        if (in == null) {
            throw ApiException.badRequest("MALFORMED_REQUEST", "A JSON body is required");
        }
        if (in.provider() != null && Provider.parse(in.provider()) != c.provider()) {
            throw ApiException.badRequest("PROVIDER_IMMUTABLE", "The provider of a calendar cannot change; connect a new calendar");
        }
        if (in.ownerGroup() != null && !in.ownerGroup().equals(c.ownerGroup())) {
            throw ApiException.badRequest("OWNER_GROUP_IMMUTABLE", "A calendar cannot move to another account");
        }
        Calendar updated = new Calendar(c.id(), c.ownerGroup(),
                in.name() == null ? c.name() : required(in.name(), "name"),
                in.businessName() == null ? c.businessName() : required(in.businessName(), "businessName"),
                c.provider(),
                in.timeZone() == null ? c.timeZone() : zone(in.timeZone()),
                in.region() == null ? c.region() : region(in.region()),
                in.notificationEmail() == null ? c.notificationEmail() : email(in.notificationEmail()),
                bool(in.active(), c.active()), bool(in.ownerEventsOnly(), c.ownerEventsOnly()),
                bool(in.updateDescriptions(), c.updateDescriptions()), bool(in.copyAppointments(), c.copyAppointments()),
                bool(in.useForAvailability(), c.useForAvailability()), bool(in.cancellationTexts(), c.cancellationTexts()),
                in.ruleSet() == null ? c.ruleSet() : ruleSet(in.ruleSet()), c.lastSyncedAt(), c.lastErrorAt(), c.lastError(),
                c.createdAt(), bool(in.allEventsBusy(), c.allEventsBusy()));
        calendars.update(updated);
        if (updated.active() != c.active()) {
            events.publishEvent(new CalendarEvents.CalendarSwitched(id, updated.active()));
        }
        if (in.connection() != null && !in.connection().isEmpty()) {
            connections.store(id, codec.merge(connections.connection(c), in.connection()));
        }
        if (updated.active() && (!c.active() || !c.region().equals(updated.region()) || c.ownerEventsOnly() != updated.ownerEventsOnly())) {
            // What the events mean changed (or they were not taken in while the calendar was off): look at every one again.
            eventStore.forgetApplied(id);
            sync.queueNotApplied(id, clock.now(), true);
        }
        return updated;
    }

    /**
     * A calendar of the account {@code group} that is not connected yet and not watched (onboarding):
     * the same checks as {@link #createInAccount}, no connection, switched off.
     */
    @Transactional
    Calendar createUnconnected(String group, Provider provider, String name, String notificationEmail, ZoneId zone) {
        if (identity.createGroupQuery().groupId(group).count() == 0) {
            throw ApiException.badRequest("INVALID_OWNER_GROUP", "Account group '" + group + "' does not exist");
        }
        if (!providers.supports(provider)) {
            throw ApiException.unprocessable("PROVIDER_NOT_AVAILABLE", "Provider " + provider.apiName() + " cannot be connected");
        }
        String checked = required(name, "name");
        Calendar c = new Calendar(Ids.newId(), group, checked, checked, provider, zone, region(defaultRegion), email(notificationEmail),
                false, true, provider != Provider.INTERNAL, false, provider == Provider.INTERNAL, true, "default",
                null, null, null, clock.now());
        calendars.insert(c);
        return c;
    }

    /** Deletes the calendar and its appointments from ConfirmLoop; never touches the provider. */
    @Transactional
    public void delete(String id) {
        visible(id);
        events.publishEvent(new CalendarEvents.CalendarDeleting(id));
        calendars.delete(id);
    }

    static ZoneId zone(String value) {
        try {
            return ZoneId.of(value.trim());
        } catch (DateTimeException e) {
            throw ApiException.badRequest("INVALID_TIME_ZONE",
                    "Unknown time zone '" + value + "': use an IANA zone name such as Europe/London or America/New_York");
        }
    }

    private String region(String value) {
        String region = value.trim().toUpperCase(java.util.Locale.ROOT);
        if (!phoneNumbers.isSupportedRegion(region)) {
            throw ApiException.badRequest("INVALID_REGION",
                    "Unknown region '" + value + "': use a two-letter country code such as US, GB or DE");
        }
        return region;
    }

    private static String email(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String email = value.trim();
        if (email.length() > 320 || !EMAIL.matcher(email).matches()) {
            throw ApiException.badRequest("INVALID_EMAIL", "'" + value + "' is not an email address");
        }
        return email;
    }

    private static String ruleSet(String value) {
        return required(value, "ruleSet");
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest("VALIDATION_FAILED", field + " is required");
        }
        if (value.length() > 200) {
            throw ApiException.badRequest("VALIDATION_FAILED", field + " is longer than 200 characters");
        }
        return value.trim();
    }

    private static boolean bool(Boolean value, boolean fallback) {
        return value == null ? fallback : value;
    }
}
