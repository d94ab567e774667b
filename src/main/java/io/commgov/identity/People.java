package io.commgov.identity;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.stereotype.Component;

/**
 * Who a notice goes to: a user's mailbox, a group's members, the people a task is waiting for. Asked on the process's
 * behalf, so the acting user's read permissions on users and groups do not narrow the answer.
 */
@Component
public class People {

    private final IdentityService identityService;

    People(IdentityService identityService) {
        this.identityService = identityService;
    }

    /** The user's e-mail address, if the user exists and has one. */
    public Optional<String> emailOf(String userId) {
        if (userId == null) {
            return Optional.empty();
        }
        User user = unrestricted(() -> identityService.createUserQuery().userId(userId).singleResult());
        return Optional.ofNullable(user).map(User::getEmail).filter(email -> !email.isBlank());
    }

    public Set<String> membersOf(String groupId) {
        Set<String> members = new LinkedHashSet<>();
        unrestricted(() -> identityService.createUserQuery().memberOfGroup(groupId).list()).forEach(u -> members.add(u.getId()));
        return members;
    }

    /** Whoever holds a task: its assignee, else its candidate users and the members of its candidate groups. */
    public Set<String> holdersOf(String assignee, Collection<? extends IdentityLink> links) {
        Set<String> holders = new LinkedHashSet<>();
        if (assignee != null) {
            holders.add(assignee);
            return holders;
        }
        for (IdentityLink link : links) {
            if (!IdentityLinkType.CANDIDATE.equals(link.getType())) {
                continue;
            }
            if (link.getUserId() != null) {
                holders.add(link.getUserId());
            } else if (link.getGroupId() != null) {
                holders.addAll(membersOf(link.getGroupId()));
            }
        }
        return holders;
    }

    private <T> T unrestricted(Supplier<T> lookup) {
        return Unrestricted.asEngine(identityService, lookup);
    }
}
