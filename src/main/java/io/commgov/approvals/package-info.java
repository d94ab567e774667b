/** Operations people expect on any request: withdraw, remind, transfer and delegate a task, each checked in the engine's transaction. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"identity", "validation", "notify"})
package io.commgov.approvals;
