package io.commgov.approvals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.commgov.audit.AuditTrail;
import io.commgov.audit.Outcome;
import io.commgov.engine.DatabaseUnavailable;
import io.commgov.identity.CurrentUser;
import io.commgov.validation.Bounds;
import io.commgov.validation.ContractViolationException;
import io.commgov.validation.Violation;
import io.commgov.validation.ErrorBody;
import jakarta.servlet.http.HttpServletRequest;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * SPEC section 4 and README "Operations on any request": withdraw, remind, carbon-copy and read a request; transfer,
 * delegate, take back, add/remove signers and sign a task; out-of-office substitutes. Every refusal (400, 403, 404,
 * 409, 429) is audited as {@code operation.<name>} after the operation's transaction has rolled back.
 */
@RestController
class ApprovalOperationsController {

    private static final Pattern OPERATION = Pattern.compile("^/api/(requests|tasks)/([^/]+)(?:/([^/]+))?(?:/.*)?$");

    record Reason(String reason) {
    }

    record UserChoice(String userId) {
    }

    record SignerChoice(List<String> userIds, String position, String mode) {
    }

    record Decision(Boolean approved, String comment) {
    }

    record CarbonCopy(List<String> userIds, List<String> groupIds) {
    }

    record SubstituteChoice(String substituteId, String from, String until) {
    }

    record Refusal(String type, String message) {
    }

    private final ApprovalOperations operations;
    private final Signers signers;
    private final CarbonCopies carbonCopies;
    private final Substitutes substitutes;
    private final CurrentUser currentUser;
    private final AuditTrail audit;

    ApprovalOperationsController(ApprovalOperations operations, Signers signers, CarbonCopies carbonCopies, Substitutes substitutes,
                                 CurrentUser currentUser, AuditTrail audit) {
        this.operations = operations;
        this.signers = signers;
        this.carbonCopies = carbonCopies;
        this.substitutes = substitutes;
        this.currentUser = currentUser;
        this.audit = audit;
    }

    @PostMapping("/api/requests/{processInstanceId}/withdraw")
    ResponseEntity<Void> withdraw(@PathVariable String processInstanceId, @RequestBody(required = false) Reason reason) {
        bounded(id("processInstanceId", processInstanceId), text("reason", reason == null ? null : reason.reason()));
        operations.withdraw(processInstanceId, me(), reason == null ? null : reason.reason());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/requests/{processInstanceId}/remind")
    Map<String, List<String>> remind(@PathVariable String processInstanceId) {
        bounded(id("processInstanceId", processInstanceId));
        return Map.of("reminded", operations.remind(processInstanceId, me()));
    }

    @PostMapping("/api/requests/{processInstanceId}/cc")
    CarbonCopies.Recipients carbonCopy(@PathVariable String processInstanceId, @RequestBody(required = false) CarbonCopy cc) {
        var errors = new ArrayList<Violation>();
        if (cc != null) {
            Bounds.ids(errors, "userIds", cc.userIds());
            Bounds.ids(errors, "groupIds", cc.groupIds());
        }
        Bounds.check(errors);
        bounded(id("processInstanceId", processInstanceId));
        return carbonCopies.add(processInstanceId, me(), cc == null ? null : cc.userIds(), cc == null ? null : cc.groupIds());
    }

    @GetMapping("/api/requests/{processInstanceId}")
    Map<String, Object> read(@PathVariable String processInstanceId) {
        bounded(id("processInstanceId", processInstanceId));
        return carbonCopies.read(processInstanceId, me(), currentUser.groups());
    }

    @PostMapping("/api/tasks/{taskId}/transfer")
    ResponseEntity<Void> transfer(@PathVariable String taskId, @RequestBody(required = false) UserChoice choice) {
        bounded(id("taskId", taskId), id("userId", choice == null ? null : choice.userId()));
        operations.transfer(taskId, me(), currentUser.groups(), choice == null ? null : choice.userId());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/tasks/{taskId}/delegate")
    ResponseEntity<Void> delegate(@PathVariable String taskId, @RequestBody(required = false) UserChoice choice) {
        bounded(id("taskId", taskId), id("userId", choice == null ? null : choice.userId()));
        operations.delegate(taskId, me(), currentUser.groups(), choice == null ? null : choice.userId());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/tasks/{taskId}/take-back")
    ResponseEntity<Void> takeBack(@PathVariable String taskId) {
        bounded(id("taskId", taskId));
        operations.takeBack(taskId, me());
        return ResponseEntity.noContent().build();
    }

    /** The caller's latest decisions on running requests (Tasklist's 我已审批 with its 拿回 button). */
    @GetMapping("/api/me/decisions")
    Map<String, List<ApprovalOperations.Decision>> decisions() {
        return Map.of("decisions", operations.decisionsOf(me(), 20));
    }

    @PostMapping("/api/tasks/{taskId}/signers")
    Map<String, List<Signers.Signer>> addSigners(@PathVariable String taskId, @RequestBody(required = false) SignerChoice choice) {
        var errors = new ArrayList<Violation>();
        if (choice != null) {
            Bounds.ids(errors, "userIds", choice.userIds());
        }
        Bounds.check(errors);
        bounded(id("taskId", taskId), name("position", choice == null ? null : choice.position()), name("mode", choice == null ? null : choice.mode()));
        return Map.of("signers", signers.add(taskId, me(), currentUser.groups(), choice == null ? null : choice.userIds(),
                choice == null ? null : choice.position(), choice == null ? null : choice.mode()));
    }

    @GetMapping("/api/tasks/{taskId}/signers")
    Map<String, List<Signers.Signer>> listSigners(@PathVariable String taskId) {
        bounded(id("taskId", taskId));
        return Map.of("signers", signers.listFor(taskId, me(), currentUser.groups()));
    }

    @DeleteMapping("/api/tasks/{taskId}/signers/{userId}")
    ResponseEntity<Void> removeSigner(@PathVariable String taskId, @PathVariable String userId) {
        bounded(id("taskId", taskId), id("userId", userId));
        signers.remove(taskId, me(), userId);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/tasks/{taskId}/sign")
    ResponseEntity<Void> sign(@PathVariable String taskId, @RequestBody(required = false) Decision decision) {
        bounded(id("taskId", taskId), text("comment", decision == null ? null : decision.comment()));
        signers.sign(taskId, me(), decision == null ? null : decision.approved(), decision == null ? null : decision.comment());
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/api/me/substitute")
    Substitutes.Substitute setSubstitute(@RequestBody(required = false) SubstituteChoice choice) {
        if (choice != null) {
            bounded(id("substituteId", choice.substituteId()), name("from", choice.from()), name("until", choice.until()));
        }
        return substitutes.set(me(), choice == null ? null : choice.substituteId(), choice == null ? null : choice.from(),
                choice == null ? null : choice.until());
    }

    @GetMapping("/api/me/substitute")
    ResponseEntity<Substitutes.Substitute> substitute() {
        return ResponseEntity.of(substitutes.of(me()));
    }

    @DeleteMapping("/api/me/substitute")
    ResponseEntity<Void> clearSubstitute() {
        substitutes.clear(me());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/me/substitutions")
    Map<String, List<Map<String, Object>>> substitutions() {
        return Map.of("substitutions", substitutes.doneFor(me()));
    }

    @ExceptionHandler(OperationRefused.class)
    ResponseEntity<Refusal> refused(OperationRefused e, HttpServletRequest request) {
        auditRefusal(request, e.status, e.getMessage());
        var response = ResponseEntity.status(e.status);
        if (e.retryAfterSeconds > 0) {
            response.header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds));
        }
        return response.body(new Refusal(HttpStatus.valueOf(e.status).getReasonPhrase(), e.getMessage()));
    }

    // two people acting on the same task at once: one wins, the other is told and nothing is half-done
    @ExceptionHandler(OptimisticLockingException.class)
    ResponseEntity<Refusal> conflict(OptimisticLockingException e, HttpServletRequest request) {
        String message = "someone else changed this request at the same moment; nothing was changed by this call, reload and try again";
        auditRefusal(request, 409, message);
        return ResponseEntity.status(HttpStatus.CONFLICT).body(new Refusal("Conflict", message));
    }

    /** Bad input (400 naming the field and rule, the body of {@link ErrorBody}), also when a listener of the engine refused it. */
    @ExceptionHandler({ProcessEngineException.class, org.springframework.dao.DataAccessException.class})
    ResponseEntity<?> engineRefused(RuntimeException e, HttpServletRequest request) {
        if (DatabaseUnavailable.causedBy(e)) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                    .body(new Refusal(DatabaseUnavailable.TYPE, DatabaseUnavailable.MESSAGE));
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            // MariaDB: an id with characters the engine's utf8mb3 columns cannot hold (e.g. emoji) matches nothing
            if (t.getMessage() != null && t.getMessage().contains("Illegal mix of collations")) {
                String message = "nothing has this id: it holds characters no id can hold";
                auditRefusal(request, 404, message);
                return ResponseEntity.status(HttpStatus.NOT_FOUND).body(new Refusal("Not Found", message));
            }
            if (t instanceof ContractViolationException violation) {
                ErrorBody body = ErrorBody.of(violation.violations());
                auditRefusal(request, 400, body.message());
                return ResponseEntity.badRequest().body(body);
            }
            if (t instanceof OptimisticLockingException lost) {
                return conflict(lost, request);
            }
            // the database made one of two simultaneous writers wait and give up: the same lost race
            if (t instanceof java.sql.SQLTransientException || (t.getMessage() != null && (t.getMessage().contains("Deadlock")
                    || t.getMessage().contains("Lock wait timeout") || t.getMessage().contains("Timeout trying to lock")))) {
                return conflict(new OptimisticLockingException(t.getMessage()), request);
            }
        }
        throw e;
    }

    private void auditRefusal(HttpServletRequest request, int status, String message) {
        Matcher m = OPERATION.matcher(request.getRequestURI());
        String objectType = "user";
        String objectId = me();
        String operation = request.getRequestURI().substring(request.getRequestURI().lastIndexOf('/') + 1);
        if (m.matches()) {
            objectType = m.group(1).equals("tasks") ? "task" : "process-instance";
            objectId = m.group(2);
            operation = m.group(3) == null ? "read" : m.group(3);
        }
        if ("DELETE".equals(request.getMethod())) {
            operation = "remove-" + operation;
        }
        audit.record("operation." + operation, objectType, objectId, status == 403 ? Outcome.DENIED : Outcome.FAILURE, status + " " + message);
    }

    /** One input and its bound (docs/security.md, "Limits"). */
    private record Bound(String field, String value, int max) {
    }

    private static Bound id(String field, String value) {
        return new Bound(field, value, Bounds.ID);
    }

    private static Bound name(String field, String value) {
        return new Bound(field, value, Bounds.NAME);
    }

    private static Bound text(String field, String value) {
        return new Bound(field, value, Bounds.REASON);
    }

    /** Ids at most {@value Bounds#ID} characters, choices and date-times {@value Bounds#NAME}, reasons and comments {@value Bounds#REASON}: else 400 before any work. */
    private static void bounded(Bound... bounds) {
        var errors = new ArrayList<Violation>();
        for (Bound b : bounds) {
            Bounds.maxLength(errors, b.field(), b.value(), b.max());
        }
        Bounds.check(errors);
    }

    private String me() {
        return currentUser.id().orElseThrow();
    }
}
