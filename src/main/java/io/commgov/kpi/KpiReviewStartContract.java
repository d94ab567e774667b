package io.commgov.kpi;

import io.commgov.validation.Fields;
import io.commgov.validation.StartContract;
import org.springframework.stereotype.Component;

/** The quarterly review starts by its timer (no variables: the quarter just ended) or by hand for a named quarter. */
@Component
class KpiReviewStartContract implements StartContract {

    @Override
    public String processKey() {
        return "kpi-review";
    }

    @Override
    public void check(Fields fields) {
        if (fields.isPresent("quarter")) {
            fields.requiredMatching("quarter", Quarter.FORMAT, "quarter-format", "must read like 2026-Q3");
        }
    }
}
