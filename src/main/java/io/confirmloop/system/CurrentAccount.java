package io.confirmloop.system;

import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.authorization.Groups;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Who is calling and which accounts (Camunda groups) they may see. Members of
 * {@code camunda-admin} see every account.
 */
@Component
public class CurrentAccount {

    static final String GROUP_PREFIX = "GROUP_";

    public String userId() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated()) {
            throw new ApiException(org.springframework.http.HttpStatus.UNAUTHORIZED, "UNAUTHORIZED", "Sign in first");
        }
        return auth.getName();
    }

    public Set<String> groups() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null) {
            return Set.of();
        }
        return auth.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith(GROUP_PREFIX))
                .map(a -> a.substring(GROUP_PREFIX.length()))
                .collect(Collectors.toUnmodifiableSet());
    }

    public boolean isAdmin() {
        return groups().contains(Groups.CAMUNDA_ADMIN);
    }

    public boolean canSee(String ownerGroup) {
        return isAdmin() || groups().contains(ownerGroup);
    }

    /** The account new calendars go to when the caller names none: their first non-admin group. */
    public String defaultGroup() {
        return groups().stream()
                .filter(g -> !g.equals(Groups.CAMUNDA_ADMIN))
                .sorted()
                .findFirst()
                .orElseThrow(() -> ApiException.badRequest("NO_ACCOUNT",
                        "User " + userId() + " belongs to no account group; pass ownerGroup or add the user to a group"));
    }
}
