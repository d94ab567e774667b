package io.commgov.kpi;

import io.commgov.validation.Fields;
import io.commgov.validation.StartContract;
import org.springframework.stereotype.Component;

/** An improvement is started by the quarterly review for one KPI below target, with the figure and the target. */
@Component
class KpiImprovementStartContract implements StartContract {

    @Override
    public String processKey() {
        return "kpi-improvement";
    }

    @Override
    public void check(Fields fields) {
        fields.requiredMatching("quarter", Quarter.FORMAT, "quarter-format", "must read like 2026-Q3");
        fields.requiredText("indicator", 64);
        fields.requiredName("indicatorName", 200);
        fields.requiredText("target", 64);
        fields.requiredText("actual", 64);
        fields.requiredFreeText("gapAnalysis", 2000);
        fields.requiredText("department", 16);
    }
}
