package io.commgov.accounts;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * The permission template of each account type (Template 2, R-ACC-2) is the DMN decision
 * {@value #DECISION} in {@code processes/accounts/account-permissions.dmn}; its latest deployed version applies,
 * so a process owner changes a template in Modeler. Every internal account also joins its own department's group;
 * an external client joins only the project groups it is named for.
 */
@Component
class PermissionTemplates {

    static final String DECISION = "Decision_AccountPermissions";
    static final String DEPARTMENT_GROUP_PREFIX = "group:dept-";

    private final DecisionService decisionService;

    PermissionTemplates(DecisionService decisionService) {
        this.decisionService = decisionService;
    }

    /** The template of a type for an account of one department. */
    List<String> of(AccountType type, String department) {
        var result = EngineContext.withoutAuthorization(() -> decisionService.evaluateDecisionTableByKey(DECISION,
                Variables.createVariables().putValue("accountType", type.name())));
        var permissions = new LinkedHashSet<String>();
        result.collectEntries("permission").forEach(p -> permissions.add(String.valueOf(p)));
        if (permissions.isEmpty()) {
            throw new IllegalStateException(DECISION + " has no permission template for account type " + type);
        }
        if (type != AccountType.EXTERNAL_CLIENT) {
            permissions.add(DEPARTMENT_GROUP_PREFIX + department);
        }
        return new ArrayList<>(permissions);
    }

    /** What a request asks for beyond the template: only these need the IT head's explicit approval. */
    static List<String> beyond(List<String> template, List<String> requested) {
        return requested.stream().filter(p -> !template.contains(p)).distinct().toList();
    }
}
