package io.commgov.engine;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Installs {@link DeploymentRules} as the engine's BPMN parse. */
@Component
class DeploymentRulesPlugin extends AbstractProcessEnginePlugin {

    private final int minimumRetentionDays;

    DeploymentRulesPlugin(@Value("${commgov.retention.minimum-days:180}") int minimumRetentionDays) {
        this.minimumRetentionDays = minimumRetentionDays;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setBpmnParseFactory(parser -> new DeploymentRules(parser, minimumRetentionDays));
    }
}
