package io.commgov.accounts;

import java.util.List;

import io.commgov.audit.AuditEvent;
import io.commgov.audit.AuditTrail;
import io.commgov.audit.Outcome;
import io.commgov.identity.Employees;
import io.commgov.validation.ContractViolationException;
import io.commgov.validation.Violation;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Four-eyes on the account itself (R-ACC-4, R-SOD): nobody approves, creates or changes the account of their own
 * employee id, whatever groups they hold. The refusal rolls the completion back and stays on the audit trail.
 */
@Component
class OwnAccountTaskListener implements TaskListener {

    static final String RULE = "own-account";

    private final Employees employees;
    private final AuditTrail audit;
    private final TransactionTemplate separately;

    OwnAccountTaskListener(Employees employees, AuditTrail audit, PlatformTransactionManager transactions) {
        this.employees = employees;
        this.audit = audit;
        this.separately = new TransactionTemplate(transactions);
        this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public void notify(DelegateTask task) {
        String actor = EngineContext.actor() != null ? EngineContext.actor() : task.getAssignee();
        String employeeId = (String) task.getVariable(Accounts.EMPLOYEE_ID);
        if (!EngineContext.withoutAuthorization(() -> employees.isOwnAccount(actor, employeeId))) {
            return;
        }
        // the completion rolls back; the refusal is recorded in a transaction of its own
        separately.executeWithoutResult(status -> audit.record(new AuditEvent(actor, "account.four-eyes.refused", "task", task.getId(),
                Outcome.DENIED, RULE + ": " + task.getTaskDefinitionKey() + " of employeeId=" + employeeId + "; process="
                + task.getProcessInstanceId())));
        throw new ContractViolationException(List.of(new Violation("approved", RULE, actor + " may not decide on the account of employee "
                + employeeId + ", which is their own; another approver must complete this task (R-ACC-4)")));
    }
}
