package io.commgov.clients;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_RecordNewContactPerson}: the client's contact person is now the one the department head named. */
@Component
class RecordNewContactPersonDelegate implements JavaDelegate {

    private final Clients clients;

    RecordNewContactPersonDelegate(Clients clients) {
        this.clients = clients;
    }

    @Override
    public void execute(DelegateExecution execution) {
        clients.reassign(ClientSteps.clientId(execution), (String) execution.getVariable("newContactPerson"), ClientSteps.actor(),
                execution.getProcessInstanceId());
    }
}
