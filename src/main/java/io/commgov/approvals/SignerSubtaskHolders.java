package io.commgov.approvals;

import java.util.function.Supplier;

import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A signer's subtask (加签) is a task of no model, so no task listener watches it: the engine's authorization provider,
 * which it calls on every change of assignee, owner or candidate of any task, keeps it with the signer it was made for
 * (or that signer's active substitute). Other tasks keep Camunda's default grants.
 */
class SignerSubtaskHolders extends DefaultAuthorizationProvider {

    private final Supplier<JdbcTemplate> jdbc;
    private final Supplier<Substitutes> substitutes;

    SignerSubtaskHolders(Supplier<JdbcTemplate> jdbc, Supplier<Substitutes> substitutes) {
        this.jdbc = jdbc;
        this.substitutes = substitutes;
    }

    @Override
    public AuthorizationEntity[] newTaskAssignee(Task task, String oldAssignee, String newAssignee) {
        requireSigner(task, newAssignee, "assignee");
        return super.newTaskAssignee(task, oldAssignee, newAssignee);
    }

    @Override
    public AuthorizationEntity[] newTaskOwner(Task task, String oldOwner, String newOwner) {
        requireSigner(task, newOwner, "owner");
        return super.newTaskOwner(task, oldOwner, newOwner);
    }

    @Override
    public AuthorizationEntity[] newTaskUserIdentityLink(Task task, String userId, String type) {
        if (IdentityLinkType.CANDIDATE.equals(type)) {
            requireSigner(task, userId, "candidate");
        }
        return super.newTaskUserIdentityLink(task, userId, type);
    }

    @Override
    public AuthorizationEntity[] newTaskGroupIdentityLink(Task task, String groupId, String type) {
        if (IdentityLinkType.CANDIDATE.equals(type)) {
            String signer = signerOf(task);
            if (signer != null) {
                throw ApprovalTasks.invalid("candidate", TaskHolders.NOT_ENTITLED, "group " + groupId + " may not be offered the signature of " + signer);
            }
        }
        return super.newTaskGroupIdentityLink(task, groupId, type);
    }

    private void requireSigner(Task task, String userId, String field) {
        if (userId == null) {
            return;
        }
        String signer = signerOf(task);
        if (signer == null || signer.equals(userId) || substitutes.get().activeFor(signer).filter(userId::equals).isPresent()) {
            return;
        }
        throw ApprovalTasks.invalid(field, TaskHolders.NOT_ENTITLED, userId + " may not hold task '" + task.getName() + "': it is the signature of " + signer
                + ", added to the approval by name; only " + signer + " (or their active substitute) signs it");
    }

    // the signer a subtask was made for; null for every other task (and for a signer's subtask still being created)
    private String signerOf(Task task) {
        if (task.getParentTaskId() == null || task.getProcessDefinitionId() != null) {
            return null;
        }
        return jdbc.get().queryForList("select user_id from cg_approval_signer where subtask_id = ?", String.class, task.getId())
                .stream().findFirst().orElse(null);
    }
}
