/** Accounts of Template 2: opening, change and cancellation, bound to one employee id each, with templated least privilege. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"identity", "validation", "approvals", "sla", "notify", "audit", "engine"})
package io.commgov.accounts;
