package io.commgov.validation;

import java.util.ArrayList;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.springframework.stereotype.Component;

/**
 * Registers {@link ContractParseListener} with the engine, and the guard of the {@link ProtectedVariables protected
 * variables} with its history handlers (every variable write passes there) and its delegate interceptor.
 */
@Component
class ContractValidationPlugin extends AbstractProcessEnginePlugin {

    private final ContractRegistry registry;

    ContractValidationPlugin(ContractRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPreBPMNParseListeners() == null) {
            configuration.setCustomPreBPMNParseListeners(new ArrayList<>());
        }
        configuration.getCustomPreBPMNParseListeners().add(new ContractParseListener(registry));
        if (configuration.getCustomHistoryEventHandlers() == null) {
            configuration.setCustomHistoryEventHandlers(new ArrayList<>());
        }
        // first of the custom handlers: a refused write reaches neither the audit trail nor anything else
        configuration.getCustomHistoryEventHandlers().add(0, new ProtectedVariableGuard());
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        // the guard sees variable writes only as history events: a history level without them would switch it off
        for (var type : new HistoryEventTypes[] {HistoryEventTypes.VARIABLE_INSTANCE_CREATE,
                HistoryEventTypes.VARIABLE_INSTANCE_UPDATE, HistoryEventTypes.VARIABLE_INSTANCE_DELETE}) {
            if (!configuration.getHistoryLevel().isHistoryEventProduced(type, null)) {
                throw new IllegalStateException("history level " + configuration.getHistoryLevel().getName()
                        + " produces no " + type.getEventName() + " events for variables; CommGov needs them to keep "
                        + ProtectedVariables.NAMES + " read-only (use history level full)");
            }
        }
        configuration.setDelegateInterceptor(new ModelCodeInterceptor(configuration.getDelegateInterceptor()));
    }
}
