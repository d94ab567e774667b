package io.commgov.support;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;

/** Test models deployed from the test classpath, and start grants for them. */
public final class Models {

    private Models() {
    }

    public static void deploy(RepositoryService repositoryService, String classpathResource) {
        repositoryService.createDeployment()
                .name("test-" + classpathResource)
                .addClasspathResource(classpathResource)
                .enableDuplicateFiltering(false)
                .deploy();
    }

    public static void allowStart(AuthorizationService authorizationService, String groupId, String processKey) {
        if (authorizationService.createAuthorizationQuery().groupIdIn(groupId).resourceType(Resources.PROCESS_DEFINITION)
                .resourceId(processKey).count() > 0) {
            return;
        }
        Authorization definition = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        definition.setGroupId(groupId);
        definition.setResource(Resources.PROCESS_DEFINITION);
        definition.setResourceId(processKey);
        definition.addPermission(Permissions.READ);
        definition.addPermission(Permissions.CREATE_INSTANCE);
        authorizationService.saveAuthorization(definition);
    }
}
