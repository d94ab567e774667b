package io.commgov.approvals;

import java.util.ArrayList;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Registers {@link ApprovalsParseListener}; its hooks are looked up when they run, as they need the engine's services. */
@Component
class ApprovalsEnginePlugin extends AbstractProcessEnginePlugin {

    private final ObjectProvider<ApprovalEngineHooks> hooks;

    ApprovalsEnginePlugin(ObjectProvider<ApprovalEngineHooks> hooks) {
        this.hooks = hooks;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPostBPMNParseListeners() == null) {
            configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
        }
        configuration.getCustomPostBPMNParseListeners().add(new ApprovalsParseListener(hooks::getObject));
    }
}
