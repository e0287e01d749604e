package io.confirmloop.onboarding;

import java.util.List;

import io.confirmloop.booking.AvailabilityProcess;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Every owner may start "Connect a calendar", "Change calendar settings" and "Set availability" in Tasklist. What the
 * processes then touch is limited to the starter's own account (their delegates check it), and
 * their tasks go to that account's group.
 */
@Component
class ProcessStartAccess {

    private static final List<String> STARTABLE = List.of(CalendarProcesses.ONBOARDING, CalendarProcesses.SETTINGS,
            AvailabilityProcess.KEY);

    private final AuthorizationService authorizations;

    ProcessStartAccess(AuthorizationService authorizations) {
        this.authorizations = authorizations;
    }

    @EventListener(ApplicationReadyEvent.class)
    void grant() {
        for (String key : STARTABLE) {
            grant(Resources.PROCESS_DEFINITION, key, ProcessDefinitionPermissions.READ);
            grant(Resources.PROCESS_DEFINITION, key, ProcessDefinitionPermissions.CREATE_INSTANCE);
        }
        grant(Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.CREATE);
    }

    /** Adds the permission to the one global authorization of the resource (there can be only one), or creates it. */
    private void grant(Resource resource, String resourceId, Permission permission) {
        Authorization global = authorizations.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_GLOBAL)
                .resourceType(resource).resourceId(resourceId).list().stream().findFirst().orElse(null);
        if (global == null) {
            global = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GLOBAL);
            global.setResource(resource);
            global.setResourceId(resourceId);
        } else if (global.isPermissionGranted(permission)) {
            return;
        }
        global.addPermission(permission);
        authorizations.saveAuthorization(global);
    }
}
