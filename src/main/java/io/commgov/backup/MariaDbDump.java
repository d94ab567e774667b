package io.commgov.backup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * MariaDB/MySQL over JDBC, like {@code mariadb-dump --single-transaction}: one consistent snapshot, the DDL of each
 * table and its rows as INSERTs, one statement per line. Needs no client binaries on the application host.
 */
class MariaDbDump implements DatabaseDump {

    private static final int ROWS_PER_INSERT = 200;

    @Override
    public String kind() {
        return "mysql";
    }

    @Override
    public Map<String, Long> dump(Connection connection, OutputStream out) throws SQLException, IOException {
        boolean autoCommit = connection.getAutoCommit();
        int isolation = connection.getTransactionIsolation();
        var counts = new TreeMap<String, Long>();
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        try (var statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            statement.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
            for (String table : DatabaseDump.tables(connection)) {
                try (ResultSet ddl = statement.executeQuery("SHOW CREATE TABLE `" + table + "`")) {
                    ddl.next();
                    writer.write("-- table " + table + "\n");
                    writer.write(ddl.getString(2).replace("\r", " ").replace("\n", " ") + ";\n");
                }
                counts.put(table.toUpperCase(), rows(connection, table, writer));
            }
            connection.commit();
        } finally {
            connection.setAutoCommit(autoCommit);
            connection.setTransactionIsolation(isolation);
        }
        writer.flush();
        return counts;
    }

    private long rows(Connection connection, String table, Writer writer) throws SQLException, IOException {
        long count = 0;
        try (var select = connection.createStatement()) {
            select.setFetchSize(500);
            try (ResultSet rs = select.executeQuery("SELECT * FROM `" + table + "`")) {
                ResultSetMetaData meta = rs.getMetaData();
                var columns = new StringBuilder();
                for (int c = 1; c <= meta.getColumnCount(); c++) {
                    columns.append(c > 1 ? "," : "").append('`').append(meta.getColumnName(c)).append('`');
                }
                var insert = new StringBuilder();
                int inBatch = 0;
                while (rs.next()) {
                    insert.append(inBatch == 0 ? "INSERT INTO `" + table + "` (" + columns + ") VALUES " : ",").append('(');
                    for (int c = 1; c <= meta.getColumnCount(); c++) {
                        insert.append(c > 1 ? "," : "").append(literal(rs, c, meta.getColumnType(c)));
                    }
                    insert.append(')');
                    count++;
                    if (++inBatch == ROWS_PER_INSERT || insert.length() > 1_000_000) {
                        writer.write(insert.append(";\n").toString());
                        insert.setLength(0);
                        inBatch = 0;
                    }
                }
                if (inBatch > 0) {
                    writer.write(insert.append(";\n").toString());
                }
            }
        }
        return count;
    }

    private static String literal(ResultSet rs, int column, int type) throws SQLException {
        switch (type) {
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> {
                byte[] bytes = rs.getBytes(column);
                return bytes == null ? "NULL" : bytes.length == 0 ? "''" : "X'" + HexFormat.of().formatHex(bytes) + "'";
            }
            case Types.BIT, Types.BOOLEAN -> {
                Object value = rs.getObject(column);
                return value == null ? "NULL" : value instanceof Boolean b ? (b ? "1" : "0") : value.toString();
            }
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.DECIMAL, Types.NUMERIC, Types.REAL,
                 Types.FLOAT, Types.DOUBLE -> {
                String value = rs.getString(column);
                return value == null ? "NULL" : value;
            }
            default -> {
                String value = rs.getString(column);
                return value == null ? "NULL" : quote(value);
            }
        }
    }

    static String quote(String value) {
        var s = new StringBuilder(value.length() + 2).append('\'');
        for (char ch : value.toCharArray()) {
            switch (ch) {
                case '\\' -> s.append("\\\\");
                case '\'' -> s.append("\\'");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\0' -> s.append("\\0");
                case '\u001a' -> s.append("\\Z");
                default -> s.append(ch);
            }
        }
        return s.append('\'').toString();
    }

    @Override
    public void restore(InputStream script, Connection target) throws SQLException, IOException {
        var reader = new BufferedReader(new InputStreamReader(script, StandardCharsets.UTF_8));
        try (var statement = target.createStatement()) {
            statement.execute("SET FOREIGN_KEY_CHECKS=0");
            statement.execute("SET UNIQUE_CHECKS=0");
            statement.execute("SET SESSION sql_mode='NO_AUTO_VALUE_ON_ZERO'");
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("--")) {
                    statement.execute(line.substring(0, line.length() - (line.endsWith(";") ? 1 : 0)));
                }
            }
            statement.execute("SET UNIQUE_CHECKS=1");
            statement.execute("SET FOREIGN_KEY_CHECKS=1");
        }
    }
}
