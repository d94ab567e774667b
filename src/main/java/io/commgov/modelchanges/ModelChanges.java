package io.commgov.modelchanges;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.commgov.audit.AuditEvent;
import io.commgov.audit.AuditTrail;
import io.commgov.audit.Outcome;
import io.commgov.crypto.Sm3;
import io.commgov.engine.DeploymentAwaitsApproval;
import io.commgov.identity.Role;
import io.commgov.identity.Unrestricted;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Runs the approval of each person's deployment (R-SOD): starts {@code model-change} in the deployment's own
 * transaction with what changed, keeps who deployed it where no task holder can write, and on the decision activates
 * the held definitions or deletes the deployment. Every step is on the audit trail.
 */
@Component
class ModelChanges {

    static final String PROCESS_KEY = "model-change";
    static final String CHANGES = "changes";
    static final String SUBJECT = "subject";
    static final int MAX_CHANGES = 3800;
    private static final ThreadLocal<String> STARTING = new ThreadLocal<>();

    private final RuntimeService runtimeService;
    private final RepositoryService repositoryService;
    private final ManagementService managementService;
    private final IdentityService identityService;
    private final JdbcTemplate jdbc;
    private final AuditTrail audit;

    ModelChanges(RuntimeService runtimeService, RepositoryService repositoryService, ManagementService managementService,
                 IdentityService identityService, JdbcTemplate jdbc, AuditTrail audit) {
        this.runtimeService = runtimeService;
        this.repositoryService = repositoryService;
        this.managementService = managementService;
        this.identityService = identityService;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** Who deployed a change and what they were shown to approve: CommGov's record, written at deployment. */
    record Change(String deploymentId, String processInstanceId, String deployedBy, String changesSm3, String decision) {
    }

    /** Within the deployment's command: a failure here refuses the deployment whole. */
    @EventListener
    void onDeployment(DeploymentAwaitsApproval deployment) {
        String changes = describe(deployment);
        String subject = subject(deployment);
        String approvalProcess = Unrestricted.lookup(() -> repositoryService.createProcessDefinitionQuery()
                .processDefinitionKey(PROCESS_KEY).active().orderByProcessDefinitionVersion().desc().listPage(0, 1)
                .stream().map(ProcessDefinition::getId).findFirst().orElse(null));
        if (approvalProcess == null) {
            throw new ProcessEngineException("no active model-change process to approve deployment " + deployment.deploymentId()
                    + "; nothing was deployed");
        }
        String changesSm3 = sm3(changes);
        jdbc.update("INSERT INTO cg_model_change (deployment_id, deployed_by, changes_sm3, submitted_at) VALUES (?, ?, ?, ?)",
                deployment.deploymentId(), deployment.deployedBy(), changesSm3, new Timestamp(ClockUtil.getCurrentTime().getTime()));
        STARTING.set(deployment.deploymentId());
        String instanceId;
        try {
            // the deployer stays the authenticated user: the instance's start user (the requester) is the deployer
            instanceId = Unrestricted.lookup(() -> runtimeService.startProcessInstanceById(approvalProcess, deployment.deploymentId(),
                    Map.of(SUBJECT, subject, CHANGES, changes)).getId());
        } finally {
            STARTING.remove();
        }
        jdbc.update("UPDATE cg_model_change SET process_instance_id = ? WHERE deployment_id = ?", instanceId, deployment.deploymentId());
        audit.record(new AuditEvent(deployment.deployedBy(), "model-change.submitted", "deployment", deployment.deploymentId(),
                Outcome.SUCCESS, "subject=" + subject + "; processInstanceId=" + instanceId + "; held suspended="
                + deployment.processes().stream().map(DeploymentAwaitsApproval.DeployedProcess::definitionId).toList()
                + "; changes sm3=" + changesSm3));
    }

    /** Whether {@code model-change} is being started for a deployment right now (not by hand). */
    static boolean startingForADeployment() {
        return STARTING.get() != null;
    }

    Optional<Change> byProcessInstance(String processInstanceId) {
        return jdbc.query("SELECT deployment_id, process_instance_id, deployed_by, changes_sm3, decision FROM cg_model_change"
                        + " WHERE process_instance_id = ?", (rs, i) -> new Change(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5)), processInstanceId).stream().findFirst();
    }

    /** Another process owner or a security officer: the roles that review model changes. */
    boolean mayApprove(String userId) {
        return userId != null && Unrestricted.lookup(() -> identityService.createGroupQuery().groupMember(userId)
                .groupIdIn(Role.PROCESS_OWNER.groupId(), Role.SECURITY.groupId()).count() > 0);
    }

    /** Approved: the held definitions, their job definitions and their timer start jobs become active. */
    void activate(String deploymentId, String approver) {
        List<String> activated = Unrestricted.lookup(() -> {
            var ids = new ArrayList<String>();
            for (ProcessDefinition definition : repositoryService.createProcessDefinitionQuery().deploymentId(deploymentId).list()) {
                repositoryService.updateProcessDefinitionSuspensionState().byProcessDefinitionId(definition.getId())
                        .includeProcessInstances(false).activate();
                managementService.updateJobDefinitionSuspensionState().byProcessDefinitionId(definition.getId())
                        .includeJobs(true).activate();
                ids.add(definition.getId());
            }
            return ids;
        });
        decided(deploymentId, "APPROVED", approver);
        audit.record(new AuditEvent(approver, "model-change.activated", "deployment", deploymentId, Outcome.SUCCESS,
                "approvedBy=" + approver + "; activated=" + activated));
    }

    /** Rejected: the deployment is deleted whole; none of its own listeners run. */
    void discard(String deploymentId, String approver, String reason) {
        boolean exists = Unrestricted.lookup(() -> repositoryService.createDeploymentQuery().deploymentId(deploymentId).count() > 0);
        if (exists) {
            Unrestricted.lookup(() -> {
                repositoryService.deleteDeployment(deploymentId, true, true, true);
                return null;
            });
        }
        decided(deploymentId, "REJECTED", approver);
        audit.record(new AuditEvent(approver, "model-change.rejected", "deployment", deploymentId, Outcome.SUCCESS,
                "rejectedBy=" + approver + "; deleted=" + exists + "; reason length=" + (reason == null ? 0 : reason.length())));
    }

    private void decided(String deploymentId, String decision, String by) {
        jdbc.update("UPDATE cg_model_change SET decision = ?, decided_by = ?, decided_at = ? WHERE deployment_id = ?",
                decision, by, new Timestamp(ClockUtil.getCurrentTime().getTime()), deploymentId);
    }

    static String subject(DeploymentAwaitsApproval deployment) {
        List<String> parts = new ArrayList<>();
        deployment.processes().forEach(p -> parts.add(p.key() + " v" + p.version()));
        deployment.decisions().forEach(d -> parts.add(d.key() + " v" + d.version()));
        if (parts.isEmpty()) {
            parts.add(deployment.otherResources().size() + " 个文件");
        }
        String subject = String.join("、", parts);
        return subject.length() > 200 ? subject.substring(0, 199) + "…" : subject;
    }

    /** The change summary the approver is shown (plain text), against the live version of each key. */
    String describe(DeploymentAwaitsApproval deployment) {
        var text = new StringBuilder();
        text.append("部署 ").append(deployment.deploymentId()).append(' ').append(ModelDiff.quote(String.valueOf(deployment.deploymentName())))
                .append("，部署人 ").append(deployment.deployedBy()).append('\n');
        for (var process : deployment.processes()) {
            ProcessDefinition previous = Unrestricted.lookup(() -> repositoryService.createProcessDefinitionQuery()
                    .processDefinitionKey(process.key()).active().orderByProcessDefinitionVersion().desc().list().stream()
                    .filter(d -> d.getVersion() < process.version()).findFirst().orElse(null));
            text.append('\n').append("流程 ").append(process.key()).append(" 版本 ").append(process.version())
                    .append(previous == null ? "（新流程）：" : "，与线上版本 " + previous.getVersion() + " 相比：").append('\n');
            byte[] before = previous == null ? null : Unrestricted.lookup(() -> read(repositoryService.getProcessModel(previous.getId())));
            ModelDiff.describe(process.key(), process.model(), before).forEach(line -> text.append("  ").append(line).append('\n'));
        }
        deployment.decisions().forEach(d -> text.append('\n').append("新增决策 ").append(d.key()).append(" 版本 ").append(d.version())
                .append("（").append(d.resourceName()).append("）\n"));
        deployment.otherResources().forEach(r -> text.append('\n').append("其他文件 ").append(ModelDiff.quote(r)).append('\n'));
        String all = text.toString();
        return all.length() <= MAX_CHANGES ? all
                : all.substring(0, MAX_CHANGES) + "\n……（内容过长，已截断；完整模型见 Cockpit 中的部署 " + deployment.deploymentId() + "）";
    }

    private static byte[] read(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sm3(String text) {
        return Sm3.hashHex(String.valueOf(text));
    }
}
