package io.commgov.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;

/** A logical dump of a whole database as SQL, and its restore into an empty database of the same kind. */
interface DatabaseDump {

    /** {@code h2} or {@code mysql} (MariaDB and MySQL): written to the manifest, so a restore picks the right dialect. */
    String kind();

    /** Writes the dump of one consistent snapshot and answers the row count of every table in that snapshot. */
    Map<String, Long> dump(Connection connection, OutputStream out) throws SQLException, IOException;

    void restore(InputStream script, Connection target) throws SQLException, IOException;

    static DatabaseDump of(Connection connection) throws SQLException {
        return forKind(kindOf(connection));
    }

    static String kindOf(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase();
        if (product.contains("h2")) {
            return "h2";
        }
        if (product.contains("mariadb") || product.contains("mysql")) {
            return "mysql";
        }
        throw new IllegalStateException("No backup for database " + product);
    }

    static DatabaseDump forKind(String kind) {
        return switch (kind) {
            case "h2" -> new H2Dump();
            case "mysql" -> new MariaDbDump();
            default -> throw new IllegalStateException("No backup for database kind " + kind);
        };
    }

    /** Row counts of every base table of the connection's database (upper-case names, so H2 and MariaDB compare alike). */
    static Map<String, Long> rowCounts(Connection connection) throws SQLException {
        var counts = new TreeMap<String, Long>();
        for (String table : tables(connection)) {
            try (var statement = connection.createStatement();
                 var rs = statement.executeQuery("SELECT COUNT(*) FROM " + quote(connection, table))) {
                rs.next();
                counts.put(table.toUpperCase(), rs.getLong(1));
            }
        }
        return counts;
    }

    static java.util.List<String> tables(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        var tables = new java.util.ArrayList<String>();
        boolean h2 = "h2".equals(kindOf(connection));
        try (ResultSet rs = meta.getTables(h2 ? null : connection.getCatalog(), h2 ? connection.getSchema() : null, "%", new String[] {"TABLE", "BASE TABLE"})) {
            while (rs.next()) {
                tables.add(rs.getString("TABLE_NAME"));
            }
        }
        return tables;
    }

    static String quote(Connection connection, String table) throws SQLException {
        return "h2".equals(kindOf(connection)) ? "\"" + table + "\"" : "`" + table + "`";
    }
}
