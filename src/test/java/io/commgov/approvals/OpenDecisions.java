package io.commgov.approvals;

import org.camunda.bpm.engine.RuntimeService;

/**
 * Tests sharing one database leave requests running that a demo approver decided, some stamped in the future by tests
 * that move the engine clock: they would fill the approver's "latest decisions". Ending them first makes a test's own
 * decision the latest.
 */
final class OpenDecisions {

    private OpenDecisions() {
    }

    static void endAllDecidedBy(String user, ApprovalOperations operations, RuntimeService runtimeService) {
        for (int round = 0; round < 100; round++) {
            var decisions = operations.decisionsOf(user, 20);
            if (decisions.isEmpty()) {
                return;
            }
            decisions.stream().map(ApprovalOperations.Decision::processInstanceId).distinct()
                    .forEach(pi -> runtimeService.deleteProcessInstanceIfExists(pi, "test set-up: earlier tests' requests", true, true, true, true));
        }
        throw new IllegalStateException(user + " still has open decisions after 100 rounds");
    }
}
