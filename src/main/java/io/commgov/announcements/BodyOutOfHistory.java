package io.commgov.announcements;

import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.stereotype.Component;

/**
 * The body of an announcement is never written to the engine's history (R-ANN-1, R-SEC): while under review it is a
 * runtime variable, gone when the process ends; what was decided is {@code cg_announcement}, where a rejected body is
 * kept only sealed. History of the body would keep a rejected body, customer data and all, in clear for months. The
 * title and the summary made of it stay in history, with customer data masked (a title rejected for it included).
 */
@Component
class BodyOutOfHistory extends AbstractProcessEnginePlugin {

    static final String PROCESS_KEY = "announcement-review";
    static final String BODY = "body";
    static final java.util.Set<String> MASKED = java.util.Set.of("title", "summary");

    // wraps whatever handlers the engine ended up with, so other plugins' handlers keep working
    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setHistoryEventHandler(new WithoutBody(configuration.getHistoryEventHandler()));
    }

    static boolean isBody(HistoryEvent event) {
        return event instanceof HistoricVariableUpdateEventEntity variable && BODY.equals(variable.getVariableName()) && ofThisProcess(variable);
    }

    static void maskTitle(HistoryEvent event) {
        if (event instanceof HistoricVariableUpdateEventEntity variable && MASKED.contains(variable.getVariableName())
                && variable.getTextValue() != null && ofThisProcess(variable)) {
            variable.setTextValue(ContentScreen.masked(variable.getTextValue()));
            variable.setTextValue2(variable.getTextValue2() == null ? null : ContentScreen.masked(variable.getTextValue2()));
        }
    }

    private static boolean ofThisProcess(HistoricVariableUpdateEventEntity variable) {
        String definitionId = variable.getProcessDefinitionId();
        return PROCESS_KEY.equals(variable.getProcessDefinitionKey())
                || definitionId != null && definitionId.startsWith(PROCESS_KEY + ":");
    }

    record WithoutBody(HistoryEventHandler delegate) implements HistoryEventHandler {

        @Override
        public void handleEvent(HistoryEvent event) {
            if (!isBody(event)) {
                maskTitle(event);
                delegate.handleEvent(event);
            }
        }

        @Override
        public void handleEvents(List<HistoryEvent> events) {
            events.forEach(this::handleEvent);
        }
    }
}
