package io.commgov.selection;

import java.util.HashSet;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.commgov.validation.Fields;
import io.commgov.validation.TaskContract;
import org.springframework.stereotype.Component;

/** Pilot results: 1-2 pilot departments, and one result for each shortlisted vendor. */
@Component
class PilotResultsContract implements TaskContract {

    private final SelectionPeople people;

    PilotResultsContract(SelectionPeople people) {
        this.people = people;
    }

    @Override
    public String name() {
        return "pilot-results";
    }

    @Override
    public void check(Fields fields, TaskContext task) {
        List<String> departments = fields.list("pilotDepartments", true);
        if (departments.size() > 2) {
            fields.reject("pilotDepartments", "one-or-two", "the pilot runs in 1 or 2 departments (got " + departments.size() + ")");
        }
        departments.stream().filter(d -> !people.departmentExists(d))
                .forEach(d -> fields.reject("pilotDepartments", "department", d + " is not a department code"));

        List<String> shortlist = SelectionJson.strings(fields.raw("shortlist"));
        JsonNode results = SelectionJson.tree(fields.raw("pilotResults"));
        if (results == null || !results.isArray()) {
            fields.reject("pilotResults", fields.isPresent("pilotResults") ? "pilot-format" : "required",
                    "pilotResults must be a JSON array of {vendor, functionalPassed, meetingParticipants, userExperience, notes}");
            return;
        }
        var seen = new HashSet<String>();
        for (JsonNode result : results) {
            String vendor = result.path("vendor").asText("");
            if (!shortlist.contains(vendor)) {
                fields.reject("pilotResults", "not-shortlisted", "'" + vendor + "' is not on the shortlist " + shortlist);
            } else if (!seen.add(vendor)) {
                fields.reject("pilotResults", "duplicate-vendor", vendor + " has two results");
            }
            if (!result.path("functionalPassed").isBoolean()) {
                fields.reject("pilotResults", "type-boolean", vendor + ": functionalPassed must be true or false");
            }
            if (!result.path("meetingParticipants").isInt() || result.path("meetingParticipants").asInt() < 0) {
                fields.reject("pilotResults", "participants", vendor + ": meetingParticipants must be a whole number of people");
            }
            double ux = result.path("userExperience").asDouble(-1);
            if (!result.path("userExperience").isNumber() || ux < 1 || ux > 5) {
                fields.reject("pilotResults", "experience-range", vendor + ": userExperience must be a rating from 1 to 5");
            }
        }
        shortlist.stream().filter(v -> !seen.contains(v))
                .forEach(v -> fields.reject("pilotResults", "result-missing", "no pilot result for shortlisted vendor " + v));
    }
}
