package io.commgov.selection;

import io.commgov.validation.Fields;
import io.commgov.validation.StartContract;
import org.springframework.stereotype.Component;

/** SPEC section 4: a selection starts with its title only. */
@Component
class SelectionStartContract implements StartContract {

    @Override
    public String processKey() {
        return "vendor-selection";
    }

    @Override
    public void check(Fields fields) {
        fields.requiredName("title", 200);
    }
}
