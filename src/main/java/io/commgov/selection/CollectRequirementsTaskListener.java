package io.commgov.selection;

import java.util.ArrayList;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** On completion of a department's list: its requirements join the process's list with ids R1, R2, … (checked by RequirementListContract). */
@Component
class CollectRequirementsTaskListener implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        String department = (String) task.getVariable("department");
        var parsed = RequirementLines.parse((String) task.getVariable(RequirementLines.FIELD), department, code -> true);
        var all = new ArrayList<>(SelectionJson.list(task.getVariable("requirements"), Requirement.class));
        for (Requirement r : parsed.requirements()) {
            all.add(new Requirement("R" + (all.size() + 1), r.category(), r.description(), r.priority(), r.department(), r.level()));
        }
        var instance = task.getExecution().getProcessInstance();
        instance.setVariable("requirements", SelectionJson.json(all));
        instance.setVariable("requirementsSummary", all.stream()
                .map(r -> r.id() + " [" + r.level() + "/" + r.priority() + "] " + r.category() + "：" + r.description() + "（" + r.department() + "）")
                .collect(Collectors.joining("\n")));
    }
}
