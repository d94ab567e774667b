package io.commgov.exports;

import io.commgov.identity.Departments;
import io.commgov.validation.Fields;
import io.commgov.validation.StartContract;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Component;

/**
 * Start variables of {@code data-export} (SPEC section 4): a known dataset, an existing owner department with a head
 * other than the requester (else the approval could never be given), a purpose.
 */
@Component
class DataExportStartContract implements StartContract {

    static final String PROCESS_KEY = "data-export";

    private final ExportDatasets datasets;
    private final Departments departments;
    private final IdentityService identityService;

    DataExportStartContract(ExportDatasets datasets, Departments departments, IdentityService identityService) {
        this.datasets = datasets;
        this.departments = departments;
        this.identityService = identityService;
    }

    @Override
    public String processKey() {
        return PROCESS_KEY;
    }

    @Override
    public void check(Fields fields) {
        fields.requiredOneOf("dataset", datasets.names());
        String owner = fields.requiredText("ownerDepartment", 20);
        if (owner != null && !departments.exists(owner)) {
            fields.reject("ownerDepartment", "unknown-department", "ownerDepartment must be the code of an existing department (got '" + owner + "')");
        } else if (owner != null && departments.headsOf(owner).stream().noneMatch(head -> !head.equals(requester()))) {
            fields.reject("ownerDepartment", "no-other-approver", "department " + owner
                    + " has no head other than the requester to approve the export; ask security to name one first");
        }
        fields.requiredFreeText("purpose", 1000);
    }

    private String requester() {
        var authentication = identityService.getCurrentAuthentication();
        return authentication == null ? null : authentication.getUserId();
    }
}
