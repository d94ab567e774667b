package io.commgov.validation;

import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

/** The start contract of the test model {@code contract-demo}. */
@Component
class ContractDemoStartContract implements StartContract {

    @Override
    public String processKey() {
        return "contract-demo";
    }

    @Override
    public void check(Fields fields) {
        fields.requiredText("title", 50);
        fields.requiredOneOf("kind", "A", "B");
        fields.futureDate("due", true);
        fields.requiredMatching("employeeId", Pattern.compile("E\\d{5}"), "pattern", "must be E followed by five digits");
        fields.list("tags", false);
    }
}
