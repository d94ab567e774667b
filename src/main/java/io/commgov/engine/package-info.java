/** The embedded engine's house rules: models deployed from processes/ and forms/, and the rules a deployment must pass. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"identity"})
package io.commgov.engine;
