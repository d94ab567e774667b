/** Working-time calendars and the SLAs the engine enforces on them (R-SLA). */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"identity", "validation", "engine"})
package io.commgov.sla;
