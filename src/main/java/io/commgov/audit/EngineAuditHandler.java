package io.commgov.audit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.impl.history.event.HistoricIdentityLinkLogEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricIncidentEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricTaskInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.UserOperationLogEntryEventEntity;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Turns the engine's history events into audit entries, next to the engine's own history tables (it is added to the
 * composite with the default database handler): processes started and ended, tasks created, assigned, completed and
 * cancelled, variables set (names only, never values), incidents, and identity, authorization and deployment changes
 * made through the API or the webapps (the engine's user operation log).
 */
class EngineAuditHandler implements HistoryEventHandler {

    /** Operation-log entity types recorded: who changed users, groups, memberships, authorizations or deployments. */
    private static final Set<String> ADMIN_ENTITIES = Set.of("User", "Group", "Group membership", "Tenant", "Tenant membership",
            "Authorization", "Deployment", "ProcessDefinition", "DecisionDefinition");

    /** Operations on running instances by a person (Cockpit, REST): audited with the reason given (R-SOD, issue 19). */
    static final Map<String, String> INSTANCE_OPERATIONS = Map.of(
            "ModifyProcessInstance", "PROCESS_INSTANCE_MODIFIED",
            "RestartProcessInstance", "PROCESS_INSTANCE_RESTARTED",
            "Migrate", "PROCESS_INSTANCE_MIGRATED",
            "Delete", "PROCESS_INSTANCE_CANCELLED");
    static final String NO_REASON = "no reason given";

    private final ObjectProvider<AuditTrail> trail;
    // one operation writes one log entry per changed property; one audit entry per operation is enough
    private final Set<String> recentOperations = Collections.synchronizedSet(Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > 2000;
        }
    }));

    EngineAuditHandler(ObjectProvider<AuditTrail> trail) {
        this.trail = trail;
    }

    @Override
    public void handleEvent(HistoryEvent event) {
        AuditEvent audit = toAudit(event);
        if (audit != null) {
            trail.getObject().record(audit);
        }
    }

    @Override
    public void handleEvents(List<HistoryEvent> events) {
        events.forEach(this::handleEvent);
    }

    AuditEvent toAudit(HistoryEvent event) {
        String type = event.getEventType();
        if (event instanceof HistoricProcessInstanceEventEntity p) {
            String definition = "processDefinitionKey=" + p.getProcessDefinitionKey() + "; businessKey=" + p.getBusinessKey();
            return switch (type) {
                case "start" -> new AuditEvent(p.getStartUserId() != null ? p.getStartUserId() : actor(), "PROCESS_STARTED",
                        "process-instance", p.getProcessInstanceId(), Outcome.SUCCESS, definition);
                case "end" -> new AuditEvent(actor(), "PROCESS_ENDED", "process-instance", p.getProcessInstanceId(),
                        p.getDeleteReason() == null ? Outcome.SUCCESS : Outcome.FAILURE,
                        definition + "; endActivity=" + p.getEndActivityId() + (p.getDeleteReason() == null ? "" : "; deleteReason=" + p.getDeleteReason()));
                default -> null;
            };
        }
        if (event instanceof HistoricTaskInstanceEventEntity t) {
            String details = "taskDefinitionKey=" + t.getTaskDefinitionKey() + "; processInstanceId=" + t.getProcessInstanceId()
                    + "; assignee=" + t.getAssignee();
            return switch (type) {
                case "create" -> new AuditEvent(actor(), "TASK_CREATED", "task", t.getTaskId(), Outcome.SUCCESS, details);
                case "complete" -> new AuditEvent(actor(), "TASK_COMPLETED", "task", t.getTaskId(), Outcome.SUCCESS, details);
                case "delete" -> new AuditEvent(actor(), "TASK_CANCELLED", "task", t.getTaskId(), Outcome.SUCCESS,
                        details + "; reason=" + t.getDeleteReason());
                default -> null;
            };
        }
        if (event instanceof HistoricIdentityLinkLogEventEntity link && "assignee".equals(link.getType()) && link.getTaskId() != null) {
            boolean added = "add".equals(link.getOperationType());
            return new AuditEvent(actor(), added ? "TASK_ASSIGNED" : "TASK_UNASSIGNED", "task", link.getTaskId(), Outcome.SUCCESS,
                    "assignee=" + link.getUserId() + "; processInstanceId=" + link.getProcessInstanceId());
        }
        if (event instanceof HistoricVariableUpdateEventEntity v) {
            // the name and type only: values may be personal data (R-CLI-2) and are kept encrypted elsewhere
            String eventType = "delete".equals(type) ? "VARIABLE_DELETED" : "VARIABLE_SET";
            return new AuditEvent(actor(), eventType, "process-instance", v.getProcessInstanceId(), Outcome.SUCCESS,
                    "variable=" + v.getVariableName() + "; type=" + v.getSerializerName());
        }
        if (event instanceof HistoricIncidentEventEntity i) {
            String eventType = switch (type) {
                case "create" -> "INCIDENT_CREATED";
                case "resolve" -> "INCIDENT_RESOLVED";
                case "delete" -> "INCIDENT_DELETED";
                default -> null;
            };
            return eventType == null ? null : new AuditEvent(actor(), eventType, "incident", i.getId(),
                    "create".equals(type) ? Outcome.FAILURE : Outcome.SUCCESS,
                    "incidentType=" + i.getIncidentType() + "; activity=" + i.getActivityId() + "; processInstanceId="
                            + i.getProcessInstanceId() + "; message=" + i.getIncidentMessage());
        }
        if (event instanceof UserOperationLogEntryEventEntity op && "ProcessInstance".equals(op.getEntityType())
                && INSTANCE_OPERATIONS.containsKey(op.getOperationType())) {
            if (op.getOperationId() != null && !recentOperations.add(op.getOperationId())) {
                return null;
            }
            // Cockpit cancels without asking why; the missing reason is on record, and the quarterly security audit lists it
            String reason = op.getAnnotation() != null ? op.getAnnotation()
                    : "deleteReason".equals(op.getProperty()) && op.getNewValue() != null ? op.getNewValue() : NO_REASON;
            return new AuditEvent(op.getUserId(), INSTANCE_OPERATIONS.get(op.getOperationType()), "process-instance",
                    op.getProcessInstanceId(), Outcome.SUCCESS, "operation=" + op.getOperationType() + "; processDefinitionKey="
                    + op.getProcessDefinitionKey() + "; reason=" + reason);
        }
        if (event instanceof UserOperationLogEntryEventEntity op && ADMIN_ENTITIES.contains(op.getEntityType())) {
            if (op.getOperationId() != null && !recentOperations.add(op.getOperationId())) {
                return null;
            }
            String object = op.getDeploymentId() != null ? op.getDeploymentId()
                    : op.getProcessDefinitionKey() != null ? op.getProcessDefinitionKey() : op.getNewValue();
            return new AuditEvent(op.getUserId(), eventTypeOf(op), op.getEntityType().toLowerCase().replace(' ', '-'),
                    "User".equals(op.getEntityType()) ? null : object, Outcome.SUCCESS,
                    "operation=" + op.getOperationType() + "; category=" + op.getCategory());
        }
        return null;
    }

    private static String eventTypeOf(UserOperationLogEntryEventEntity op) {
        return switch (op.getEntityType()) {
            case "Authorization" -> "AUTHORIZATION_" + op.getOperationType().toUpperCase();
            case "Deployment" -> "DEPLOYMENT_" + op.getOperationType().toUpperCase();
            case "ProcessDefinition", "DecisionDefinition" -> "DEFINITION_" + op.getOperationType().toUpperCase();
            default -> "IDENTITY_" + op.getOperationType().toUpperCase();
        };
    }

    private String actor() {
        return trail.getObject().currentActor();
    }
}
