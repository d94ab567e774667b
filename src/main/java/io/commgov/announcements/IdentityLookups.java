package io.commgov.announcements;

import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

import io.commgov.identity.Unrestricted;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/**
 * Group and user look-ups made on the engine's behalf (validating an audience, finding reviewers): they must not be
 * narrowed by what the person who happens to trigger them may read.
 */
@Component
class IdentityLookups {

    private final IdentityService identityService;

    IdentityLookups(IdentityService identityService) {
        this.identityService = identityService;
    }

    /** The ids among {@code groupIds} that are not groups. */
    List<String> unknownGroups(Collection<String> groupIds) {
        return asEngine(() -> groupIds.stream()
                .filter(id -> identityService.createGroupQuery().groupId(id).count() == 0)
                .toList());
    }

    List<String> membersOf(String groupId) {
        return asEngine(() -> identityService.createUserQuery().memberOfGroup(groupId).list().stream().map(User::getId).toList());
    }

    <T> T asEngine(Supplier<T> lookup) {
        return Unrestricted.asEngine(identityService, lookup);
    }
}
