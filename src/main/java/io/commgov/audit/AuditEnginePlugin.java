package io.commgov.audit;

import java.util.ArrayList;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Adds {@link EngineAuditHandler} to the engine's history handlers, keeping the default database handler. */
@Component
class AuditEnginePlugin extends AbstractProcessEnginePlugin {

    private final ObjectProvider<AuditTrail> trail;

    AuditEnginePlugin(ObjectProvider<AuditTrail> trail) {
        this.trail = trail;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setEnableDefaultDbHistoryEventHandler(true);
        if (configuration.getCustomHistoryEventHandlers() == null) {
            configuration.setCustomHistoryEventHandlers(new ArrayList<>());
        }
        configuration.getCustomHistoryEventHandlers().add(new EngineAuditHandler(trail));
    }
}
