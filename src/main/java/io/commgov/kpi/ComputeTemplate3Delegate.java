package io.commgov.kpi;

import java.time.LocalDate;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_ComputeTemplate3: the quarter named at start, or the one that just ended; Template 3 computed and stored. */
@Component
class ComputeTemplate3Delegate implements JavaDelegate {

    private final KpiService kpis;

    ComputeTemplate3Delegate(KpiService kpis) {
        this.kpis = kpis;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object named = execution.getVariable("quarter");
        Quarter quarter = named instanceof String s && !s.isBlank() ? Quarter.parse(s)
                : Quarter.of(LocalDate.ofInstant(KpiService.now(), Quarter.ZONE)).previous();
        var rows = kpis.computeAndStore(quarter);
        execution.setVariable("quarter", quarter.toString());
        execution.setVariable("belowTarget", rows.stream().filter(r -> !r.met()).map(KpiRow::indicator).toList().size());
        execution.setVariable("template3", rows.stream()
                .map(r -> r.name() + "：目标 " + r.target() + "，实际 " + r.actual() + (r.met() ? "（达标）" : "（未达标）"))
                .reduce((a, b) -> a + "\n" + b).orElse(""));
    }
}
