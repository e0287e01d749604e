package io.confirmloop.system;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Every owner may open Tasklist and use its "All tasks" filter. What the filter lists is still
 * limited by task authorizations: Camunda grants them to a task's candidate group, i.e. the
 * calendar's account, so an owner sees their own account's tasks and nothing else.
 */
@Component
class TasklistAccess {

    static final String ALL_TASKS = "All tasks";

    private final AuthorizationService authorizations;
    private final FilterService filters;

    TasklistAccess(AuthorizationService authorizations, FilterService filters) {
        this.authorizations = authorizations;
        this.filters = filters;
    }

    @EventListener(ApplicationReadyEvent.class)
    void grant() {
        grantToEveryone(Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        for (Filter filter : filters.createFilterQuery().filterName(ALL_TASKS).list()) {
            grantToEveryone(Resources.FILTER, filter.getId(), Permissions.READ);
        }
    }

    private void grantToEveryone(Resource resource, String resourceId, Permission permission) {
        boolean granted = authorizations.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_GLOBAL)
                .resourceType(resource).resourceId(resourceId).hasPermission(permission).count() > 0;
        if (!granted) {
            Authorization global = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GLOBAL);
            global.setResource(resource);
            global.setResourceId(resourceId);
            global.addPermission(permission);
            authorizations.saveAuthorization(global);
        }
    }
}
