package io.commgov.identity;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;

import io.commgov.support.MariaDb;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Resources;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Production set-up on a real MariaDB: the engine creates its schema, Flyway its own, no demo users, the first administrator from configuration. */
@SpringBootTest(properties = {
        // its own engine name: the REST filters of the other test context look engines up by name in a JVM-wide registry
        "camunda.bpm.process-engine-name=nodemo",
        "camunda.bpm.database.type=mysql",
        "spring.datasource.username=root",
        "spring.datasource.password=",
        "spring.datasource.hikari.transaction-isolation=TRANSACTION_READ_COMMITTED",
        "commgov.demo.enabled=false",
        "camunda.bpm.admin-user.id=firstadmin",
        "camunda.bpm.admin-user.password=configured-in-environment"})
class MariaDbWithoutDemoTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String url = MariaDb.freshDatabase("nodemo");
        registry.add("spring.datasource.url", () -> url);
    }

    @Autowired
    IdentityService identityService;

    @Autowired
    AuthorizationService authorizationService;

    @Autowired
    DataSource dataSource;

    @Test
    void runsOnMariaDbWithRolesButWithoutDemoUsers() throws Exception {
        try (var connection = dataSource.getConnection()) {
            assertThat(connection.getMetaData().getDatabaseProductVersion()).containsIgnoringCase("mariadb");
        }
        assertThat(identityService.createUserQuery().userId("emma").count()).isZero();
        assertThat(identityService.createGroupQuery().groupId("dept-MKT").count()).isZero();
        assertThat(identityService.createGroupQuery().groupId("it").count()).isOne();
        assertThat(identityService.checkPassword("firstadmin", "configured-in-environment")).isTrue();
        assertThat(authorizationService.createAuthorizationQuery().groupIdIn("employee")
                .resourceType(Resources.PROCESS_DEFINITION).resourceId("fault-escalation").count()).isOne();
    }
}
