package io.commgov.selection;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/** Task_WritePilotReport: the pilot verdict of each vendor (DMN) and the report as an HTML file variable. */
@Component
class WritePilotReportDelegate implements JavaDelegate {

    private final SelectionDecisions decisions;

    WritePilotReportDelegate(SelectionDecisions decisions) {
        this.decisions = decisions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        var scores = SelectionJson.list(execution.getVariable("vendorScores"), VendorScore.class);
        var results = SelectionJson.list(execution.getVariable("pilotResults"), PilotResult.class);
        var verdicts = new LinkedHashMap<String, PilotReport.Verdict>();
        for (PilotResult result : results) {
            var verdict = decisions.evaluate("Decision_PilotVerdict", Map.of("functionalPassed", result.functionalPassed(),
                    "meetingParticipants", result.meetingParticipants(), "userExperience", result.userExperience()));
            verdicts.put(result.vendor(), new PilotReport.Verdict(result, Boolean.TRUE.equals(verdict.get("pilotPassed")),
                    (String) verdict.get("pilotReason")));
        }
        String recommended = scores.stream().filter(v -> verdicts.containsKey(v.name()) && verdicts.get(v.name()).passed())
                .map(VendorScore::name).findFirst().orElse(null);   // scores are ranked best first
        int round = execution.getVariable("pilotRound") instanceof Integer r ? r + 1 : 1;
        String html = PilotReport.html((String) execution.getVariable("title"), round,
                SelectionJson.strings(execution.getVariable("pilotDepartments")),
                SelectionJson.list(execution.getVariable("requirements"), Requirement.class), scores, verdicts, recommended);
        execution.setVariable("pilotRound", round);
        execution.setVariable("recommendedVendor", recommended);
        execution.setVariable("pilotReport", Variables.fileValue("pilot-report-" + round + ".html")
                .file(html.getBytes(StandardCharsets.UTF_8)).mimeType("text/html").encoding(StandardCharsets.UTF_8).create());
        execution.setVariable("pilotReportSummary", verdicts.entrySet().stream()
                .map(e -> e.getKey() + "：" + (e.getValue().passed() ? "通过" : "未通过") + " — " + e.getValue().reason())
                .collect(Collectors.joining("\n")) + "\n推荐：" + (recommended == null ? "无" : recommended));
    }
}
