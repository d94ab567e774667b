/** Checks every start and task completion against the process's variable contract (R-ERR) and enforces four-eyes on approvals (R-ACC-4). */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"engine"})
package io.commgov.validation;
