package io.commgov.validation;

import java.util.List;

import org.springframework.stereotype.Component;

/**
 * Every approval task (SPEC section 4): completes with {@code approved} and a {@code comment} that is required for a
 * rejection; the requester can never approve their own request (four-eyes, R-ACC-4, R-SOD).
 */
@Component
class ApprovalContract implements TaskContract {

    static final String NAME = "approval";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void check(Fields fields, TaskContext task) {
        fields.decision("the request");
        FourEyes.check(fields, task);
    }

    @Override
    public List<String> decisionFields() {
        return List.of("approved", "comment");
    }
}
