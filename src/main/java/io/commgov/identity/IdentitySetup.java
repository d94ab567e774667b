package io.commgov.identity;

import java.util.List;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Makes sure every role group exists with exactly the grants of {@link RoleGrants}; safe to run on every start of every node. */
@Component
@Order(10)
class IdentitySetup implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(IdentitySetup.class);
    static final String ROLE_GROUP_TYPE = "role";

    private final IdentityService identityService;
    private final AuthorizationService authorizationService;

    IdentitySetup(IdentityService identityService, AuthorizationService authorizationService) {
        this.identityService = identityService;
        this.authorizationService = authorizationService;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        for (Role role : Role.values()) {
            ensureGroup(role.groupId(), role.displayName(), ROLE_GROUP_TYPE);
        }
        // one authorization per group and resource, holding every permission the role's grants name there
        var merged = new java.util.LinkedHashMap<String, RoleGrants.Grant>();
        for (RoleGrants.Grant g : RoleGrants.all()) {
            merged.merge(g.groupId() + "|" + g.resource().resourceType() + "|" + g.resourceId(), g, (a, b) -> new RoleGrants.Grant(
                    a.groupId(), a.resource(), a.resourceId(), java.util.stream.Stream.concat(a.permissions().stream(),
                            b.permissions().stream()).distinct().toList()));
        }
        merged.values().forEach(this::ensureGrant);
        log.info("Role groups and authorizations in place: {} roles, {} grants", Role.values().length, RoleGrants.all().size());
    }

    void ensureGroup(String id, String name, String type) {
        if (identityService.createGroupQuery().groupId(id).count() == 0) {
            var group = identityService.newGroup(id);
            group.setName(name);
            group.setType(type);
            identityService.saveGroup(group);
        }
    }

    private void ensureGrant(RoleGrants.Grant grant) {
        List<Authorization> existing = authorizationService.createAuthorizationQuery()
                .authorizationType(Authorization.AUTH_TYPE_GRANT)
                .groupIdIn(grant.groupId())
                .resourceType(grant.resource())
                .resourceId(grant.resourceId())
                .list();
        Authorization authorization = existing.isEmpty()
                ? authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT)
                : existing.get(0);
        if (existing.isEmpty()) {
            authorization.setGroupId(grant.groupId());
            authorization.setResource(grant.resource());
            authorization.setResourceId(grant.resourceId());
        } else if (authorization instanceof org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity entity
                && entity.getPermissions() == grant.permissions().stream().mapToInt(Permission::getValue).reduce(0, (a, b) -> a | b)) {
            return;
        }
        // exactly the role's permissions: one taken out of RoleGrants (e.g. READ_HISTORY) is revoked on a running database too
        authorization.setPermissions(grant.permissions().toArray(Permission[]::new));
        authorizationService.saveAuthorization(authorization);
    }
}
