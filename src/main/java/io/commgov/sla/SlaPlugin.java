package io.commgov.sla;

import java.util.ArrayList;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/** Registers {@link SlaParseListener} with the engine. */
@Component
class SlaPlugin extends AbstractProcessEnginePlugin {

    private final Sla sla;

    SlaPlugin(@Lazy Sla sla) {
        this.sla = sla;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPostBPMNParseListeners() == null) {
            configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
        }
        configuration.getCustomPostBPMNParseListeners().add(new SlaParseListener(sla));
    }
}
