package io.commgov.selection;

/** One line of Template 1: what a department needs from the platform, and how much it matters. */
record Requirement(String id, String category, String description, String priority, String department, String level) {

    static final java.util.List<String> PRIORITIES = java.util.List.of("H", "M", "L");
    static final java.util.List<String> LEVELS = java.util.List.of("core", "expected", "ignorable");

    boolean isCore() {
        return "core".equals(level);
    }
}
