/** The encrypted store of sensitive records (R-SEC): SM4-GCM records by category under data keys wrapped by the master key, opened only with a reason, every opening audited. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"crypto", "audit", "identity"})
package io.commgov.vault;
