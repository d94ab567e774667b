package io.commgov.identity;

import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/** The user the engine believes is acting now (set by the API authentication or the webapp session). */
@Component
public class CurrentUser {

    private final IdentityService identityService;

    CurrentUser(IdentityService identityService) {
        this.identityService = identityService;
    }

    public Optional<String> id() {
        return Optional.ofNullable(identityService.getCurrentAuthentication()).map(Authentication::getUserId);
    }

    public List<String> groups() {
        Authentication authentication = identityService.getCurrentAuthentication();
        return authentication == null || authentication.getGroupIds() == null ? List.of() : authentication.getGroupIds();
    }

    public boolean isIn(Role... roles) {
        var groups = groups();
        for (Role role : roles) {
            if (groups.contains(role.groupId())) {
                return true;
            }
        }
        return false;
    }
}
