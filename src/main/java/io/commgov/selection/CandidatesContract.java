package io.commgov.selection;

import java.util.HashSet;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.commgov.validation.Fields;
import io.commgov.validation.TaskContract;
import org.springframework.stereotype.Component;

/**
 * Candidates entered by IT: a JSON array of {@code {name, qualification, service, cost, matches: {R1: high|medium|low}}},
 * scores 0-100, a match for every requirement, at least two vendors so that a shortlist of 2-3 can exist.
 */
@Component
class CandidatesContract implements TaskContract {

    static final String FIELD = "candidates";

    @Override
    public String name() {
        return "vendor-candidates";
    }

    @Override
    public void check(Fields fields, TaskContext task) {
        if (!fields.isPresent(FIELD)) {
            fields.reject(FIELD, "required", "candidates is required: a JSON array of vendors");
            return;
        }
        JsonNode tree = SelectionJson.tree(fields.raw(FIELD));
        if (tree == null || !tree.isArray()) {
            fields.reject(FIELD, "candidates-format", "candidates must be a JSON array of {name, qualification, service, cost, matches}");
            return;
        }
        if (tree.size() < 2) {
            fields.reject(FIELD, "at-least-two", "at least two candidates are needed for a shortlist of 2-3 (got " + tree.size() + ")");
        }
        List<Requirement> requirements = SelectionJson.list(fields.raw("requirements"), Requirement.class);
        var names = new HashSet<String>();
        int i = 0;
        for (JsonNode vendor : tree) {
            i++;
            String name = vendor.path("name").asText("").strip();
            String label = "candidate " + i + (name.isEmpty() ? "" : " (" + name + ")");
            if (name.isEmpty()) {
                fields.reject(FIELD, "required", label + " needs a name");
            } else if (!names.add(name)) {
                fields.reject(FIELD, "duplicate-name", label + ": the name is given twice");
            }
            for (String score : List.of("qualification", "service", "cost")) {
                JsonNode value = vendor.path(score);
                if (!value.isInt() || value.asInt() < 0 || value.asInt() > 100) {
                    fields.reject(FIELD, "score-range", label + ": " + score + " must be a whole number from 0 to 100 (got " + value + ")");
                }
            }
            JsonNode matches = vendor.path("matches");
            for (Requirement requirement : requirements) {
                String match = matches.path(requirement.id()).asText("");
                if (match.isEmpty()) {
                    fields.reject(FIELD, "match-missing", label + ": no function match for " + requirement.id() + " (" + requirement.description() + ")");
                } else if (!Candidate.MATCHES.contains(match)) {
                    fields.reject(FIELD, "match-value", label + ": match for " + requirement.id() + " must be high, medium or low (got '" + match + "')");
                }
            }
            matches.fieldNames().forEachRemaining(id -> {
                if (requirements.stream().noneMatch(r -> r.id().equals(id))) {
                    fields.reject(FIELD, "unknown-requirement", label + ": " + id + " is not a requirement of this selection");
                }
            });
        }
    }
}
