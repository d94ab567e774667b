package io.commgov.engine;

import java.util.List;

import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.impl.dmn.entity.repository.DecisionDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;

/**
 * R-RET for DMN: each decision keeps its evaluations at least the minimum (its own camunda:historyTimeToLive, or the
 * engine's default when it names none). Runs after the DMN deployer, inside the deployment's transaction, so a
 * refusal leaves nothing deployed.
 */
class DecisionRetentionRule implements Deployer {

    private final int minimumRetentionDays;

    DecisionRetentionRule(int minimumRetentionDays) {
        this.minimumRetentionDays = minimumRetentionDays;
    }

    @Override
    public void deploy(DeploymentEntity deployment) {
        if (!deployment.isNew()) {
            return;
        }
        List<DecisionDefinitionEntity> decisions = deployment.getDeployedArtifacts(DecisionDefinitionEntity.class);
        for (DecisionDefinitionEntity decision : decisions == null ? List.<DecisionDefinitionEntity>of() : decisions) {
            Integer days = decision.getHistoryTimeToLive();
            if (days == null || days < minimumRetentionDays) {
                String message = DeploymentRules.retentionError("decision", decision.getKey(), days, minimumRetentionDays);
                // a parse error like the BPMN rules', so REST answers 400 with the rule's text
                throw new ParseException(message + " | " + decision.getResourceName(), decision.getResourceName(),
                        List.of(new RuleProblem(message, decision.getKey())), List.of());
            }
        }
    }
}
