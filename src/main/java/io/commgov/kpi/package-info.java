/** Effect assessment (Template 3): records usage, satisfaction and incidents, computes the KPIs each quarter and follows up those below target (R-KPI). */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"identity", "validation"})
package io.commgov.kpi;
