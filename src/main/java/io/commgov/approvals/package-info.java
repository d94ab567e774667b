/** Operations people expect on any request: withdraw, remind, carbon copy, transfer, delegate, take back, add and remove signers, and out-of-office substitutes, each checked in the engine's transaction and audited. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"engine", "identity", "validation", "notify", "audit"})
package io.commgov.approvals;
