package io.commgov.approvals;

import java.util.ArrayList;
import java.util.List;

import io.commgov.validation.ContractViolationException;
import io.commgov.validation.Violation;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.stereotype.Component;

/** What the operations need the engine itself to do, inside its own commands (attached by {@link ApprovalsParseListener}). */
@Component
class ApprovalEngineHooks {

    static final String ASSIGNED = "ASSIGNED";
    static final String OFFERED = "OFFERED";
    static final String FALLBACK = "FALLBACK";

    private final Signers signers;
    private final Substitutes substitutes;
    private final CarbonCopies carbonCopies;
    private final TaskHolders holders;

    ApprovalEngineHooks(Signers signers, Substitutes substitutes, CarbonCopies carbonCopies, TaskHolders holders) {
        this.holders = holders;
        this.signers = signers;
        this.substitutes = substitutes;
        this.carbonCopies = carbonCopies;
    }

    /** Who may hold a task, checked on every change of who holds it. */
    TaskHolders holders() {
        return holders;
    }

    /** A delegate works on a task but does not decide it: while the delegation is pending, it can only be resolved. */
    void refuseWhileDelegated(DelegateTask task) {
        if (task instanceof org.camunda.bpm.engine.task.Task t && t.getDelegationState() == org.camunda.bpm.engine.task.DelegationState.PENDING) {
            throw new ContractViolationException(List.of(new Violation("delegationState", "pending", "task '" + task.getName()
                    + "' was delegated by " + t.getOwner() + " to " + task.getAssignee() + ": the delegate resolves it (resolve) and "
                    + t.getOwner() + " decides")));
        }
    }

    /** On completing an approval, however it is completed: every added signer must have signed, and a signer's no is a no. */
    void refuseWhileSignersPending(DelegateTask task) {
        var pending = signers.pending(task.getId());
        if (!pending.isEmpty()) {
            throw new ContractViolationException(List.of(new Violation("signers", "pending", "task '" + task.getName()
                    + "' cannot be completed yet: " + pending.stream().map(Signers.Signer::userId).toList() + " must sign first")));
        }
        boolean signerRejected = signers.list(task.getId()).stream()
                .anyMatch(s -> Signers.State.SIGNED.name().equals(s.state()) && Boolean.FALSE.equals(s.approved()));
        if (signerRejected && Boolean.TRUE.equals(task.getVariable("approved"))) {
            throw new ContractViolationException(List.of(new Violation("approved", "signer-rejected",
                    "a signer of this task rejected the request; it can only be rejected")));
        }
    }

    /** On creating any user task: a candidate user who is away is replaced by their substitute. */
    void substituteCandidates(DelegateTask task) {
        boolean hasGroup = task.getCandidates().stream().anyMatch(c -> c.getGroupId() != null);
        List<IdentityLink> candidates = new ArrayList<>(task.getCandidates());
        for (IdentityLink candidate : candidates) {
            if (!IdentityLinkType.CANDIDATE.equals(candidate.getType()) || candidate.getUserId() == null) {
                continue;
            }
            String absent = candidate.getUserId();
            var substitute = substitutes.activeFor(absent);
            if (substitute.isEmpty()) {
                continue;
            }
            // the requester is looked up only when someone is away: it costs a history read
            if (conflicts(substitute.get(), io.commgov.validation.Requester.of(task))) {
                // four-eyes: the substitute may not decide this request; the task stays with its group (or with the absent user)
                if (hasGroup) {
                    withdrawOffer(task, absent);
                }
                substitutes.recorded(absent, null, task.getId(), task.getName(), task.getProcessInstanceId(), FALLBACK, actor());
                continue;
            }
            withdrawOffer(task, absent);
            task.addCandidateUser(substitute.get());
            substitutes.recorded(absent, substitute.get(), task.getId(), task.getName(), task.getProcessInstanceId(), OFFERED, actor());
        }
    }

    /** On assigning any user task: to someone away, it goes to their substitute, or back to the group on a four-eyes conflict. */
    void substituteAssignee(DelegateTask task) {
        String absent = task.getAssignee();
        if (absent == null) {
            return;
        }
        var substitute = substitutes.activeFor(absent);
        if (substitute.isEmpty()) {
            return;
        }
        if (conflicts(substitute.get(), io.commgov.validation.Requester.of(task))) {
            task.setAssignee(null);
            substitutes.recorded(absent, null, task.getId(), task.getName(), task.getProcessInstanceId(), FALLBACK, actor());
            return;
        }
        task.setAssignee(substitute.get());
        substitutes.recorded(absent, substitute.get(), task.getId(), task.getName(), task.getProcessInstanceId(), ASSIGNED, actor());
    }

    /** At the end of any request (finished, rejected or withdrawn): those copied in are told. */
    void tellCarbonCopies(DelegateExecution execution) {
        var instance = (ExecutionEntity) execution;
        String outcome = instance.isCanceled() ? "已取消（" + instance.getDeleteReason() + "）"
                : "已结束于「" + (execution.getCurrentActivityName() != null ? execution.getCurrentActivityName() : execution.getCurrentActivityId()) + "」";
        String name = instance.getProcessDefinition().getName() != null ? instance.getProcessDefinition().getName() : instance.getProcessDefinition().getKey();
        carbonCopies.tellOutcome(execution.getProcessInstanceId(), name, outcome);
    }

    // the task is being created: its links and grants are still only in this command, not yet in the database
    private static void withdrawOffer(DelegateTask task, String userId) {
        var entity = (org.camunda.bpm.engine.impl.persistence.entity.TaskEntity) task;
        for (var link : new ArrayList<>(entity.getIdentityLinks())) {
            if (IdentityLinkType.CANDIDATE.equals(link.getType()) && userId.equals(link.getUserId())) {
                entity.getIdentityLinks().remove(link);
                link.delete();
            }
        }
        var dbEntityManager = Context.getCommandContext().getDbEntityManager();
        dbEntityManager.getCachedEntitiesByType(org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity.class).stream()
                .filter(a -> userId.equals(a.getUserId()) && task.getId().equals(a.getResourceId())
                        && a.getResourceType() == org.camunda.bpm.engine.authorization.Resources.TASK.resourceType())
                .forEach(dbEntityManager::delete);
    }

    // the substitute is the requester, or away too (no chains, no circles)
    private boolean conflicts(String substitute, String requester) {
        return substitute.equals(requester) || substitutes.activeFor(substitute).isPresent();
    }


    private static String actor() {
        var commandContext = Context.getCommandContext();
        return commandContext == null ? null : commandContext.getAuthenticatedUserId();
    }
}
