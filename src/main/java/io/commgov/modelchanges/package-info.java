/** Change management of models (R-SOD): a person's deployment goes live only after a second process owner or security officer approves it in Tasklist; a rejection deletes it. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"engine", "identity", "validation", "audit", "crypto"})
package io.commgov.modelchanges;
