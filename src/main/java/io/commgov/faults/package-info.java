/** Fault reports: 30-minute response, 2-hour diagnosis, escalation to the IT head and the emergency plan for an outage (R-FLT). */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"identity", "validation", "sla", "notify"})
package io.commgov.faults;
