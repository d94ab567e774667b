package io.commgov.validation;

import java.util.List;

import io.commgov.engine.DatabaseUnavailable;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import com.fasterxml.jackson.databind.JsonMappingException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** CommGov's own API answers bad input with the same 400 body as the engine's, refusals with 403, a database outage with 503. */
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
        if (DatabaseUnavailable.causedBy(e)) {
            return unavailable();
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ContractViolationException violation) {
                return invalid(violation);
            }
            // MariaDB: an id with characters the engine's utf8mb3 columns cannot hold (e.g. emoji) matches nothing
            if (t.getMessage() != null && t.getMessage().contains("Illegal mix of collations")) {
                return ResponseEntity.status(HttpStatus.NOT_FOUND).body(new ErrorBody("NotFound",
                        "nothing has this id: it holds characters no id can hold", List.of()));
            }
        }
        throw e;
    }

    /** No connection to the database: 503, nothing written (the transaction never began or was rolled back). */
    @ExceptionHandler({org.springframework.dao.DataAccessException.class, org.springframework.transaction.TransactionException.class})
    ResponseEntity<ErrorBody> database(RuntimeException e) {
        if (DatabaseUnavailable.causedBy(e)) {
            return unavailable();
        }
        throw e;
    }

    private static ResponseEntity<ErrorBody> unavailable() {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5")
                .body(new ErrorBody(DatabaseUnavailable.TYPE, DatabaseUnavailable.MESSAGE, List.of()));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ErrorBody> missing(MissingServletRequestParameterException e) {
        return ResponseEntity.badRequest().body(ErrorBody.of(List.of(new Violation(e.getParameterName(), "required",
                e.getParameterName() + " is required"))));
    }

    /** A body that is not JSON, or JSON of the wrong shape: names the field when the parser knows it, else the body. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ErrorBody> unreadable(HttpMessageNotReadableException e) {
        String field = "body";
        if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            field = String.join(".", mapping.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : String.valueOf(r.getIndex())).toList());
            return ResponseEntity.badRequest().body(ErrorBody.of(List.of(new Violation(field, "type",
                    field + " has the wrong type (see the API contract)"))));
        }
        return ResponseEntity.badRequest().body(ErrorBody.of(List.of(new Violation(field, "json",
                "the request body must be a JSON object of the documented shape"))));
    }

    /** A query or path parameter that does not convert (e.g. a number that is not one). */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ErrorBody> mismatch(MethodArgumentTypeMismatchException e) {
        String type = e.getRequiredType() == null ? "value" : e.getRequiredType().getSimpleName().toLowerCase(java.util.Locale.ROOT);
        return ResponseEntity.badRequest().body(ErrorBody.of(List.of(new Violation(e.getName(), "type-" + type,
                e.getName() + " must be a " + type))));
    }

    @ExceptionHandler(AuthorizationException.class)
    ResponseEntity<ErrorBody> forbidden(AuthorizationException e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(new ErrorBody("Forbidden", e.getMessage(), List.of()));
    }
}
