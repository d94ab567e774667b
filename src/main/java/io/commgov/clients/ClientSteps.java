package io.commgov.clients;

import io.commgov.identity.People;
import io.commgov.notify.Notifier;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.stereotype.Component;

/** The service steps of {@code client-onboarding}, each a small bean named after its activity. */
final class ClientSteps {

    private ClientSteps() {
    }

    static String actor() {
        var commandContext = Context.getCommandContext();
        return commandContext == null ? null : commandContext.getAuthenticatedUserId();
    }

    static String clientId(DelegateExecution execution) {
        return (String) execution.getVariable("clientId");
    }

    /** Start of {@code Task_ConfigureClientAccess}: IT may now open the personal data it configures with. */
    @Component("clientConfiguringListener")
    static class Configuring implements ExecutionListener {

        private final Clients clients;

        Configuring(Clients clients) {
            this.clients = clients;
        }

        @Override
        public void notify(DelegateExecution execution) {
            clients.moveTo(clientId(execution), ClientState.CONFIGURING);
        }
    }

    /** {@code Task_ActivateClientAccount}: the EXTERNAL_CLIENT account, named project groups only, until project end. */
    @Component("activateClientAccountDelegate")
    static class Activate implements JavaDelegate {

        private final Clients clients;

        Activate(Clients clients) {
            this.clients = clients;
        }

        @Override
        public void execute(DelegateExecution execution) {
            var client = clients.activate(clientId(execution), actor(), execution.getProcessInstanceId());
            execution.setVariable("clientAccountId", client.getAccountId());
        }
    }

    /** {@code Task_CloseClientRejected}: the contact person hears why. */
    @Component("closeClientRejectedDelegate")
    static class CloseRejected implements JavaDelegate {

        private final Clients clients;
        private final Notifier notifier;
        private final People people;

        CloseRejected(Clients clients, Notifier notifier, People people) {
            this.clients = clients;
            this.notifier = notifier;
            this.people = people;
        }

        @Override
        public void execute(DelegateExecution execution) {
            clients.moveTo(clientId(execution), ClientState.REJECTED);
            String initiator = (String) execution.getVariable("initiator");
            people.emailOf(initiator).ifPresent(address -> notifier.email(address, "[CommGov] 外部客户账号申请被驳回 Client request rejected",
                    execution.getVariable("clientName") + ": " + execution.getVariable("comment")));
        }
    }

    /** {@code Task_ExpireClientAccount}: the project has ended (R-CLI-1). */
    @Component("expireClientAccountDelegate")
    static class Expire implements JavaDelegate {

        private final Clients clients;

        Expire(Clients clients) {
            this.clients = clients;
        }

        @Override
        public void execute(DelegateExecution execution) {
            clients.end(clientId(execution), ClientState.EXPIRED, null, execution.getProcessInstanceId());
        }
    }

    /** {@code Task_RevokeClientAccount}: the contact person ended access before the project's end (R-CLI-1). */
    @Component("revokeClientAccountDelegate")
    static class Revoke implements JavaDelegate {

        private final Clients clients;

        Revoke(Clients clients) {
            this.clients = clients;
        }

        @Override
        public void execute(DelegateExecution execution) {
            clients.end(clientId(execution), ClientState.REVOKED, (String) execution.getVariable("revokedBy"), execution.getProcessInstanceId());
        }
    }
}
