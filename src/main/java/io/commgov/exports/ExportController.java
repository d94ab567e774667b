package io.commgov.exports;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.commgov.audit.AuditTrail;
import io.commgov.audit.Outcome;
import io.commgov.identity.CurrentUser;
import io.commgov.validation.Bounds;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.variable.value.BytesValue;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/exports/{processInstanceId}/file}: the requester downloads the approved export while their collect
 * task is open; the engine's task authorization decides who sees that task, so nobody else gets the file.
 */
@RestController
class ExportController {

    private final TaskService taskService;
    private final ExportFiles files;
    private final AuditTrail audit;
    private final CurrentUser currentUser;

    ExportController(TaskService taskService, ExportFiles files, AuditTrail audit, CurrentUser currentUser) {
        this.taskService = taskService;
        this.files = files;
        this.audit = audit;
        this.currentUser = currentUser;
    }

    @GetMapping("/api/exports/{processInstanceId}/file")
    ResponseEntity<?> file(@PathVariable String processInstanceId) {
        Bounds.requireMaxLength("processInstanceId", processInstanceId, Bounds.ID);
        String user = currentUser.id().orElse(null);
        var task = taskService.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey("Task_CollectExport")
                .taskAssignee(user == null ? "-" : user).singleResult();
        if (task == null) {
            audit.record("EXPORT_DOWNLOAD", "process-instance", processInstanceId, Outcome.DENIED, "no open collect task for the caller");
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("type", "NotFound",
                    "message", "no export of " + processInstanceId + " is available to you", "errors", List.of()));
        }
        BytesValue encrypted = taskService.getVariableTyped(task.getId(), ExportFiles.FILE_VARIABLE);
        String csv = files.decrypt(processInstanceId, encrypted.getValue());
        audit.record("EXPORT_DOWNLOAD", "process-instance", processInstanceId, Outcome.SUCCESS,
                "sm3=" + taskService.getVariable(task.getId(), ExportFiles.DIGEST_VARIABLE));
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"export-" + processInstanceId + ".csv\"")
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(csv);
    }

}
