package io.commgov.securityaudit;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import io.commgov.identity.Role;
import io.commgov.identity.Unrestricted;
import org.camunda.bpm.engine.EntityTypes;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.springframework.stereotype.Component;

/**
 * Operator interventions (R-SOD): every running request a person modified, restarted, migrated or cancelled in the period
 * (Cockpit or the REST API), with who did it, whether they are the platform operator, and the reason they gave. The
 * operator runs the platform but decides no request, so each intervention is for security to look at.
 */
@Component
class InstanceInterventionsCheck implements SecurityCheck {

    static final List<String> OPERATIONS = List.of(UserOperationLogEntry.OPERATION_TYPE_MODIFY_PROCESS_INSTANCE,
            UserOperationLogEntry.OPERATION_TYPE_RESTART_PROCESS_INSTANCE, UserOperationLogEntry.OPERATION_TYPE_MIGRATE,
            UserOperationLogEntry.OPERATION_TYPE_DELETE);

    private final HistoryService historyService;
    private final IdentityService identityService;

    InstanceInterventionsCheck(HistoryService historyService, IdentityService identityService) {
        this.historyService = historyService;
        this.identityService = identityService;
    }

    @Override
    public String name() {
        return "operator-instance-interventions";
    }

    @Override
    public List<Finding> run(AuditPeriod period) {
        return Unrestricted.lookup(() -> {
            var findings = new ArrayList<Finding>();
            var seen = new java.util.HashSet<String>();
            var operators = identityService.createUserQuery().memberOfGroup(Role.CAMUNDA_ADMIN.groupId()).list().stream()
                    .map(org.camunda.bpm.engine.identity.User::getId).collect(java.util.stream.Collectors.toSet());
            for (String operation : OPERATIONS) {
                var entries = historyService.createUserOperationLogQuery().entityType(EntityTypes.PROCESS_INSTANCE).operationType(operation)
                        .afterTimestamp(Date.from(period.from())).beforeTimestamp(Date.from(period.to())).list();
                for (UserOperationLogEntry entry : entries) {
                    if (entry.getUserId() == null || (entry.getOperationId() != null && !seen.add(entry.getOperationId()))) {
                        continue;
                    }
                    boolean operator = operators.contains(entry.getUserId());
                    String reason = entry.getAnnotation() != null ? entry.getAnnotation() : "no reason given";
                    findings.add(new Finding(name(), entry.getUserId(), (operator ? "the platform operator " : "") + entry.getUserId()
                            + " did " + operation + " on " + entry.getProcessDefinitionKey() + " " + entry.getProcessInstanceId()
                            + " at " + entry.getTimestamp().toInstant() + "; reason: " + reason));
                }
            }
            return findings;
        });
    }
}
