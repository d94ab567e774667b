package io.commgov.securityaudit;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.spin.json.SpinJsonNode;
import org.springframework.stereotype.Component;

/** Gives each remediation task its own finding and evidence, so the form shows what to fix (the model names the task). */
@Component
class FindingTaskListener implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        int index = (Integer) task.getExecution().getVariable("loopCounter");
        SpinJsonNode finding = ((SpinJsonNode) task.getVariable("findings")).elements().get(index);
        task.setVariableLocal("findingCheck", finding.prop("check").stringValue());
        task.setVariableLocal("findingSubject", finding.prop("subject").stringValue());
        task.setVariableLocal("findingEvidence", finding.prop("evidence").stringValue());
    }
}
