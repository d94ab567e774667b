/** Who is who: roles and departments as Camunda groups, their authorizations, demo identities and API authentication. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package io.commgov.identity;
