/** External clients under the Data Security Law: onboarding, SM4-encrypted personal data opened only with a reason, expiry and revocation. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"accounts", "approvals", "identity", "validation", "crypto", "vault", "notify", "audit"})
package io.commgov.clients;
