package io.commgov.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/** H2: {@code SCRIPT TO} inside one REPEATABLE READ transaction (the counts and the script see the same snapshot); {@code RUNSCRIPT FROM}. */
class H2Dump implements DatabaseDump {

    @Override
    public String kind() {
        return "h2";
    }

    @Override
    public Map<String, Long> dump(Connection connection, OutputStream out) throws SQLException, IOException {
        var file = Files.createTempFile("commgov-h2-", ".sql");
        boolean autoCommit = connection.getAutoCommit();
        int isolation = connection.getTransactionIsolation();
        try {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            Map<String, Long> counts = DatabaseDump.rowCounts(connection);
            try (var statement = connection.prepareStatement("SCRIPT TO ?")) {
                statement.setString(1, file.toAbsolutePath().toString());
                statement.execute();
            }
            connection.commit();
            Files.copy(file, out);
            return counts;
        } finally {
            connection.setAutoCommit(autoCommit);
            connection.setTransactionIsolation(isolation);
            Files.deleteIfExists(file);
        }
    }

    @Override
    public void restore(InputStream script, Connection target) throws SQLException, IOException {
        var file = Files.createTempFile("commgov-h2-restore-", ".sql");
        try {
            Files.copy(script, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            try (var statement = target.prepareStatement("RUNSCRIPT FROM ?")) {
                statement.setString(1, file.toAbsolutePath().toString());
                statement.execute();
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
