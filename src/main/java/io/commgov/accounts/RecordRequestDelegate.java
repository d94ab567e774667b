package io.commgov.accounts;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_RecordRequest}: the request is on record as REQUESTED; says whether extras need the IT head (R-ACC-2). */
@Component
class RecordRequestDelegate implements JavaDelegate {

    private final Accounts accounts;
    private final PermissionTemplates templates;

    RecordRequestDelegate(Accounts accounts, PermissionTemplates templates) {
        this.accounts = accounts;
        this.templates = templates;
    }

    @Override
    public void execute(DelegateExecution execution) {
        var type = AccountType.valueOf((String) execution.getVariable("accountType"));
        String department = (String) execution.getVariable("department");
        Object endDate = execution.getVariable("endDate");
        List<String> requested = TextLists.of(execution.getVariable("extraPermissions"));
        var account = accounts.request((String) execution.getVariable("employeeId"), (String) execution.getVariable("fullName"),
                department, type, type.isTimeLimited() && endDate != null ? AccountTimers.dateOf(endDate) : null,
                requested, (String) execution.getVariable("initiator"), execution.getProcessInstanceId());
        List<String> template = templates.of(type, department);
        List<String> extras = PermissionTemplates.beyond(template, requested);
        execution.setVariable("accountId", account.getId());
        execution.setVariable("templatePermissions", String.join(", ", template));
        execution.setVariable("permissionsBeyondTemplate", String.join(", ", extras));
        execution.setVariable("needsExtraApproval", !extras.isEmpty());
    }
}
