package io.commgov.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * A MariaDB server of the test's own (never the shared one on 3306): {@code mariadb-install-db} into a temporary data
 * directory, then {@code /usr/sbin/mariadbd} on a free port of 127.0.0.1, as root with {@code --user=mysql}. It can be
 * stopped (SIGTERM, a clean shutdown) and started again on the same port and data. A server that cannot be
 * installed or started fails the test.
 */
final class PrivateMariaDb implements AutoCloseable {

    private final Path dir;
    private final int port;
    private Process server;

    PrivateMariaDb() throws IOException, InterruptedException {
        dir = Files.createTempDirectory("commgov-mariadb");
        port = Node.freePort();
        Files.createDirectories(dir.resolve("data"));
        run(List.of("chown", "-R", "mysql:mysql", dir.toString()));
        run(List.of("mariadb-install-db", "--no-defaults", "--user=mysql", "--datadir=" + dir.resolve("data"),
                "--auth-root-authentication-method=normal", "--skip-test-db"));
    }

    String url(String database) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + database + "?nullDatabaseMeansCurrent=true";
    }

    void start() throws IOException, InterruptedException {
        server = new ProcessBuilder("/usr/sbin/mariadbd", "--no-defaults", "--user=mysql", "--datadir=" + dir.resolve("data"),
                "--bind-address=127.0.0.1", "--port=" + port, "--socket=" + dir.resolve("mysqld.sock"), "--pid-file=" + dir.resolve("mysqld.pid"),
                "--transaction-isolation=READ-COMMITTED", "--skip-name-resolve", "--innodb-buffer-pool-size=64M",
                "--character-set-server=utf8mb4", "--collation-server=utf8mb4_bin")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("server.log").toFile())).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("the private MariaDB exited with " + server.exitValue() + ": " + log());
            }
            try (var connection = DriverManager.getConnection(url(""), "root", "")) {
                return;
            } catch (SQLException e) {
                Thread.sleep(250);
            }
        }
        throw new IllegalStateException("the private MariaDB did not accept connections within 60 s: " + log());
    }

    /** A clean shutdown (SIGTERM): open connections are closed by the server. */
    void stop() throws InterruptedException {
        if (server != null && server.isAlive()) {
            server.destroy();
            if (!server.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor();
            }
        }
    }

    void createDatabase(String name) throws SQLException {
        try (var connection = DriverManager.getConnection(url(""), "root", ""); var statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        stop();
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("server.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private void run(List<String> command) throws IOException, InterruptedException {
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }
}
