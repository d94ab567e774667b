package io.commgov.kpi;

import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_StartImprovements: one kpi-improvement per KPI below target, unless one is already open for it. */
@Component
class StartImprovementsDelegate implements JavaDelegate {

    private final KpiService kpis;
    private final RuntimeService runtimeService;

    StartImprovementsDelegate(KpiService kpis, RuntimeService runtimeService) {
        this.kpis = kpis;
        this.runtimeService = runtimeService;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Quarter quarter = Quarter.parse((String) execution.getVariable("quarter"));
        for (KpiRow row : kpis.stored(quarter)) {
            String businessKey = quarter + ":" + row.indicator();
            boolean open = runtimeService.createProcessInstanceQuery().processDefinitionKey("kpi-improvement")
                    .processInstanceBusinessKey(businessKey).count() > 0;
            if (!row.met() && !open) {
                runtimeService.startProcessInstanceByKey("kpi-improvement", businessKey, Map.of(
                        "quarter", quarter.toString(), "indicator", row.indicator(), "indicatorName", row.name(),
                        "target", row.target(), "actual", row.actual(), "gapAnalysis", row.gapAnalysis(), "department", row.department()));
            }
        }
    }
}
