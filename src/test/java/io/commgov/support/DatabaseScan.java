package io.commgov.support;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

/**
 * Every table of the application's database (H2 or MariaDB, found through JDBC metadata, not a list of ours), every
 * text and binary column of every row, searched for given values: where personal or rejected content would be in clear.
 */
public final class DatabaseScan {

    private static final Set<Integer> SEARCHED = Set.of(Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR,
            Types.LONGNVARCHAR, Types.CLOB, Types.NCLOB, Types.BLOB, Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.OTHER);

    private DatabaseScan() {
    }

    /** The tables scanned: every base table of the current catalog and schema of the connection. */
    public static List<String> tables(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return tables(connection);
        }
    }

    /** {@code TABLE.COLUMN} of every column holding one of the needles (as text, or as UTF-8 bytes) in some row. */
    public static Set<String> columnsContaining(DataSource dataSource, String... needles) throws Exception {
        var found = new LinkedHashSet<String>();
        try (Connection connection = dataSource.getConnection()) {
            String quote = connection.getMetaData().getIdentifierQuoteString().strip();
            for (String table : tables(connection)) {
                try (var statement = connection.createStatement();
                     ResultSet rs = statement.executeQuery("SELECT * FROM " + quote + table + quote)) {
                    var meta = rs.getMetaData();
                    var columns = new ArrayList<Integer>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        if (SEARCHED.contains(meta.getColumnType(i))) {
                            columns.add(i);
                        }
                    }
                    while (rs.next()) {
                        for (int i : columns) {
                            String text = text(rs, i);
                            for (String needle : needles) {
                                if (text != null && text.contains(needle)) {
                                    found.add(table + "." + meta.getColumnName(i));
                                }
                            }
                        }
                    }
                }
            }
        }
        return found;
    }

    private static List<String> tables(Connection connection) throws SQLException {
        var tables = new ArrayList<String>();
        String schema = connection.getSchema();
        try (ResultSet rs = connection.getMetaData().getTables(connection.getCatalog(), schema, "%", new String[] {"TABLE", "BASE TABLE"})) {
            while (rs.next()) {
                String tableSchema = rs.getString("TABLE_SCHEM");
                if (tableSchema == null || !tableSchema.equalsIgnoreCase("INFORMATION_SCHEMA")) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
        }
        return tables;
    }

    private static String text(ResultSet rs, int column) throws Exception {
        Object value = rs.getObject(column);
        if (value == null) {
            return null;
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (value instanceof Blob blob) {
            return new String(blob.getBytes(1, (int) blob.length()), StandardCharsets.UTF_8);
        }
        if (value instanceof Clob clob) {
            try (Reader reader = clob.getCharacterStream()) {
                var out = new StringBuilder();
                char[] buffer = new char[8192];
                for (int n; (n = reader.read(buffer)) > 0; ) {
                    out.append(buffer, 0, n);
                }
                return out.toString();
            }
        }
        return value.toString();
    }
}
