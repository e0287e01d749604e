package io.confirmloop.onboarding;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.stereotype.Component;

/** The account groups of the user who started a calendar process (the process acts for them). */
@Component
class Owners {

    private final IdentityService identity;

    Owners(IdentityService identity) {
        this.identity = identity;
    }

    List<String> groupsOf(String userId) {
        return identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId)
                .filter(g -> !g.equals(Groups.CAMUNDA_ADMIN)).sorted().toList();
    }

    /** The account a new calendar goes to: the user's first account group. */
    String accountOf(String userId) {
        return groupsOf(userId).stream().findFirst().orElseThrow(() -> new IllegalArgumentException(
                "User " + userId + " belongs to no account group: an admin adds the user to one in Camunda Admin"));
    }
}
