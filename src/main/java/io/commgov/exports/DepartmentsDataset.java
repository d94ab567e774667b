package io.commgov.exports;

import java.util.ArrayList;
import java.util.List;

import io.commgov.identity.Departments;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Component;

/** The department directory: code, name and heads of every department. */
@Component
class DepartmentsDataset implements ExportDataset {

    private final IdentityService identityService;
    private final Departments departments;

    DepartmentsDataset(IdentityService identityService, Departments departments) {
        this.identityService = identityService;
        this.departments = departments;
    }

    @Override
    public String name() {
        return "departments";
    }

    @Override
    public List<String> header() {
        return List.of("code", "name", "heads");
    }

    @Override
    public List<List<String>> rows() {
        var rows = new ArrayList<List<String>>();
        for (var group : identityService.createGroupQuery().groupType(Departments.GROUP_TYPE).orderByGroupId().asc().list()) {
            String code = group.getId().substring(Departments.GROUP_PREFIX.length());
            rows.add(List.of(code, group.getName() == null ? "" : group.getName(), String.join(" ", departments.headsOf(code))));
        }
        return rows;
    }
}
