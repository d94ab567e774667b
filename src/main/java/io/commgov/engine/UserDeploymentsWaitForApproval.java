package io.commgov.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.dmn.entity.repository.DecisionDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.AcquirableJobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.engine.impl.persistence.entity.SuspensionState;

/**
 * Change management (R-SOD): a deployment made by a person goes live only after a second person approves it. Runs
 * after the engine's deployers, inside the deployment's transaction: the new process definitions, their job
 * definitions and their timer start jobs are written suspended (nobody can start them, no timer fires), and
 * {@link DeploymentAwaitsApproval} is published for the module that runs the approval. The application's own start-up
 * deployment and deployments without an authenticated user go live at once.
 */
class UserDeploymentsWaitForApproval implements Deployer {

    static final String RULE_LIVE_DECISION = "model-change-live-decision";

    private final Consumer<DeploymentAwaitsApproval> publisher;

    UserDeploymentsWaitForApproval(Consumer<DeploymentAwaitsApproval> publisher) {
        this.publisher = publisher;
    }

    @Override
    public void deploy(DeploymentEntity deployment) {
        var commandContext = Context.getCommandContext();
        String deployedBy = commandContext == null ? null : commandContext.getAuthenticatedUserId();
        if (!deployment.isNew() || deployedBy == null) {
            return;
        }
        List<DecisionDefinitionEntity> decisions = artifacts(deployment, DecisionDefinitionEntity.class);
        refuseNewVersionsOfLiveDecisions(decisions);
        List<ProcessDefinitionEntity> processes = artifacts(deployment, ProcessDefinitionEntity.class);
        holdSuspended(deployment, processes);

        Set<String> modelResources = new java.util.HashSet<>();
        var deployed = new ArrayList<DeploymentAwaitsApproval.DeployedProcess>();
        for (ProcessDefinitionEntity p : processes) {
            ResourceEntity resource = deployment.getResource(p.getResourceName());
            modelResources.add(p.getResourceName());
            deployed.add(new DeploymentAwaitsApproval.DeployedProcess(p.getId(), p.getKey(), p.getVersion(), p.getResourceName(),
                    resource == null ? new byte[0] : resource.getBytes()));
        }
        var decided = decisions.stream().peek(d -> modelResources.add(d.getResourceName()))
                .map(d -> new DeploymentAwaitsApproval.DeployedDecision(d.getKey(), d.getVersion(), d.getResourceName())).toList();
        List<String> others = deployment.getResources() == null ? List.of() : deployment.getResources().keySet().stream()
                .filter(name -> !modelResources.contains(name)).sorted().toList();
        if (deployed.isEmpty() && decided.isEmpty() && others.isEmpty()) {
            return;
        }
        publisher.accept(new DeploymentAwaitsApproval(deployment.getId(), deployment.getName(), deployedBy, deployed, decided, others));
    }

    // Camunda 7 cannot suspend a decision: a new version of a live key would be evaluated at once (by key from Java,
    // by tasks bound to "latest"), so a person may add decisions under new keys only; live ones change with a release
    private static void refuseNewVersionsOfLiveDecisions(List<DecisionDefinitionEntity> decisions) {
        List<DecisionDefinitionEntity> live = decisions.stream().filter(d -> d.getVersion() > 1).toList();
        if (live.isEmpty()) {
            return;
        }
        String keys = live.stream().map(DecisionDefinitionEntity::getKey).collect(Collectors.joining(", "));
        String message = "Rule " + RULE_LIVE_DECISION + ": decision '" + keys + "' is live and a decision cannot be held back"
                + " until a second person approves it (R-SOD); change a live decision with the application's release"
                + " (processes/), or deploy it under a new decision id together with the process that binds it";
        throw new ParseException(message + " | " + live.get(0).getResourceName(), live.get(0).getResourceName(),
                live.stream().map(d -> (Problem) new RuleProblem(message, d.getKey())).toList(), List.of());
    }

    /** The engine's deployers have just created them: the definitions, job definitions and timer start jobs are not yet written. */
    private static void holdSuspended(DeploymentEntity deployment, List<ProcessDefinitionEntity> processes) {
        if (processes.isEmpty()) {
            return;
        }
        int suspended = SuspensionState.SUSPENDED.getStateCode();
        Set<String> ids = processes.stream().map(ProcessDefinitionEntity::getId).collect(Collectors.toSet());
        processes.forEach(p -> p.setSuspensionState(suspended));
        var db = Context.getCommandContext().getDbEntityManager();
        Set<String> jobDefinitions = new java.util.HashSet<>();
        for (JobDefinitionEntity definition : db.getCachedEntitiesByType(JobDefinitionEntity.class)) {
            if (ids.contains(definition.getProcessDefinitionId())) {
                definition.setSuspensionState(suspended);
                jobDefinitions.add(definition.getId());
            }
        }
        // jobs are cached under AcquirableJobEntity (asking for JobEntity or TimerEntity finds none)
        for (Object cached : db.getCachedEntitiesByType(AcquirableJobEntity.class)) {
            if (cached instanceof JobEntity job && (ids.contains(job.getProcessDefinitionId())
                    || jobDefinitions.contains(job.getJobDefinitionId()) || deployment.getId().equals(job.getDeploymentId()))) {
                job.setSuspensionState(suspended);
            }
        }
    }

    private static <T> List<T> artifacts(DeploymentEntity deployment, Class<T> type) {
        List<T> found = deployment.getDeployedArtifacts(type);
        return found == null ? List.of() : found;
    }
}
