package io.commgov.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.CannotCreateTransactionException;

/** Which failures count as "the database is not reachable" (503), and which stay what they were. */
class DatabaseUnavailableTest {

    @Test
    void aPoolTimeoutOrAClosedConnectionUnderTheEngineIsAnOutage() {
        var timeout = new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out after 3000ms.");
        assertThat(DatabaseUnavailable.causedBy(new ProcessEngineException("cannot open", new CannotCreateTransactionException("tx", timeout)))).isTrue();
        assertThat(DatabaseUnavailable.causedBy(new RuntimeException(new SQLException("Connection is closed")))).isTrue();
        assertThat(DatabaseUnavailable.causedBy(new SQLException("Could not connect", "08000"))).isTrue();
    }

    @Test
    void otherDatabaseErrorsAreNotAnOutage() {
        assertThat(DatabaseUnavailable.causedBy(new DuplicateKeyException("duplicate", new SQLException("Duplicate entry", "23000")))).isFalse();
        assertThat(DatabaseUnavailable.causedBy(new ProcessEngineException("Cannot find task with id x"))).isFalse();
        assertThat(DatabaseUnavailable.causedBy(null)).isFalse();
    }

    @Test
    void theBodyIsJsonWithTypeAndMessage() throws Exception {
        var body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(DatabaseUnavailable.body());
        assertThat(body.get("type").asText()).isEqualTo("ServiceUnavailable");
        assertThat(body.get("message").asText()).contains("database is not reachable");
    }
}
