package io.commgov.engine;

import java.util.List;

/**
 * A person (Modeler, REST) deployed models: their process definitions are held suspended until a second person
 * approves the change (R-SOD). Published inside the deployment's transaction, so whoever records it commits or rolls
 * back with the deployment.
 */
public record DeploymentAwaitsApproval(String deploymentId, String deploymentName, String deployedBy,
                                       List<DeployedProcess> processes, List<DeployedDecision> decisions,
                                       List<String> otherResources) {

    public DeploymentAwaitsApproval {
        processes = List.copyOf(processes);
        decisions = List.copyOf(decisions);
        otherResources = List.copyOf(otherResources);
    }

    /** One process definition of the deployment, with the model it was parsed from. */
    public record DeployedProcess(String definitionId, String key, int version, String resourceName, byte[] model) {
    }

    /** One decision of the deployment: only new keys get here (a new version of a live decision is refused). */
    public record DeployedDecision(String key, int version, String resourceName) {
    }
}
