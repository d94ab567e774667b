package io.commgov.validation;

/** One broken rule: which field, which rule, and a sentence a person can act on. */
public record Violation(String field, String rule, String message) {
}
