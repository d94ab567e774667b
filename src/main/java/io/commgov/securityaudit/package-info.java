/** The quarterly security audit (R-AUD): pluggable checks of permissions and operation logs, a signed report, findings routed to security. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"audit", "crypto", "identity", "validation"})
package io.commgov.securityaudit;
