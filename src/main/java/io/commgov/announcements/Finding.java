package io.commgov.announcements;

/**
 * One hit: in which field, which category and rule (the listed word, or a pattern rule such as {@code MOBILE}),
 * where in the original text ({@code start} inclusive, {@code end} exclusive) and the passage around it with the hit
 * marked 【like this】. Customer data is masked in the passage so the report does not spread it further.
 */
public record Finding(String field, Category category, String rule, int start, int end, String passage) {

    public Category.Severity severity() {
        return category.severity();
    }

    String describe() {
        return "[" + (severity() == Category.Severity.HARD ? "硬性/HARD" : "提示/SOFT") + "] " + category.label() + " (" + category.name()
                + ") " + rule + " — " + field + " " + start + "–" + end + ": " + passage;
    }
}
