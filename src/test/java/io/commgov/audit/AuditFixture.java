package io.commgov.audit;

import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.commgov.crypto.Sm2Signer;
import io.commgov.support.MariaDb;
import org.camunda.bpm.engine.IdentityService;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An audit trail on a database of its own (a fresh H2, or a fresh MariaDB database in the MariaDB run), so tests may
 * tamper with it freely; {@link #node()} opens another "application node" with its own connection pool on it.
 */
final class AuditFixture implements AutoCloseable {

    final String url;
    final Sm2Signer signer = Sm2Signer.withGeneratedKey();
    final AuditProperties properties;
    final Node main;
    private final List<HikariDataSource> pools = new java.util.ArrayList<>();

    AuditFixture(int checkpointEvery) {
        this(checkpointEvery, MariaDb.isDatabaseOfThisRun() ? MariaDb.freshDatabase("audit" + Math.abs(UUID.randomUUID().hashCode() % 10000))
                : "jdbc:h2:mem:audit-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    /** On a given, empty database (H2 or MariaDB URL). */
    AuditFixture(int checkpointEvery, String url) {
        this.url = url;
        this.properties = new AuditProperties(checkpointEvery, java.time.Duration.ofHours(1), null);
        DataSource first = pool();
        Flyway.configure().dataSource(first).locations("classpath:db/migration").table("cg_schema_history").load().migrate();
        this.main = new Node(first);
    }

    Node node() {
        return new Node(pool());
    }

    JdbcTemplate sql() {
        return main.ledger.jdbc();
    }

    private HikariDataSource pool() {
        var pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setUsername(url.startsWith("jdbc:h2") ? "sa" : "root");
        pool.setPassword("");
        pool.setMaximumPoolSize(10);
        pool.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        pools.add(pool);
        return pool;
    }

    /** One application node: its own pool, ledger, trail and verifier over the shared database. */
    final class Node {
        final AuditLedger ledger;
        final AuditTrail trail;
        final AuditArchive archive;
        final AuditVerifier verifier;
        final TransactionTemplate transactions;

        Node(DataSource dataSource) {
            var transactionManager = new DataSourceTransactionManager(dataSource);
            this.ledger = new AuditLedger(dataSource, signer, properties);
            this.trail = new AuditTrail(ledger, transactionManager, new DefaultListableBeanFactory().getBeanProvider(IdentityService.class));
            this.archive = new AuditArchive(ledger, signer, properties, transactionManager);
            this.verifier = new AuditVerifier(ledger, archive, properties, signer);
            this.transactions = new TransactionTemplate(transactionManager);
        }

        List<AuditEntry> append(int n, String actor) {
            var events = new java.util.ArrayList<AuditEvent>();
            for (int i = 0; i < n; i++) {
                events.add(new AuditEvent(actor, "TEST_ACTION", "thing", "T-" + i, Outcome.SUCCESS, "n=" + i));
            }
            return transactions.execute(status -> ledger.append(events));
        }
    }

    @Override
    public void close() {
        pools.forEach(HikariDataSource::close);
        if (!url.startsWith("jdbc:h2")) {
            MariaDb.dropDatabase(url);
        }
    }
}
