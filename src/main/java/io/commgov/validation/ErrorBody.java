package io.commgov.validation;

import java.util.List;

/** The JSON body of every 400 of CommGov: {@code {"type", "message", "errors": [{field, rule, message}]}}. */
public record ErrorBody(String type, String message, List<Violation> errors) {

    public static final String TYPE = "InvalidVariables";

    public static ErrorBody of(List<Violation> violations) {
        return new ErrorBody(TYPE, "Invalid request: " + violations.stream()
                .map(v -> v.field() + " (" + v.rule() + "): " + v.message())
                .reduce((a, b) -> a + "; " + b).orElse(""), violations);
    }
}
