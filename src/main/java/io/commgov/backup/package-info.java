/** Daily SM4-encrypted backups of the application's and the engine's data, 30 days kept, restored and checked by a monthly drill (R-BAK). */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"audit", "crypto", "identity"})
package io.commgov.backup;
