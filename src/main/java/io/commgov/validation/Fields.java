package io.commgov.validation;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.spin.json.SpinJsonNode;

/**
 * The variables of one start or completion, with the rules a contract applies to them. Each rule records a
 * {@link Violation} naming the field and the rule instead of throwing, so a person sees every problem at once.
 */
public final class Fields {

    static final ZoneId BUSINESS_ZONE = ZoneId.of("Asia/Shanghai");
    private static final Pattern LINE_BREAK = Pattern.compile("[\\n\\r\\u000B\\u000C\\u0085\\u2028\\u2029]");
    // direction overrides and isolates reorder what is shown (U+202E makes "exe.txt" read "txt.exe"); BOM, NUL and the like
    private static final String INVISIBLE = "\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069\\uFEFF\\uFFF9-\\uFFFB";
    private static final Pattern NOT_IN_A_NAME = Pattern.compile("[\\p{Cc}" + INVISIBLE + "]");
    private static final Pattern NOT_IN_TEXT = Pattern.compile("[\\p{Cc}&&[^\\n\\r\\t]]|[\\u0085\\u2028\\u2029" + INVISIBLE + "]");

    private final Map<String, Object> values;
    private final List<Violation> violations = new ArrayList<>();
    private final Set<String> declared = new LinkedHashSet<>();

    public Fields(Map<String, Object> values) {
        this.values = values;
    }

    public Object raw(String field) {
        declared.add(field);
        return values.get(field);
    }

    public boolean isPresent(String field) {
        Object value = raw(field);
        return value != null && !(value instanceof String s && s.isBlank());
    }

    public void reject(String field, String rule, String message) {
        violations.add(new Violation(field, rule, message));
    }

    /** A non-blank text of at most {@code maxLength} characters. */
    public String requiredText(String field, int maxLength) {
        if (!isPresent(field)) {
            reject(field, "required", field + " is required");
            return null;
        }
        return text(field, maxLength);
    }

    /** A text if given, of at most {@code maxLength} characters. */
    public String text(String field, int maxLength) {
        Object value = raw(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s)) {
            reject(field, "type-string", field + " must be a text, not " + value.getClass().getSimpleName());
            return null;
        }
        if (s.length() > maxLength) {
            reject(field, "max-length", field + " must be at most " + maxLength + " characters (is " + s.length() + ")");
            return null;
        }
        return s.isBlank() ? null : s.strip();
    }

    /**
     * A name or a title (a person, a company, a project, an announcement's title): required, one line of at most
     * {@code maxLength} characters, no control or direction-override characters. Shown in task names, forms, mails and
     * IM messages, where a line break or a control character would let a value pose as the page's own text.
     */
    public String requiredName(String field, int maxLength) {
        if (!isPresent(field)) {
            reject(field, "required", field + " is required");
            return null;
        }
        return name(field, maxLength);
    }

    /** A name or a title if given: see {@link #requiredName}. */
    public String name(String field, int maxLength) {
        String value = text(field, maxLength);
        if (value == null) {
            return null;
        }
        // the value as sent, not stripped: a trailing line break is a line break too
        String sent = (String) values.get(field);
        if (LINE_BREAK.matcher(sent).find()) {
            reject(field, "single-line", field + " must be a single line: a name or title has no line breaks");
            return null;
        }
        if (NOT_IN_A_NAME.matcher(sent).find()) {
            reject(field, "control-character", field + " must not contain control or direction-override characters");
            return null;
        }
        return value;
    }

    /** Free text (a symptom, a body, a purpose): required, line breaks and tabs kept, no other control characters. */
    public String requiredFreeText(String field, int maxLength) {
        if (!isPresent(field)) {
            reject(field, "required", field + " is required");
            return null;
        }
        return freeText(field, maxLength);
    }

    /** Free text if given: see {@link #requiredFreeText}. */
    public String freeText(String field, int maxLength) {
        String value = text(field, maxLength);
        if (value != null && NOT_IN_TEXT.matcher((String) values.get(field)).find()) {
            reject(field, "control-character", field + " must not contain control or direction-override characters (line breaks and tabs are fine)");
            return null;
        }
        return value;
    }

    public String requiredMatching(String field, Pattern pattern, String rule, String explanation) {
        String value = requiredText(field, 200);
        if (value != null && !pattern.matcher(value).matches()) {
            reject(field, rule, field + " " + explanation + " (got '" + value + "')");
            return null;
        }
        return value;
    }

    public String requiredOneOf(String field, String... allowed) {
        String value = requiredText(field, 100);
        if (value != null && !Arrays.asList(allowed).contains(value)) {
            reject(field, "one-of", field + " must be one of " + String.join(", ", allowed) + " (got '" + value + "')");
            return null;
        }
        return value;
    }

    public Boolean requiredBoolean(String field) {
        Object value = raw(field);
        if (value == null) {
            reject(field, "required", field + " is required (true or false)");
            return null;
        }
        if (!(value instanceof Boolean b)) {
            reject(field, "type-boolean", field + " must be a Boolean true or false, not " + describe(value));
            return null;
        }
        return b;
    }

    /** A calendar date (ISO-8601 {@code 2026-12-31}); a date-time is accepted and read in the business time zone. */
    public LocalDate date(String field, boolean required) {
        Object value = raw(field);
        if (value == null || value instanceof String s && s.isBlank()) {
            if (required) {
                reject(field, "required", field + " is required (a date such as 2026-12-31)");
            }
            return null;
        }
        if (value instanceof java.util.Date d) {
            return d.toInstant().atZone(BUSINESS_ZONE).toLocalDate();
        }
        String s = value.toString().strip();
        try {
            return s.length() <= 10 ? LocalDate.parse(s) : OffsetDateTime.parse(s).atZoneSameInstant(BUSINESS_ZONE).toLocalDate();
        } catch (DateTimeParseException e) {
            reject(field, "date-format", field + " must be an ISO-8601 date such as 2026-12-31 (got '" + s + "')");
            return null;
        }
    }

    /** A date after today (business time zone, engine clock). */
    public LocalDate futureDate(String field, boolean required) {
        LocalDate date = date(field, required);
        if (date != null && !date.isAfter(today())) {
            reject(field, "future-date", field + " must be after today (" + today() + "; got " + date + ")");
            return null;
        }
        return date;
    }

    /** A date-time with an offset (ISO-8601 {@code 2026-12-31T18:00:00+08:00}). */
    public OffsetDateTime dateTime(String field, boolean required) {
        Object value = raw(field);
        if (value == null || value instanceof String s && s.isBlank()) {
            if (required) {
                reject(field, "required", field + " is required (a date-time such as 2026-12-31T18:00:00+08:00)");
            }
            return null;
        }
        if (value instanceof java.util.Date d) {
            return d.toInstant().atZone(BUSINESS_ZONE).toOffsetDateTime();
        }
        try {
            return OffsetDateTime.parse(value.toString().strip());
        } catch (DateTimeParseException e) {
            reject(field, "date-time-format", field + " must be an ISO-8601 date-time with offset such as 2026-12-31T18:00:00+08:00 (got '" + value + "')");
            return null;
        }
    }

    /** A list of texts: a Json array variable (Camunda Spin), a Java collection, or a JSON array text; empty (and rejected) when it is none. */
    public List<String> list(String field, boolean required) {
        Object value = raw(field);
        List<String> items = null;
        if (value instanceof SpinJsonNode node && node.isArray()) {
            items = node.elements().stream().map(e -> e.isString() ? e.stringValue() : e.toString()).toList();
        } else if (value instanceof Collection<?> c) {
            items = c.stream().map(String::valueOf).toList();
        } else if (value instanceof String s && s.strip().startsWith("[")) {
            try {
                SpinJsonNode node = org.camunda.spin.Spin.JSON(s);
                items = node.elements().stream().map(e -> e.isString() ? e.stringValue() : e.toString()).toList();
            } catch (RuntimeException e) {
                reject(field, "type-list", field + " must be a JSON array of texts (got '" + s + "')");
                return List.of();
            }
        } else if (value != null) {
            reject(field, "type-list", field + " must be a list (Json array of texts), not " + describe(value));
            return List.of();
        }
        if (items == null || items.isEmpty()) {
            if (required) {
                reject(field, "required", field + " must name at least one entry");
            }
            return items == null ? List.of() : items;
        }
        return items;
    }

    /** Fields the contract did not mention; a start with unknown variables is refused so typos don't pass silently. */
    public void rejectUndeclared(Set<String> ignored) {
        for (String name : values.keySet()) {
            if (!declared.contains(name) && !ignored.contains(name)) {
                reject(name, "unknown-field", name + " is not a variable of this request");
            }
        }
    }

    public List<Violation> violations() {
        return List.copyOf(violations);
    }

    static LocalDate today() {
        return ClockUtil.getCurrentTime().toInstant().atZone(BUSINESS_ZONE).toLocalDate();
    }

    private static String describe(Object value) {
        return value.getClass().getSimpleName() + " '" + value + "'";
    }
}
