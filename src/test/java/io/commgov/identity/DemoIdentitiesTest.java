package io.commgov.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.commgov.support.CommGovIntegrationTest;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The demo organisation of SPEC section 4 (this context runs with demo identities on H2 and on MariaDB with the demo profile). */
@CommGovIntegrationTest
class DemoIdentitiesTest {

    @Autowired
    IdentityService identityService;

    @Test
    void everyDemoUserExistsWithPasswordDemoAndTheGroupsOfTheSpec() {
        assertThat(identityService.createUserQuery().count()).isGreaterThanOrEqualTo(20);
        assertThat(groupsOf("emma")).containsExactlyInAnyOrder("employee", "dept-MKT");
        assertThat(groupsOf("mia")).containsExactlyInAnyOrder("mentor", "employee", "dept-RND");
        assertThat(groupsOf("head-sal")).containsExactlyInAnyOrder("dept-head", "dept-SAL", "employee");
        assertThat(groupsOf("ivan")).containsExactlyInAnyOrder("it", "employee", "dept-IT");
        assertThat(groupsOf("ian")).containsExactlyInAnyOrder("it-head", "employee", "dept-IT");
        assertThat(groupsOf("alice")).containsExactlyInAnyOrder("administration", "employee", "dept-ADM");
        assertThat(groupsOf("sarah")).containsExactlyInAnyOrder("sales-head", "employee", "dept-SAL");
        assertThat(groupsOf("sofia")).containsExactlyInAnyOrder("security", "employee", "dept-IT");
        assertThat(groupsOf("peter")).containsExactlyInAnyOrder("process-owner", "employee", "dept-IT");
        assertThat(groupsOf("paula")).containsExactlyInAnyOrder("process-owner", "employee", "dept-ADM");
        assertThat(groupsOf("admin")).contains("camunda-admin");
        for (String user : List.of("emma", "mia", "head-adm", "head-fin", "ivan", "iris", "ian", "alice", "adam", "sam", "sarah", "sofia", "peter", "paula")) {
            assertThat(identityService.checkPassword(user, "demo")).as(user).isTrue();
        }
        // a failed check locks the user for seconds, so it is made for a user of its own
        var probe = identityService.newUser("case-sensitive-password-probe");
        probe.setPassword("demo");
        identityService.saveUser(probe);
        try {
            assertThat(identityService.checkPassword(probe.getId(), "Demo")).isFalse();
        } finally {
            identityService.deleteUser(probe.getId());
        }
    }

    @Test
    void everyDepartmentIsAGroupWithAHead() {
        for (String code : List.of("ADM", "IT", "MKT", "PRD", "SAL", "HR", "RND", "FIN")) {
            Group group = identityService.createGroupQuery().groupId("dept-" + code).singleResult();
            assertThat(group).as(code).isNotNull();
            assertThat(group.getType()).isEqualTo(Departments.GROUP_TYPE);
        }
    }

    @Test
    void departmentHeadsAreLookedUpFromMemberships(@Autowired Departments departments) {
        assertThat(departments.headsOf("MKT")).containsExactly("head-mkt");
        assertThat(departments.codesOf("emma")).containsExactly("MKT");
        assertThat(departments.exists("FIN")).isTrue();
        assertThat(departments.exists("XYZ")).isFalse();
    }

    private List<String> groupsOf(String user) {
        return identityService.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
    }
}
