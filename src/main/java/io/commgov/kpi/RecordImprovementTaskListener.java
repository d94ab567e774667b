package io.commgov.kpi;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** On completion of Task_ImproveKpi: the gap analysis and the action go into the quarter's Template 3. */
@Component
class RecordImprovementTaskListener implements TaskListener {

    private final KpiService kpis;

    RecordImprovementTaskListener(KpiService kpis) {
        this.kpis = kpis;
    }

    @Override
    public void notify(DelegateTask task) {
        kpis.recordImprovement((String) task.getVariable("quarter"), (String) task.getVariable("indicator"),
                (String) task.getVariable("gapAnalysis"), (String) task.getVariable("action"));
    }
}
