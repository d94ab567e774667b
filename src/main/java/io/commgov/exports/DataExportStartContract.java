package io.commgov.exports;

import io.commgov.identity.Departments;
import io.commgov.validation.Fields;
import io.commgov.validation.StartContract;
import org.springframework.stereotype.Component;

/** Start variables of {@code data-export} (SPEC section 4): a known dataset, an existing owner department, a purpose. */
@Component
class DataExportStartContract implements StartContract {

    static final String PROCESS_KEY = "data-export";

    private final ExportDatasets datasets;
    private final Departments departments;

    DataExportStartContract(ExportDatasets datasets, Departments departments) {
        this.datasets = datasets;
        this.departments = departments;
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
        }
        fields.requiredText("purpose", 1000);
    }
}
