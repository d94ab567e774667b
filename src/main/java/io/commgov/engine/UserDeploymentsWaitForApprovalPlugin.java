package io.commgov.engine;

import java.util.ArrayList;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Installs {@link UserDeploymentsWaitForApproval} after every other deployment rule. */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class UserDeploymentsWaitForApprovalPlugin extends AbstractProcessEnginePlugin {

    private final ApplicationEventPublisher events;

    UserDeploymentsWaitForApprovalPlugin(ApplicationEventPublisher events) {
        this.events = events;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPostDeployers() == null) {
            configuration.setCustomPostDeployers(new ArrayList<>());
        }
        // a synchronous event: its listeners run in the deployment's command and transaction
        configuration.getCustomPostDeployers().add(new UserDeploymentsWaitForApproval(events::publishEvent));
    }
}
