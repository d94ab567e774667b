package io.commgov.selection;

import java.util.ArrayList;
import java.util.List;

import io.commgov.validation.Violation;

/**
 * Template 1 as typed in Tasklist: one requirement a line, {@code 类别 | 描述 | H/M/L | core/expected/ignorable [| 责任部门]};
 * the responsible department is a department code and defaults to the submitting head's department.
 */
final class RequirementLines {

    static final String FIELD = "requirementsText";

    record Parsed(List<Requirement> requirements, List<Violation> violations) {
    }

    private RequirementLines() {
    }

    static Parsed parse(String text, String department, java.util.function.Predicate<String> departmentExists) {
        var requirements = new ArrayList<Requirement>();
        var violations = new ArrayList<Violation>();
        if (text == null) {
            return new Parsed(requirements, violations);
        }
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("[|｜]", -1);
            if (parts.length != 4 && parts.length != 5) {
                violations.add(new Violation(FIELD, "requirement-format", "line " + (i + 1)
                        + " must read 类别 | 描述 | H/M/L | core/expected/ignorable [| 责任部门] (got '" + line + "')"));
                continue;
            }
            String responsible = parts.length == 5 && !parts[4].isBlank() ? parts[4].strip().toUpperCase() : department;
            if (parts.length == 5 && !parts[4].isBlank() && !departmentExists.test(responsible)) {
                violations.add(new Violation(FIELD, "unknown-department", "line " + (i + 1)
                        + ": the responsible department must be a department code such as IT or MKT (got '" + parts[4].strip() + "')"));
            }
            String category = parts[0].strip();
            String description = parts[1].strip();
            String priority = parts[2].strip().toUpperCase();
            String level = parts[3].strip().toLowerCase();
            if (category.isEmpty() || description.isEmpty()) {
                violations.add(new Violation(FIELD, "required", "line " + (i + 1) + " needs a category and a description"));
            }
            if (!Requirement.PRIORITIES.contains(priority)) {
                violations.add(new Violation(FIELD, "priority", "line " + (i + 1) + ": priority must be H, M or L (got '" + parts[2].strip() + "')"));
            }
            if (!Requirement.LEVELS.contains(level)) {
                violations.add(new Violation(FIELD, "level", "line " + (i + 1) + ": level must be core, expected or ignorable (got '" + parts[3].strip() + "')"));
            }
            requirements.add(new Requirement(null, category, description, priority, responsible, level));
        }
        return new Parsed(requirements, violations);
    }
}
