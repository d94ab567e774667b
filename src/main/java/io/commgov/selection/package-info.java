/** Chooses the communication platform: requirement list, weighted vendor scoring in DMN, pilot, report and rollout plan (R-SEL). */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"identity", "validation"})
package io.commgov.selection;
