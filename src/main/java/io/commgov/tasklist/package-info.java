/** Tasklist as CommGov's front door: ready-made filters shared per group, and on every request its requester's department, its summary and the requester's view of its open tasks. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"identity", "engine"})
package io.commgov.tasklist;
