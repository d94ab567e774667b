package io.commgov.securityaudit;

import io.commgov.identity.Unrestricted;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.EntityTypes;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.springframework.stereotype.Component;

/**
 * Separation of duties (R-SOD, R-ACC-4): in the period, nobody completed a review or approval step of a request they
 * started themselves — what the engine's four-eyes contracts prevent, checked after the fact over the engine's record
 * of who completed which task.
 */
@Component
class SelfApprovalCheck implements SecurityCheck {

    private final HistoryService historyService;

    SelfApprovalCheck(HistoryService historyService) {
        this.historyService = historyService;
    }

    @Override
    public String name() {
        return "separation-of-duty-self-approval";
    }

    @Override
    public List<Finding> run(AuditPeriod period) {
        return Unrestricted.lookup(() -> {
            var findings = new ArrayList<Finding>();
            var completions = historyService.createUserOperationLogQuery()
                    .entityType(EntityTypes.TASK).operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE)
                    .afterTimestamp(Date.from(period.from())).beforeTimestamp(Date.from(period.to())).list();
            for (UserOperationLogEntry completion : completions) {
                if (completion.getUserId() == null || completion.getProcessInstanceId() == null || completion.getTaskId() == null) {
                    continue;
                }
                var instance = historyService.createHistoricProcessInstanceQuery().processInstanceId(completion.getProcessInstanceId()).singleResult();
                var task = historyService.createHistoricTaskInstanceQuery().taskId(completion.getTaskId()).singleResult();
                if (instance == null || task == null || !completion.getUserId().equals(instance.getStartUserId())) {
                    continue;
                }
                String key = String.valueOf(task.getTaskDefinitionKey());
                if (key.contains("Approve") || key.contains("Review")) {
                    findings.add(new Finding(name(), completion.getUserId(), "started " + instance.getProcessDefinitionKey() + " "
                            + instance.getId() + " and completed its step " + key + " (task " + task.getId() + ") at "
                            + completion.getTimestamp().toInstant()));
                }
            }
            return findings;
        });
    }
}
