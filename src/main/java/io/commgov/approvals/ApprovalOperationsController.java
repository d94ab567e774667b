package io.commgov.approvals;

import java.util.List;
import java.util.Map;

import io.commgov.identity.CurrentUser;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** SPEC section 4: withdraw and remind a request; transfer (and delegate) a task. */
@RestController
class ApprovalOperationsController {

    record Reason(String reason) {
    }

    record UserChoice(String userId) {
    }

    record Refusal(String type, String message) {
    }

    private final ApprovalOperations operations;
    private final CurrentUser currentUser;

    ApprovalOperationsController(ApprovalOperations operations, CurrentUser currentUser) {
        this.operations = operations;
        this.currentUser = currentUser;
    }

    @PostMapping("/api/requests/{processInstanceId}/withdraw")
    ResponseEntity<Void> withdraw(@PathVariable String processInstanceId, @RequestBody(required = false) Reason reason) {
        operations.withdraw(processInstanceId, me(), reason == null ? null : reason.reason());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/requests/{processInstanceId}/remind")
    Map<String, List<String>> remind(@PathVariable String processInstanceId) {
        return Map.of("reminded", operations.remind(processInstanceId, me()));
    }

    @PostMapping("/api/tasks/{taskId}/transfer")
    ResponseEntity<Void> transfer(@PathVariable String taskId, @RequestBody(required = false) UserChoice choice) {
        operations.transfer(taskId, me(), currentUser.groups(), choice == null ? null : choice.userId());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/tasks/{taskId}/delegate")
    ResponseEntity<Void> delegate(@PathVariable String taskId, @RequestBody(required = false) UserChoice choice) {
        operations.delegate(taskId, me(), currentUser.groups(), choice == null ? null : choice.userId());
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler(ApprovalOperations.OperationRefused.class)
    ResponseEntity<Refusal> refused(ApprovalOperations.OperationRefused e) {
        var response = ResponseEntity.status(e.status);
        if (e.retryAfterSeconds > 0) {
            response.header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds));
        }
        return response.body(new Refusal(HttpStatus.valueOf(e.status).getReasonPhrase(), e.getMessage()));
    }

    // two people acting on the same task at once: one wins, the other is told and nothing is half-done
    @ExceptionHandler(OptimisticLockingException.class)
    ResponseEntity<Refusal> conflict(OptimisticLockingException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(new Refusal("Conflict",
                "someone else changed this request at the same moment; reload and try again"));
    }

    private String me() {
        return currentUser.id().orElseThrow();
    }
}
