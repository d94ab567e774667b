package io.commgov.vault;

import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import io.commgov.support.MariaDb;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;

/** A database of its own for the encrypted store (a fresh H2, or a fresh MariaDB database in the MariaDB run), migrated. */
final class VaultDatabase implements AutoCloseable {

    final String url;
    final JdbcTemplate jdbc;
    private final HikariDataSource pool;

    VaultDatabase(boolean mariaDb) {
        this.url = mariaDb ? MariaDb.freshDatabase("vault" + Math.abs(UUID.randomUUID().hashCode() % 10000))
                : "jdbc:h2:mem:vault-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setUsername(mariaDb ? "root" : "sa");
        pool.setPassword("");
        pool.setMaximumPoolSize(4);
        pool.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        Flyway.configure().dataSource(pool).locations("classpath:db/migration").table("cg_schema_history").load().migrate();
        this.jdbc = new JdbcTemplate(pool);
    }

    VaultDatabase() {
        this(MariaDb.isDatabaseOfThisRun());
    }

    String database() {
        return url.startsWith("jdbc:h2") ? "H2" : "MariaDB";
    }

    @Override
    public void close() {
        pool.close();
        if (!url.startsWith("jdbc:h2")) {
            MariaDb.dropDatabase(url);
        }
    }
}
