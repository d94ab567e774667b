package io.commgov.sla;

import io.commgov.validation.Fields;
import io.commgov.validation.StartContract;
import org.springframework.stereotype.Component;

/** Start variables of {@code sla-demo}. */
@Component
class SlaDemoStartContract implements StartContract {

    @Override
    public String processKey() {
        return "sla-demo";
    }

    @Override
    public void check(Fields fields) {
        fields.requiredName("subject", 200);
    }
}
