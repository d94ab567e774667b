package io.commgov.clients;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Keeps a client's phone and e-mail out of Camunda's tables (R-CLI-2): when {@code client-onboarding} starts, after
 * its contract passed, they go SM4-encrypted into {@code cg_client} and leave the process, which keeps only the
 * {@code clientId}; and no history event of those variables is ever written.
 */
@Component
class PersonalDataGuard extends AbstractProcessEnginePlugin {

    static final String PROCESS_KEY = "client-onboarding";
    static final Set<String> PERSONAL = Set.of("phone", "email");

    private final ObjectProvider<Clients> clients;

    PersonalDataGuard(ObjectProvider<Clients> clients) {
        this.clients = clients;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPostBPMNParseListeners() == null) {
            configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
        }
        configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
            @Override
            public void parseProcess(Element processElement, ProcessDefinitionEntity definition) {
                if (PROCESS_KEY.equals(definition.getKey())) {
                    definition.addBuiltInListener(ExecutionListener.EVENTNAME_START,
                            (ExecutionListener) execution -> moveToVault(execution));
                }
            }
        });
        // the default database history handler, minus the personal variables of this one process
        List<HistoryEventHandler> handlers = configuration.getCustomHistoryEventHandlers() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomHistoryEventHandlers());
        if (configuration.isEnableDefaultDbHistoryEventHandler()) {
            configuration.setEnableDefaultDbHistoryEventHandler(false);
            handlers.add(0, new WithoutPersonalData(new DbHistoryEventHandler()));
        }
        configuration.setCustomHistoryEventHandlers(handlers);
    }

    private void moveToVault(DelegateExecution execution) {
        String id = UUID.randomUUID().toString();
        clients.getObject().record(id, (String) execution.getVariable("clientName"), (String) execution.getVariable("company"),
                (String) execution.getVariable("phone"), (String) execution.getVariable("email"),
                TextLists.of(execution.getVariable("projectGroups")), java.time.LocalDate.parse(String.valueOf(
                        execution.getVariable("projectEndDate")).substring(0, 10)),
                (String) execution.getVariable("processingPurpose"), (String) execution.getVariable("initiator"),
                execution.getProcessInstanceId());
        execution.setVariable("clientId", id);
        PERSONAL.forEach(execution::removeVariable);
    }

    static boolean isPersonal(HistoryEvent event) {
        if (!(event instanceof HistoricVariableUpdateEventEntity variable) || !PERSONAL.contains(variable.getVariableName())) {
            return false;
        }
        String definitionId = variable.getProcessDefinitionId();
        return PROCESS_KEY.equals(variable.getProcessDefinitionKey())
                || definitionId != null && definitionId.startsWith(PROCESS_KEY + ":");
    }

    /** Hands every history event on, except those of a client's personal variables. */
    record WithoutPersonalData(HistoryEventHandler delegate) implements HistoryEventHandler {

        @Override
        public void handleEvent(HistoryEvent event) {
            if (!isPersonal(event)) {
                delegate.handleEvent(event);
            }
        }

        @Override
        public void handleEvents(List<HistoryEvent> events) {
            events.forEach(this::handleEvent);
        }
    }
}
