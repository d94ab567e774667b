package io.commgov.clients;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import io.commgov.validation.ContractViolationException;
import io.commgov.validation.Violation;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricFormPropertyEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Keeps a client's phone, e-mail and id number out of Camunda's tables (R-CLI-2): when {@code client-onboarding} starts,
 * after its contract passed, they go into the encrypted store (referenced from {@code cg_client}) and leave the process, which keeps only the
 * {@code clientId}; and no history event of those variables is ever written. Nor, for any process, the engine's
 * form-field rows ({@code ACT_HI_DETAIL} of type FormProperty): a {@code submit-form} copies every submitted text there,
 * beside the variables' own history and past every guard of it, so the same data would be kept twice and once in clear.
 */
@Component
class PersonalDataGuard extends AbstractProcessEnginePlugin {

    static final String PROCESS_KEY = "client-onboarding";
    static final Set<String> PERSONAL = Set.of("phone", "email", "idNumber");
    static final ZoneId BUSINESS_ZONE = ZoneId.of("Asia/Shanghai");

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
    }

    // wraps whatever handlers the engine ended up with, so other plugins' handlers keep working
    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setHistoryEventHandler(new WithoutPersonalData(configuration.getHistoryEventHandler()));
    }

    private void moveToVault(DelegateExecution execution) {
        String id = UUID.randomUUID().toString();
        var personal = new Clients.PersonalData((String) execution.getVariable("phone"), (String) execution.getVariable("email"),
                blankToNull((String) execution.getVariable("idNumber")));
        clients.getObject().record(id, (String) execution.getVariable("clientName"), (String) execution.getVariable("company"), personal,
                TextLists.of(execution.getVariable("projectGroups")), dateOf(execution.getVariable("projectEndDate")),
                (String) execution.getVariable("processingPurpose"), (String) execution.getVariable("initiator"),
                execution.getProcessInstanceId());
        execution.setVariable("clientId", id);
        // the forms show it in a read-only text field, which cannot show a list
        execution.setVariable("projectGroupsText", String.join(", ", TextLists.of(execution.getVariable("projectGroups"))));
        PERSONAL.forEach(execution::removeVariable);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static LocalDate dateOf(Object value) {
        if (value instanceof Date d) {
            return d.toInstant().atZone(BUSINESS_ZONE).toLocalDate();
        }
        String s = String.valueOf(value).strip();
        return s.length() <= 10 ? LocalDate.parse(s) : OffsetDateTime.parse(s).atZoneSameInstant(BUSINESS_ZONE).toLocalDate();
    }

    static boolean isPersonal(HistoryEvent event) {
        if (!(event instanceof HistoricVariableUpdateEventEntity variable) || !PERSONAL.contains(variable.getVariableName())) {
            return false;
        }
        String definitionId = variable.getProcessDefinitionId();
        return PROCESS_KEY.equals(variable.getProcessDefinitionKey())
                || definitionId != null && definitionId.startsWith(PROCESS_KEY + ":");
    }

    /**
     * Personal data enters a client's process only at its start, on its way into the store. Written later (a task's
     * completion variables, PUT of a variable, a modification or a message with variables), it would stay a clear
     * runtime variable until the project ends: refused, naming the field. Its removal at the start goes on.
     */
    static void refuseAfterStart(HistoricVariableUpdateEventEntity variable) {
        if (HistoryEventTypes.VARIABLE_INSTANCE_DELETE.getEventName().equals(variable.getEventType())) {
            return;
        }
        var commandContext = Context.getCommandContext();
        var instance = commandContext == null || variable.getProcessInstanceId() == null ? null
                : commandContext.getExecutionManager().findExecutionById(variable.getProcessInstanceId());
        if (instance != null && instance.getVariable("clientId") != null) {
            throw new ContractViolationException(List.of(new Violation(variable.getVariableName(), "personal-data-at-start-only",
                    variable.getVariableName() + " is a client's personal data: it is given when the request starts and kept "
                            + "encrypted; it cannot be written to the request afterwards")));
        }
    }

    /** Form-field rows repeat what the variables' history holds (or, guarded, does not hold): none are written. */
    static boolean isFormField(HistoryEvent event) {
        return event instanceof HistoricFormPropertyEventEntity;
    }

    /** Hands every history event on, except those of a client's personal variables and every form-field row. */
    record WithoutPersonalData(HistoryEventHandler delegate) implements HistoryEventHandler {

        @Override
        public void handleEvent(HistoryEvent event) {
            if (isPersonal(event)) {
                refuseAfterStart((HistoricVariableUpdateEventEntity) event);
            } else if (!isFormField(event)) {
                delegate.handleEvent(event);
            }
        }

        @Override
        public void handleEvents(List<HistoryEvent> events) {
            events.forEach(this::handleEvent);
        }
    }
}
