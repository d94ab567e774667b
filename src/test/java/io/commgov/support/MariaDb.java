package io.commgov.support;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.regex.Pattern;

/** The MariaDB server of the test run (scripts/test starts it); tests that need it fail when it is not there. */
public final class MariaDb {

    private static final Pattern DATABASE_IN_URL = Pattern.compile("^(jdbc:mariadb://[^/]+/)([^?]*)(.*)$");

    private MariaDb() {
    }

    public static String url() {
        return System.getProperty("commgov.test.mariadb.url", "jdbc:mariadb://127.0.0.1:3306/test?nullDatabaseMeansCurrent=true");
    }

    public static boolean isDatabaseOfThisRun() {
        return "mariadb".equals(System.getProperty("commgov.test.database"));
    }

    /** A fresh, empty database named after the run's database plus {@code suffix}, on the same server; answers its JDBC URL. */
    public static String freshDatabase(String suffix) {
        var m = DATABASE_IN_URL.matcher(url());
        if (!m.matches()) {
            throw new IllegalStateException("Unexpected MariaDB test URL " + url());
        }
        String name = m.group(2) + "_" + suffix;
        try (var connection = DriverManager.getConnection(m.group(1), "root", "");
             var statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS `" + name + "`");
            statement.execute("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        } catch (SQLException e) {
            throw new IllegalStateException("MariaDB is required for this test and is not reachable at " + m.group(1)
                    + " (scripts/test installs and starts it): " + e.getMessage(), e);
        }
        return m.group(1) + name + m.group(3);
    }

    /** Drops a database {@link #freshDatabase} made, so a run leaves only the run's own database behind. */
    public static void dropDatabase(String url) {
        var m = DATABASE_IN_URL.matcher(url);
        if (!m.matches()) {
            throw new IllegalStateException("Unexpected MariaDB URL " + url);
        }
        try (var connection = DriverManager.getConnection(m.group(1), "root", "");
             var statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS `" + m.group(2) + "`");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop the test database " + m.group(2) + ": " + e.getMessage(), e);
        }
    }
}
