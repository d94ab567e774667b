package io.commgov.selection;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.databind.JsonNode;
import io.commgov.validation.Fields;
import io.commgov.validation.TaskContract;
import org.springframework.stereotype.Component;

/** The phased rollout plan: at least two phases, each with departments, start and end dates in order, and an owner. */
@Component
class RolloutPlanContract implements TaskContract {

    static final String FIELD = "rolloutPlan";

    private final SelectionPeople people;

    RolloutPlanContract(SelectionPeople people) {
        this.people = people;
    }

    @Override
    public String name() {
        return "rollout-plan";
    }

    @Override
    public void check(Fields fields, TaskContext task) {
        JsonNode phases = SelectionJson.tree(fields.raw(FIELD));
        if (phases == null || !phases.isArray()) {
            fields.reject(FIELD, fields.isPresent(FIELD) ? "plan-format" : "required",
                    "rolloutPlan must be a JSON array of {phase, departments, start, end, owner}");
            return;
        }
        if (phases.size() < 2) {
            fields.reject(FIELD, "phased", "a rollout plan has at least two phases (got " + phases.size() + ")");
        }
        LocalDate previousStart = null;
        int i = 0;
        for (JsonNode phase : phases) {
            i++;
            String label = "phase " + i;
            if (phase.path("phase").asText("").isBlank()) {
                fields.reject(FIELD, "required", label + " needs a name");
            }
            if (!phase.path("departments").isArray() || phase.path("departments").isEmpty()) {
                fields.reject(FIELD, "required", label + " names no departments");
            } else {
                phase.path("departments").forEach(d -> {
                    if (!people.departmentExists(d.asText())) {
                        fields.reject(FIELD, "department", label + ": " + d.asText() + " is not a department code");
                    }
                });
            }
            if (!people.userExists(phase.path("owner").asText(null))) {
                fields.reject(FIELD, "owner", label + ": owner must be an existing user (got " + phase.path("owner") + ")");
            }
            LocalDate start = date(fields, label, "start", phase);
            LocalDate end = date(fields, label, "end", phase);
            if (start != null && end != null && end.isBefore(start)) {
                fields.reject(FIELD, "date-order", label + ": end " + end + " is before start " + start);
            }
            if (start != null && previousStart != null && start.isBefore(previousStart)) {
                fields.reject(FIELD, "phase-order", label + " starts before the phase before it");
            }
            previousStart = start != null ? start : previousStart;
        }
    }

    private static LocalDate date(Fields fields, String label, String name, JsonNode phase) {
        try {
            return LocalDate.parse(phase.path(name).asText(""));
        } catch (DateTimeParseException e) {
            fields.reject(FIELD, "date-format", label + ": " + name + " must be a date such as 2026-12-31 (got " + phase.path(name) + ")");
            return null;
        }
    }
}
