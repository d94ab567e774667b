/** The embedded engine's house rules: models deployed from processes/ and forms/, and the rules a deployment must pass. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package io.commgov.engine;
