package io.commgov.audit;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records significant actions (R-LOG). Inside a transaction the entries are appended just before it commits, in the
 * same transaction: the action and its record commit or roll back together, and the chain lock is held only for
 * the append. Outside a transaction an entry is appended in a transaction of its own.
 */
@Service
public class AuditTrail {

    private final AuditLedger ledger;
    private final TransactionTemplate transactions;
    private final ObjectProvider<IdentityService> identityService;

    AuditTrail(AuditLedger ledger, PlatformTransactionManager transactionManager, ObjectProvider<IdentityService> identityService) {
        this.ledger = ledger;
        this.transactions = new TransactionTemplate(transactionManager);
        this.identityService = identityService;
    }

    /** Records an action of the current user (the authenticated API or webapp user, or the engine command's user). */
    public void record(String eventType, String objectType, String objectId, Outcome outcome, String details) {
        record(new AuditEvent(currentActor(), eventType, objectType, objectId, outcome, details));
    }

    public void record(AuditEvent event) {
        if (TransactionSynchronizationManager.isSynchronizationActive() && TransactionSynchronizationManager.isActualTransactionActive()) {
            pending().events.add(event);
        } else {
            transactions.executeWithoutResult(status -> ledger.append(List.of(event)));
        }
    }

    /** The user acting now, or {@code null} for the application itself (timers, start-up). */
    String currentActor() {
        var commandContext = Context.getCommandContext();
        if (commandContext != null && commandContext.getAuthenticatedUserId() != null) {
            return commandContext.getAuthenticatedUserId();
        }
        IdentityService identity = identityService.getIfAvailable();
        Authentication authentication = identity == null ? null : identity.getCurrentAuthentication();
        return authentication == null ? null : authentication.getUserId();
    }

    private Pending pending() {
        for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
            if (synchronization instanceof Pending p && p.owner == this) {
                return p;
            }
        }
        var pending = new Pending(this);
        TransactionSynchronizationManager.registerSynchronization(pending);
        return pending;
    }

    /** The entries of one transaction, appended before it commits. */
    private static final class Pending implements TransactionSynchronization {

        private final AuditTrail owner;
        private final List<AuditEvent> events = new ArrayList<>();

        Pending(AuditTrail owner) {
            this.owner = owner;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            if (!events.isEmpty()) {
                owner.ledger.append(List.copyOf(events));
                events.clear();
            }
        }

        @Override
        public int getOrder() {
            // after everything else that may still record something before the commit
            return LOWEST_PRECEDENCE;
        }
    }
}
