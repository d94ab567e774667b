package io.commgov.validation;

import java.util.Collection;
import java.util.List;

/**
 * The documented upper bounds of every input of CommGov's {@code /api} that drives work (docs/security.md, "Limits"): a value past
 * one is refused before any work with a 400 naming the field, the rule and the bound, so no request can hold a thread,
 * memory or the log for longer than it takes to say no.
 */
public final class Bounds {

    /** Ids of users, groups, tasks, process instances, clients, calendars and screen words. */
    public static final int ID = 64;
    /** Names of enum-like choices (states, categories, modes) and time zones. */
    public static final int NAME = 64;
    /** A reason or comment a person types. */
    public static final int REASON = 1000;
    /** Users or groups named in one request (signers, carbon copies). */
    public static final int PEOPLE = 50;
    /** Page sizes of lists. */
    public static final int PAGE_SIZE = 200;
    /** How deep a page may start. */
    public static final int FIRST_RESULT = 100_000;
    /** Dates and date-times: the years a calendar, an SLA or a report can mean. */
    public static final int FIRST_YEAR = 1900;
    public static final int LAST_YEAR = 9999;

    private Bounds() {
    }

    public static void maxLength(List<Violation> errors, String field, String value, int max) {
        if (value != null && value.length() > max) {
            errors.add(new Violation(field, "max-length", field + " must be at most " + max + " characters (got " + value.length() + ")"));
        }
    }

    public static void maxSize(List<Violation> errors, String field, Collection<?> values, int max) {
        if (values != null && values.size() > max) {
            errors.add(new Violation(field, "max-size", field + " may name at most " + max + " entries (got " + values.size() + ")"));
        }
    }

    /** Every entry of a list of ids: present and at most {@link #ID} characters. */
    public static void ids(List<Violation> errors, String field, Collection<String> values) {
        maxSize(errors, field, values, PEOPLE);
        if (values != null && values.size() <= PEOPLE && values.stream().anyMatch(v -> v != null && v.length() > ID)) {
            errors.add(new Violation(field, "max-length", "each entry of " + field + " must be at most " + ID + " characters"));
        }
    }

    public static void range(List<Violation> errors, String field, long value, long min, long max) {
        if (value < min || value > max) {
            errors.add(new Violation(field, "range", field + " must be between " + min + " and " + max + " (got " + value + ")"));
        }
    }

    /** A date-time within the years CommGov reasons about ({@value #FIRST_YEAR} to {@value #LAST_YEAR}). */
    public static void year(List<Violation> errors, String field, int year) {
        if (year < FIRST_YEAR || year > LAST_YEAR) {
            errors.add(new Violation(field, "date-range", field + " must lie between the years " + FIRST_YEAR + " and " + LAST_YEAR
                    + " (got the year " + year + ")"));
        }
    }

    /** Throws the 400 for what was collected, if anything. */
    public static void check(List<Violation> errors) {
        if (!errors.isEmpty()) {
            throw new ContractViolationException(errors);
        }
    }

    /** One value at once: at most {@code max} characters, else the 400. */
    public static String requireMaxLength(String field, String value, int max) {
        var errors = new java.util.ArrayList<Violation>();
        maxLength(errors, field, value, max);
        check(errors);
        return value;
    }
}
