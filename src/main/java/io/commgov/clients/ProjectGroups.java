package io.commgov.clients;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.commgov.identity.Unrestricted;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.stereotype.Component;

/**
 * A project group (R-CLI-1: an external client joins "the named project groups only") is a Camunda group of type
 * {@value #GROUP_TYPE}, created by an administrator (Admin → Groups, type {@code project}) or the directory. A role
 * group ({@code camunda-admin}, {@code it}) or a department ({@code dept-IT}) is never one.
 */
@Component
class ProjectGroups {

    static final String GROUP_TYPE = "project";

    private final IdentityService identityService;

    ProjectGroups(IdentityService identityService) {
        this.identityService = identityService;
    }

    /** The ids among {@code groupIds} that are not project groups (unknown, or groups of another type). */
    List<String> notProjectGroups(Collection<String> groupIds) {
        // looked up for the engine: what the requester may read of the identity service does not narrow the check
        if (groupIds.isEmpty()) {
            return List.of();
        }
        // one query for the whole list
        return Unrestricted.asEngine(identityService, () -> {
            Set<String> projects = identityService.createGroupQuery().groupIdIn(groupIds.toArray(String[]::new)).groupType(GROUP_TYPE)
                    .list().stream().map(Group::getId).collect(Collectors.toSet());
            return groupIds.stream().filter(id -> !projects.contains(id)).distinct().toList();
        });
    }
}
