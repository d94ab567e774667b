package io.commgov.kpi;

import io.commgov.validation.Fields;
import io.commgov.validation.TaskContract;
import org.springframework.stereotype.Component;

/** The responsible department completes an improvement with its gap analysis and the action it will take. */
@Component
class KpiImprovementContract implements TaskContract {

    @Override
    public String name() {
        return "kpi-improvement";
    }

    @Override
    public void check(Fields fields, TaskContext task) {
        fields.requiredFreeText("gapAnalysis", 2000);
        fields.requiredFreeText("action", 2000);
    }
}
