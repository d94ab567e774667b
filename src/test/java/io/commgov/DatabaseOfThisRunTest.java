package io.commgov;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;

import io.commgov.support.CommGovIntegrationTest;
import io.commgov.support.MariaDb;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Guards the two test runs: the MariaDB run really talks to MariaDB, the default run to embedded H2. */
@CommGovIntegrationTest
class DatabaseOfThisRunTest {

    @Autowired
    DataSource dataSource;

    @Test
    void theSuiteRunsOnTheDatabaseItClaims() throws Exception {
        try (var connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName() + " " + connection.getMetaData().getDatabaseProductVersion();
            if (MariaDb.isDatabaseOfThisRun()) {
                assertThat(product).containsIgnoringCase("mariadb");
            } else {
                assertThat(product).startsWith("H2");
            }
        }
    }
}
