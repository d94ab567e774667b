package io.commgov.validation;

import java.util.List;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** CommGov's own API answers bad input with the same 400 body as the engine's, and refusals with 403. */
@RestControllerAdvice(basePackages = "io.commgov")
class ApiErrors {

    @ExceptionHandler(ContractViolationException.class)
    ResponseEntity<ErrorBody> invalid(ContractViolationException e) {
        RecentViolations.clear();
        return ResponseEntity.badRequest().body(ErrorBody.of(e.violations()));
    }

    /** The engine wraps an exception thrown by a listener; a contract violation inside is still the caller's error. */
    @ExceptionHandler(ProcessEngineException.class)
    ResponseEntity<ErrorBody> engine(ProcessEngineException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ContractViolationException violation) {
                return invalid(violation);
            }
        }
        throw e;
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ErrorBody> missing(MissingServletRequestParameterException e) {
        return ResponseEntity.badRequest().body(ErrorBody.of(List.of(new Violation(e.getParameterName(), "required",
                e.getParameterName() + " is required"))));
    }

    @ExceptionHandler(AuthorizationException.class)
    ResponseEntity<ErrorBody> forbidden(AuthorizationException e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(new ErrorBody("Forbidden", e.getMessage(), List.of()));
    }
}
