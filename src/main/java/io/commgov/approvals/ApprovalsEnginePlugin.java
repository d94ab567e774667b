package io.commgov.approvals;

import java.util.ArrayList;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Registers {@link ApprovalsParseListener} and {@link SignerSubtaskHolders}; the hooks are looked up when they run, as they need the engine's services. */
@Component
class ApprovalsEnginePlugin extends AbstractProcessEnginePlugin {

    private final ObjectProvider<ApprovalEngineHooks> hooks;
    private final ObjectProvider<JdbcTemplate> jdbc;
    private final ObjectProvider<Substitutes> substitutes;

    ApprovalsEnginePlugin(ObjectProvider<ApprovalEngineHooks> hooks, ObjectProvider<JdbcTemplate> jdbc, ObjectProvider<Substitutes> substitutes) {
        this.hooks = hooks;
        this.jdbc = jdbc;
        this.substitutes = substitutes;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPostBPMNParseListeners() == null) {
            configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
        }
        configuration.getCustomPostBPMNParseListeners().add(new ApprovalsParseListener(hooks::getObject));
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        // signers' subtasks have no model, so no task listener: the authorization provider sees their every change
        if (configuration.getResourceAuthorizationProvider().getClass() == DefaultAuthorizationProvider.class) {
            configuration.setResourceAuthorizationProvider(new SignerSubtaskHolders(jdbc::getObject, substitutes::getObject));
        } else {
            throw new IllegalStateException("CommGov keeps signers' subtasks with their signers through Camunda's default authorization"
                    + " provider, but " + configuration.getResourceAuthorizationProvider().getClass() + " is configured");
        }
    }
}
