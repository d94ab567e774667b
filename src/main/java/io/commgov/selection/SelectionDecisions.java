package io.commgov.selection;

import java.util.Map;

import org.camunda.bpm.engine.DecisionService;
import org.springframework.stereotype.Component;

/** The latest deployed version of each decision of {@code vendor-score.dmn}, so a changed table applies at once. */
@Component
class SelectionDecisions implements VendorScoring.Decisions {

    private final DecisionService decisionService;

    SelectionDecisions(DecisionService decisionService) {
        this.decisionService = decisionService;
    }

    @Override
    public Map<String, Object> evaluate(String decisionKey, Map<String, Object> variables) {
        return decisionService.evaluateDecisionTableByKey(decisionKey, variables).getSingleResult().getEntryMap();
    }

    VendorScoring scoring() {
        return new VendorScoring(this);
    }
}
