/** Announcement review (R-ANN): content screen, review by someone other than the author, publication record and delivery to the communication platform. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"identity", "validation", "notify", "crypto", "audit", "vault"})
package io.commgov.announcements;
