package io.commgov.selection;

import io.commgov.validation.Fields;
import io.commgov.validation.TaskContract;
import org.springframework.stereotype.Component;

/** A department's requirement list (Template 1); an empty list is allowed: the department needs nothing special. */
@Component
class RequirementListContract implements TaskContract {

    private final SelectionPeople people;

    RequirementListContract(SelectionPeople people) {
        this.people = people;
    }

    @Override
    public String name() {
        return "requirement-list";
    }

    @Override
    public void check(Fields fields, TaskContext task) {
        String text = fields.text(RequirementLines.FIELD, 20_000);
        RequirementLines.parse(text, null, people::departmentExists).violations().forEach(v -> fields.reject(v.field(), v.rule(), v.message()));
    }
}
