package io.commgov.kpi;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code commgov.kpi.*}: the core features whose penetration is measured, who answers for a KPI below target, and
 * the number of platform users (0: every user of the identity service).
 */
@ConfigurationProperties("commgov.kpi")
record KpiProperties(List<String> coreFeatures, String responsibleDepartment, Integer totalUsers) {

    KpiProperties {
        coreFeatures = coreFeatures == null || coreFeatures.isEmpty() ? List.of("meeting", "file-sharing", "announcement") : coreFeatures;
        responsibleDepartment = responsibleDepartment == null ? "IT" : responsibleDepartment;
        totalUsers = totalUsers == null ? 0 : totalUsers;
    }
}
