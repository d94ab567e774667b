package io.commgov.identity;

import static org.camunda.bpm.engine.authorization.Resources.APPLICATION;
import static org.camunda.bpm.engine.authorization.Resources.DECISION_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.DECISION_REQUIREMENTS_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.DEPLOYMENT;
import static org.camunda.bpm.engine.authorization.Resources.OPERATION_LOG_CATEGORY;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_DEFINITION;
import static org.camunda.bpm.engine.authorization.Resources.PROCESS_INSTANCE;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.UserOperationLogCategoryPermissions;

/**
 * What each role may do, and nothing more (R-SOD, least privilege). Tasks need no grant here: the engine
 * gives a candidate group READ and UPDATE on each task it is a candidate for, so a group sees only its own tasks.
 */
final class RoleGrants {

    /** One authorization: a group gets permissions on a resource (by id, or {@code *}). */
    record Grant(String groupId, Resource resource, String resourceId, List<Permission> permissions) {
    }

    /** Which roles may start which process (SPEC section 2 and 4). */
    static final Map<String, List<Role>> STARTERS = Map.of(
            "account-opening", List.of(Role.DEPT_HEAD, Role.MENTOR),
            "role-change", List.of(Role.DEPT_HEAD),
            "client-onboarding", List.of(Role.SALES),
            "announcement-review", List.of(Role.EMPLOYEE),
            "fault-escalation", List.of(Role.EMPLOYEE),
            "data-export", List.of(Role.EMPLOYEE),
            "vendor-selection", List.of(Role.IT, Role.IT_HEAD),
            "security-audit", List.of(Role.SECURITY),
            "sla-demo", List.of(Role.IT));

    private RoleGrants() {
    }

    static List<Grant> all() {
        var grants = new ArrayList<Grant>();
        for (Role role : Role.values()) {
            if (role != Role.CAMUNDA_ADMIN) {
                grants.add(new Grant(role.groupId(), APPLICATION, "tasklist", List.of(Permissions.ACCESS)));
            }
        }
        STARTERS.forEach((processKey, roles) -> roles.forEach(role -> {
            grants.add(new Grant(role.groupId(), PROCESS_DEFINITION, processKey,
                    List.of(ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.CREATE_INSTANCE)));
            grants.add(new Grant(role.groupId(), PROCESS_INSTANCE, "*", List.of(Permissions.CREATE)));
        }));
        // process owners model and deploy (SPEC: Modeler deploys through the REST API) and watch in Cockpit
        String owner = Role.PROCESS_OWNER.groupId();
        grants.add(new Grant(owner, DEPLOYMENT, "*", List.of(Permissions.CREATE, Permissions.READ)));
        // definitions and Cockpit's statistics (instance, incident and failed-job counts need READ only); no READ_INSTANCE
        // or READ_HISTORY, which would show every person's variables (R-CLI-2, least privilege)
        grants.add(new Grant(owner, PROCESS_DEFINITION, "*", List.of(Permissions.READ)));
        grants.add(new Grant(owner, DECISION_DEFINITION, "*", List.of(Permissions.READ)));
        grants.add(new Grant(owner, DECISION_REQUIREMENTS_DEFINITION, "*", List.of(Permissions.READ)));
        grants.add(new Grant(owner, APPLICATION, "cockpit", List.of(Permissions.ACCESS)));
        // the security officer audits what happened (R-AUD), read-only
        String security = Role.SECURITY.groupId();
        // the audit trail is CommGov's (/api/audit) and the engine's user operation log (who did what, no variable values);
        // no READ_HISTORY, which would show every variable in clear
        grants.add(new Grant(security, PROCESS_DEFINITION, "*", List.of(Permissions.READ)));
        grants.add(new Grant(security, OPERATION_LOG_CATEGORY, "*", List.of(UserOperationLogCategoryPermissions.READ)));
        grants.add(new Grant(security, APPLICATION, "cockpit", List.of(Permissions.ACCESS)));
        return grants;
    }
}
