package io.commgov.selection;

import java.util.List;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_ScoreVendors: every candidate through the DMN, the shortlist and a readable summary for the next steps. */
@Component
class ScoreVendorsDelegate implements JavaDelegate {

    private final SelectionDecisions decisions;

    ScoreVendorsDelegate(SelectionDecisions decisions) {
        this.decisions = decisions;
    }

    @Override
    public void execute(DelegateExecution execution) {
        var requirements = SelectionJson.list(execution.getVariable("requirements"), Requirement.class);
        var candidates = SelectionJson.list(execution.getVariable(CandidatesContract.FIELD), Candidate.class);
        List<VendorScore> scores = decisions.scoring().score(requirements, candidates);
        List<String> shortlist = scores.stream().filter(VendorScore::shortlisted).map(VendorScore::name).toList();
        execution.setVariable("vendorScores", SelectionJson.json(scores));
        execution.setVariable("shortlist", SelectionJson.json(shortlist));
        execution.setVariable("shortlistSize", shortlist.size());
        execution.setVariable("scoreSummary", scores.stream()
                .map(v -> v.name() + "：" + v.score() + " 分" + (v.shortlisted() ? "（入围）" : "") + " — " + v.reason())
                .collect(Collectors.joining("\n")));
    }
}
