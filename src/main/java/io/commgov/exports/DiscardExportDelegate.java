package io.commgov.exports;

import io.commgov.audit.AuditTrail;
import io.commgov.audit.Outcome;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_DiscardExport}: the file is no longer available once collected or expired. */
@Component
class DiscardExportDelegate implements JavaDelegate {

    private final AuditTrail audit;

    DiscardExportDelegate(AuditTrail audit) {
        this.audit = audit;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.removeVariable(ExportFiles.FILE_VARIABLE);
        audit.record("EXPORT_DISCARDED", "process-instance", execution.getProcessInstanceId(), Outcome.SUCCESS,
                "collected=" + Boolean.TRUE.equals(execution.getVariable("collected")));
    }
}
