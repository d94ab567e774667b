package io.commgov.selection;

import java.util.List;

import io.commgov.identity.Departments;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.stereotype.Component;

/** Who takes part, for the model's expressions: every department collects requirements, its heads fill them in. */
@Component("selectionPeople")
public class SelectionPeople {

    private final IdentityService identityService;
    private final Departments departments;

    SelectionPeople(IdentityService identityService, Departments departments) {
        this.identityService = identityService;
        this.departments = departments;
    }

    /** The codes of all departments, looked up when the requirement collection starts. */
    public List<String> departments() {
        return identityService.createGroupQuery().groupType(Departments.GROUP_TYPE).orderByGroupId().asc().list().stream()
                .map(Group::getId).map(id -> id.substring(Departments.GROUP_PREFIX.length())).toList();
    }

    public List<String> headsOf(String department) {
        return departments.headsOf(department);
    }

    boolean departmentExists(String code) {
        return departments.exists(code);
    }

    boolean userExists(String userId) {
        return userId != null && identityService.createUserQuery().userId(userId).count() > 0;
    }
}
