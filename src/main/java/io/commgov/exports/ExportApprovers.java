package io.commgov.exports;

import java.util.List;

import io.commgov.identity.Departments;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/** Who may hold the owner department's approval: its heads, looked up when the task is created, never the requester. */
@Component("exportApprovers")
public class ExportApprovers {

    private final Departments departments;

    ExportApprovers(Departments departments) {
        this.departments = departments;
    }

    public List<String> ownerHeads(VariableScope execution) {
        String owner = (String) execution.getVariable("ownerDepartment");
        String requester = (String) execution.getVariable("initiator");
        return departments.headsOf(owner).stream().filter(head -> !head.equals(requester)).toList();
    }
}
