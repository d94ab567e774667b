package io.commgov.securityaudit;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.stereotype.Component;

/** {@code Task_RunChecks}: runs the checks and keeps the signed report and its findings with the process. */
@Component
class RunChecksDelegate implements JavaDelegate {

    private final SecurityAudits audits;
    private final ObjectMapper json = new ObjectMapper();

    RunChecksDelegate(SecurityAudits audits) {
        this.audits = audits;
    }

    @Override
    public void execute(DelegateExecution execution) throws JsonProcessingException {
        var report = audits.run(execution.getProcessInstanceId());
        var findings = report.findings().stream()
                .map(f -> Map.of("check", f.check(), "subject", f.subject(), "evidence", f.evidence())).toList();
        execution.setVariable("findings", SpinValues.jsonValue(json.writeValueAsString(findings)).create());
        execution.setVariable("findingCount", findings.size());
        execution.setVariable("report", Variables.byteArrayValue(report.content()));
        execution.setVariable("reportDigest", report.digest());
        execution.setVariable("reportSignature", report.signature());
        execution.setVariable("reportKeyId", report.keyId());
    }
}
