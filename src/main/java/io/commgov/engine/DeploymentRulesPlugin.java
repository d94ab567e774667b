package io.commgov.engine;

import java.util.ArrayList;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Installs {@link DeploymentRules} as the engine's BPMN parse, with the rules other modules add, and the DMN rule. */
@Component
class DeploymentRulesPlugin extends AbstractProcessEnginePlugin {

    private final int minimumRetentionDays;
    private final ObjectProvider<ModelRule> moreRules;

    DeploymentRulesPlugin(@Value("${commgov.retention.minimum-days:180}") int minimumRetentionDays,
                          ObjectProvider<ModelRule> moreRules) {
        this.minimumRetentionDays = minimumRetentionDays;
        this.moreRules = moreRules;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        // the contributed rules are looked up per deployment: their beans may need the engine's own data source
        configuration.setBpmnParseFactory(parser -> new DeploymentRules(parser, minimumRetentionDays,
                moreRules.orderedStream().toList()));
        if (configuration.getCustomPostDeployers() == null) {
            configuration.setCustomPostDeployers(new ArrayList<>());
        }
        configuration.getCustomPostDeployers().add(new DecisionRetentionRule(minimumRetentionDays));
        // deploying a model is not running code: only models in a deployment, decisions in FEEL (ModelResourcesRule)
        if (configuration.getCustomPreDeployers() == null) {
            configuration.setCustomPreDeployers(new ArrayList<>());
        }
        configuration.getCustomPreDeployers().add(new ModelResourcesRule(ModelCode.shipped()));
    }
}
