package io.commgov.accounts;

import java.util.List;

import io.commgov.identity.Departments;
import io.commgov.identity.Role;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Component;

/** Who may apply and who reviews (public: model expressions call it), looked up by the process itself (not filtered by the acting user's rights). */
@Component("accountRouting")
public class Organisation {

    private final Departments departments;
    private final IdentityService identityService;

    Organisation(Departments departments, IdentityService identityService) {
        this.departments = departments;
        this.identityService = identityService;
    }

    boolean departmentExists(String code) {
        return EngineContext.withoutAuthorization(() -> departments.exists(code));
    }

    /** The heads of a department: candidates of its review tasks ({@code ${accountRouting.headsOf(department)}}). */
    public List<String> headsOf(String department) {
        return EngineContext.withoutAuthorization(() -> departments.headsOf(department));
    }

    boolean isHeadOf(String userId, String department) {
        return userId != null && headsOf(department).contains(userId);
    }

    boolean isIn(String userId, Role role) {
        return userId != null && EngineContext.withoutAuthorization(() ->
                identityService.createGroupQuery().groupMember(userId).groupId(role.groupId()).count() > 0);
    }

    List<String> membersOf(Role role) {
        return EngineContext.withoutAuthorization(() -> identityService.createUserQuery().memberOfGroup(role.groupId()).list()
                .stream().map(u -> u.getId()).toList());
    }
}
