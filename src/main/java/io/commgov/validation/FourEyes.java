package io.commgov.validation;

/** The person who asked may not decide (R-ACC-4, R-SOD). */
final class FourEyes {

    private FourEyes() {
    }

    static void check(Fields fields, TaskContract.TaskContext task) {
        if (task.actor() != null && task.actor().equals(task.initiator())) {
            fields.reject("approved", "four-eyes", "the requester " + task.initiator()
                    + " may not decide on their own request; another approver must complete this task");
        }
    }

    static boolean isRequester(String userId, String initiator) {
        return userId != null && userId.equals(initiator);
    }
}
