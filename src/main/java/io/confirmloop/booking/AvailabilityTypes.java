package io.confirmloop.booking;

import java.util.List;

import io.confirmloop.system.ApiException;
import io.confirmloop.system.AppClock;
import io.confirmloop.system.CurrentAccount;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An account's availability types. Exactly one is client-facing once the account has any: the
 * first is, and making another one client-facing takes it from the rest.
 */
@Service
class AvailabilityTypes {

    /** The type the Tasklist form and the demo account use when an account has none. */
    static final String CLIENT_HOURS = "Client hours";

    private final AvailabilityRepository repository;
    private final CurrentAccount account;
    private final AppClock clock;

    AvailabilityTypes(AvailabilityRepository repository, CurrentAccount account, AppClock clock) {
        this.repository = repository;
        this.account = account;
        this.clock = clock;
    }

    /** The account the caller names, or their own; one they are not a member of is refused. */
    String accountOf(String ownerGroup) {
        String group = ownerGroup == null || ownerGroup.isBlank() ? account.defaultGroup() : ownerGroup.trim();
        if (!account.canSee(group)) {
            throw ApiException.badRequest("INVALID_OWNER_GROUP", "You are not a member of account group '" + group + "'");
        }
        return group;
    }

    List<AvailabilityType> list(String ownerGroup) {
        return repository.types(accountOf(ownerGroup));
    }

    AvailabilityType visible(String id) {
        return repository.type(id).filter(t -> account.canSee(t.ownerGroup()))
                .orElseThrow(() -> ApiException.notFound("Availability type", id));
    }

    @Transactional
    AvailabilityType create(AvailabilityTypeInput in) {
        if (in == null) {
            throw ApiException.badRequest("MALFORMED_REQUEST", "A JSON body is required");
        }
        String group = accountOf(in.ownerGroup());
        boolean first = repository.types(group).isEmpty();
        AvailabilityType type = repository.insertType(group, name(in.name()), color(in.color() == null ? "blue" : in.color()),
                first || Boolean.TRUE.equals(in.clientFacing()), clock.now());
        if (type.clientFacing()) {
            repository.makeOnlyClientFacing(group, type.id());
        }
        return type;
    }

    @Transactional
    AvailabilityType update(String id, AvailabilityTypeInput in) {
        AvailabilityType type = visible(id);
        if (in == null) {
            throw ApiException.badRequest("MALFORMED_REQUEST", "A JSON body is required");
        }
        if (in.ownerGroup() != null && !in.ownerGroup().equals(type.ownerGroup())) {
            throw ApiException.badRequest("OWNER_GROUP_IMMUTABLE", "An availability type cannot move to another account");
        }
        if (Boolean.FALSE.equals(in.clientFacing()) && type.clientFacing()) {
            throw ApiException.conflict("CLIENT_FACING_REQUIRED",
                    "An account keeps one client-facing type: make another type client-facing instead");
        }
        AvailabilityType updated = new AvailabilityType(id, type.ownerGroup(), in.name() == null ? type.name() : name(in.name()),
                in.color() == null ? type.color() : color(in.color()), type.clientFacing() || Boolean.TRUE.equals(in.clientFacing()));
        repository.updateType(updated);
        if (updated.clientFacing()) {
            repository.makeOnlyClientFacing(type.ownerGroup(), id);
        }
        return updated;
    }

    @Transactional
    void delete(String id) {
        AvailabilityType type = visible(id);
        int uses = repository.usesOfType(id);
        if (uses > 0) {
            throw ApiException.conflict("TYPE_IN_USE", "Availability type '" + type.name() + "' is used by " + uses
                    + " window(s) or exception(s): change or remove them first");
        }
        repository.deleteType(id);
        if (type.clientFacing()) {
            repository.types(type.ownerGroup()).stream().findFirst().ifPresent(next -> repository.makeOnlyClientFacing(type.ownerGroup(), next.id()));
        }
    }

    /** The account's client-facing type; a green "Client hours" when the account has no type yet. */
    @Transactional
    public AvailabilityType clientFacing(String ownerGroup) {
        return repository.clientFacingType(ownerGroup).orElseGet(() -> {
            AvailabilityType created = repository.insertType(ownerGroup, CLIENT_HOURS, AvailabilityType.Color.GREEN, true, clock.now());
            repository.makeOnlyClientFacing(ownerGroup, created.id());
            return created;
        });
    }

    private static String name(String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest("VALIDATION_FAILED", "name is required");
        }
        if (value.trim().length() > 100) {
            throw ApiException.badRequest("VALIDATION_FAILED", "name is longer than 100 characters");
        }
        return value.trim();
    }

    private static AvailabilityType.Color color(String value) {
        return AvailabilityType.Color.of(value).orElseThrow(() -> ApiException.badRequest("INVALID_COLOR",
                "color '" + value + "' is not one of " + String.join(", ", AvailabilityType.Color.labels())));
    }
}
