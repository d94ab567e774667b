package io.commgov.securityaudit;

import io.commgov.validation.Fields;
import io.commgov.validation.TaskContract;
import org.springframework.stereotype.Component;

/** A remediation task completes with what was done about the finding. */
@Component
class RemediationContract implements TaskContract {

    @Override
    public String name() {
        return "remediation";
    }

    @Override
    public void check(Fields fields, TaskContext task) {
        fields.requiredText("remediation", 4000);
    }
}
