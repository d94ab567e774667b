/** Data export (R-EXP, R-SOD): two distinct approvers, neither the requester, then an SM4-encrypted file for a limited time. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"identity", "validation", "audit", "crypto"})
package io.commgov.exports;
