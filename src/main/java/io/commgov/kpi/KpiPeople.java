package io.commgov.kpi;

import java.util.List;

import io.commgov.identity.Departments;
import org.springframework.stereotype.Component;

/** For the model's expressions: the heads of the department that answers for a KPI. */
@Component("kpiPeople")
public class KpiPeople {

    private final Departments departments;

    KpiPeople(Departments departments) {
        this.departments = departments;
    }

    public List<String> headsOf(String department) {
        return departments.headsOf(department);
    }
}
