/** The tamper-evident audit trail (R-LOG): an SM3 hash chain of who did what, when, on which object and with what outcome, signed with SM2. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"crypto"})
package io.commgov.audit;
