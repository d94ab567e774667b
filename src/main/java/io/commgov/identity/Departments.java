package io.commgov.identity;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Service;

/** Departments are Camunda groups {@code dept-<CODE>} of type {@value #GROUP_TYPE}; their heads are also in {@code dept-head}. */
@Service
public class Departments {

    public static final String GROUP_TYPE = "department";
    public static final String GROUP_PREFIX = "dept-";

    private final IdentityService identityService;

    Departments(IdentityService identityService) {
        this.identityService = identityService;
    }

    public static String groupIdOf(String code) {
        return GROUP_PREFIX + code;
    }

    public boolean exists(String code) {
        return code != null && find(code).isPresent();
    }

    public Optional<Group> find(String code) {
        return unrestricted(() -> Optional.ofNullable(identityService.createGroupQuery().groupId(groupIdOf(code)).singleResult()));
    }

    /** The department's Chinese name ("市场部 Marketing" → "市场部"), for task names ({@code ${departments.nameOf(department)}}); the code if unknown. */
    public String nameOf(String code) {
        return code == null ? "—" : find(code).map(Departments::chineseName).orElse(code);
    }

    /** The first word of a department group's name ("市场部 Marketing" → "市场部"), or its id when it has no name. */
    public static String chineseName(Group group) {
        return group.getName() == null || group.getName().isBlank() ? group.getId() : group.getName().strip().split(" ")[0];
    }

    /** Heads of one department: members of both {@code dept-head} and {@code dept-<CODE>}, looked up now. */
    public List<String> headsOf(String code) {
        return unrestricted(() -> {
            var heads = identityService.createUserQuery().memberOfGroup(Role.DEPT_HEAD.groupId()).list();
            var members = identityService.createUserQuery().memberOfGroup(groupIdOf(code)).list().stream().map(User::getId).toList();
            return heads.stream().map(User::getId).filter(members::contains).toList();
        });
    }

    /** The department codes a user belongs to. */
    public List<String> codesOf(String userId) {
        return unrestricted(() -> identityService.createGroupQuery().groupMember(userId).groupType(GROUP_TYPE).list().stream()
                .map(g -> g.getId().substring(GROUP_PREFIX.length()))
                .toList());
    }

    // the organisation chart is read on the request's behalf, not limited to what the acting user may see
    private <T> T unrestricted(Supplier<T> lookup) {
        return Unrestricted.asEngine(identityService, lookup);
    }
}
