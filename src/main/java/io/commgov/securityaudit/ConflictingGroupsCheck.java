package io.commgov.securityaudit;

import io.commgov.identity.Unrestricted;
import java.util.ArrayList;
import java.util.List;

import io.commgov.identity.Role;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/**
 * Separation of duties (R-SOD): nobody holds two roles where one checks the other — the auditor and the platform
 * administrator, the auditor and the IT operator, the sales contact and the sales head who reviews their requests.
 */
@Component
class ConflictingGroupsCheck implements SecurityCheck {

    static final List<List<Role>> CONFLICTS = List.of(
            List.of(Role.SECURITY, Role.CAMUNDA_ADMIN),
            List.of(Role.SECURITY, Role.IT),
            List.of(Role.SALES, Role.SALES_HEAD));

    private final IdentityService identityService;

    ConflictingGroupsCheck(IdentityService identityService) {
        this.identityService = identityService;
    }

    @Override
    public String name() {
        return "separation-of-duty-groups";
    }

    @Override
    public List<Finding> run(AuditPeriod period) {
        return Unrestricted.lookup(() -> {
            var findings = new ArrayList<Finding>();
            for (List<Role> pair : CONFLICTS) {
                var second = identityService.createUserQuery().memberOfGroup(pair.get(1).groupId()).list().stream().map(User::getId).toList();
                for (User user : identityService.createUserQuery().memberOfGroup(pair.get(0).groupId()).list()) {
                    if (second.contains(user.getId())) {
                        findings.add(new Finding(name(), user.getId(), "member of both '" + pair.get(0).groupId() + "' and '"
                                + pair.get(1).groupId() + "', roles that must be held by different people"));
                    }
                }
            }
            return findings;
        });
    }
}
