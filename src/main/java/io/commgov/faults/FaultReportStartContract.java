package io.commgov.faults;

import io.commgov.validation.Fields;
import io.commgov.validation.StartContract;
import org.springframework.stereotype.Component;

/** SPEC section 4: {@code symptom}, {@code impactScope} (USER, DEPARTMENT, COMPANY), {@code platformDown} (Boolean). */
@Component
class FaultReportStartContract implements StartContract {

    @Override
    public String processKey() {
        return "fault-escalation";
    }

    @Override
    public void check(Fields fields) {
        fields.requiredFreeText("symptom", 2000);
        fields.requiredOneOf("impactScope", "USER", "DEPARTMENT", "COMPANY");
        fields.requiredBoolean("platformDown");
    }
}
