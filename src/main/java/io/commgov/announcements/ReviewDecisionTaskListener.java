package io.commgov.announcements;

import io.commgov.validation.ProtectedVariables;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** On completion of a review: who decided (the authenticated user, else the assignee), for the publication record. */
@Component
class ReviewDecisionTaskListener implements TaskListener {

    private final IdentityService identityService;

    ReviewDecisionTaskListener(IdentityService identityService) {
        this.identityService = identityService;
    }

    @Override
    public void notify(DelegateTask task) {
        var authentication = identityService.getCurrentAuthentication();
        String decider = authentication != null && authentication.getUserId() != null ? authentication.getUserId() : task.getAssignee();
        // decidedBy is read-only for everyone else: the record of the decision (ProtectedVariables)
        ProtectedVariables.writtenByCommGov(() -> task.getExecution().setVariable("decidedBy", decider));
    }
}
