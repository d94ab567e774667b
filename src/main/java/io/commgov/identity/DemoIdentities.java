package io.commgov.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.camunda.bpm.engine.IdentityService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The demo organisation of SPEC section 4 (password {@code demo}); only where {@code commgov.demo.enabled} is true. */
@Component
@Order(20)
@ConditionalOnProperty(name = "commgov.demo.enabled", havingValue = "true")
class DemoIdentities implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoIdentities.class);
    static final String PASSWORD = "demo";

    /** A demo user and their employee id (工号, {@code cg_employee_user}). */
    record DemoUser(String id, String firstName, String lastName, List<String> groups, String employeeId) {
    }

    private final IdentityService identityService;
    private final IdentitySetup identitySetup;
    private final Employees employees;

    DemoIdentities(IdentityService identityService, IdentitySetup identitySetup, Employees employees) {
        this.identityService = identityService;
        this.identitySetup = identitySetup;
        this.employees = employees;
    }

    static List<DemoUser> users() {
        var users = new ArrayList<DemoUser>();
        users.add(new DemoUser("emma", "Emma", "员工", groups(Role.EMPLOYEE, Department.MKT), "E10001"));
        users.add(new DemoUser("mia", "Mia", "导师", groups(Role.EMPLOYEE, Department.RND, Role.MENTOR), "E10002"));
        int head = 1;
        for (Department d : Department.values()) {
            users.add(new DemoUser("head-" + d.name().toLowerCase(Locale.ROOT), d.name(), "部门负责人",
                    groups(Role.EMPLOYEE, d, Role.DEPT_HEAD), "E2000" + head++));
        }
        users.add(new DemoUser("ivan", "Ivan", "IT", groups(Role.EMPLOYEE, Department.IT, Role.IT), "E30001"));
        users.add(new DemoUser("iris", "Iris", "IT", groups(Role.EMPLOYEE, Department.IT, Role.IT), "E30002"));
        users.add(new DemoUser("ian", "Ian", "IT 负责人", groups(Role.EMPLOYEE, Department.IT, Role.IT_HEAD), "E30003"));
        users.add(new DemoUser("alice", "Alice", "行政", groups(Role.EMPLOYEE, Department.ADM, Role.ADMINISTRATION), "E40001"));
        users.add(new DemoUser("adam", "Adam", "行政", groups(Role.EMPLOYEE, Department.ADM, Role.ADMINISTRATION), "E40002"));
        users.add(new DemoUser("sam", "Sam", "销售", groups(Role.EMPLOYEE, Department.SAL, Role.SALES), "E50001"));
        users.add(new DemoUser("sarah", "Sarah", "销售负责人", groups(Role.EMPLOYEE, Department.SAL, Role.SALES_HEAD), "E50002"));
        users.add(new DemoUser("sofia", "Sofia", "安全官", groups(Role.EMPLOYEE, Department.IT, Role.SECURITY), "E60001"));
        users.add(new DemoUser("peter", "Peter", "流程负责人", groups(Role.EMPLOYEE, Department.IT, Role.PROCESS_OWNER), "E70001"));
        // a second process owner: model changes are approved by another person than their deployer (R-SOD)
        users.add(new DemoUser("paula", "Paula", "流程负责人", groups(Role.EMPLOYEE, Department.ADM, Role.PROCESS_OWNER), "E70002"));
        return users;
    }

    private static List<String> groups(Role base, Department department, Role... more) {
        var groups = new ArrayList<String>();
        groups.add(base.groupId());
        groups.add(department.groupId());
        for (Role role : more) {
            groups.add(role.groupId());
        }
        return groups;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        for (Department d : Department.values()) {
            identitySetup.ensureGroup(d.groupId(), d.displayName(), Departments.GROUP_TYPE);
        }
        // the client start form's project groups (R-CLI-1): groups of type "project", as clients.ProjectGroups reads them
        identitySetup.ensureGroup("proj-alpha", "项目 Alpha", "project");
        identitySetup.ensureGroup("proj-beta", "项目 Beta", "project");
        identitySetup.ensureGroup("proj-gamma", "项目 Gamma", "project");
        int created = 0;
        for (DemoUser demo : users()) {
            employees.link(demo.employeeId(), demo.id());
            if (identityService.createUserQuery().userId(demo.id()).count() > 0) {
                continue;
            }
            var user = identityService.newUser(demo.id());
            user.setFirstName(demo.firstName());
            user.setLastName(demo.lastName());
            user.setEmail(demo.id() + "@commgov.example");
            user.setPassword(PASSWORD);
            identityService.saveUser(user);
            demo.groups().forEach(group -> identityService.createMembership(demo.id(), group));
            created++;
        }
        log.info("Demo identities: {} users created, {} already there", created, users().size() - created);
    }
}
