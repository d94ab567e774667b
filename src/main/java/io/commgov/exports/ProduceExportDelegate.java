package io.commgov.exports;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/** {@code Task_ProduceExport}: the approved dataset as an SM4-encrypted file for the requester. */
@Component
class ProduceExportDelegate implements JavaDelegate {

    private final ExportFiles files;

    ProduceExportDelegate(ExportFiles files) {
        this.files = files;
    }

    @Override
    public void execute(DelegateExecution execution) {
        var produced = files.produce(execution.getProcessInstanceId(), (String) execution.getVariable("dataset"));
        execution.setVariable(ExportFiles.FILE_VARIABLE, Variables.byteArrayValue(produced.encrypted()));
        execution.setVariable(ExportFiles.DIGEST_VARIABLE, produced.digest());
        execution.setVariable("exportRows", produced.rows());
    }
}
