package io.commgov.reliability;

import java.io.IOException;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One CommGov application node as an operating-system process of its own ({@code java -cp <test classpath>
 * io.commgov.reliability.NodeMain}, i.e. CommGov's main with the test clock), on a free port of 127.0.0.1, profiles
 * {@code mysql,demo} (the production configuration, demo users on) against a given MariaDB database, job executor on.
 * It can be killed with SIGKILL ({@link #kill()}: no shutdown hook, no graceful close) and started again on the same
 * port. Its log goes to {@code target/reliability/<name>-<n>.log}.
 */
final class Node implements AutoCloseable {

    /** Keys of one test run: generated in memory, handed to every node through the environment, never written down. */
    record Keys(String sm4, String sm2) {
        static Keys generate() {
            var random = new SecureRandom();
            byte[] sm4 = new byte[16];
            random.nextBytes(sm4);
            // an SM2 private key is a scalar in [1, n-1]; 255 random bits are always below n (n > 2^255)
            BigInteger d = new BigInteger(255, random).max(BigInteger.ONE);
            return new Keys(HexFormat.of().formatHex(sm4), String.format("%064x", d));
        }
    }

    static final String ADMIN_PASSWORD = "node-admin";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    private final String name;
    private final String databaseUrl;
    private final Keys keys;
    private final Path clockFile;
    private final int port;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final List<String> arguments = new ArrayList<>();
    private Process process;
    private int starts;

    Node(String name, String databaseUrl, Keys keys, Path clockFile) {
        this.name = name;
        this.databaseUrl = databaseUrl;
        this.keys = keys;
        this.clockFile = clockFile;
        this.port = freePort();
    }

    /** An environment variable of the node, e.g. {@code COMMGOV_MAIL_HOST}. */
    Node env(String variable, String value) {
        environment.put(variable, value);
        return this;
    }

    /** A command-line argument ({@code --property=value}): wins over application.yaml. */
    Node arg(String argument) {
        arguments.add(argument);
        return this;
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    Http http() {
        return new Http(port);
    }

    /** Starts the process and waits until {@code /actuator/health} says UP; fails with the log's tail otherwise. */
    Node start() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        starts++;
        Path log = Path.of("target", "reliability", name + "-" + starts + ".log");
        Files.createDirectories(log.getParent());
        var command = new ArrayList<String>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // small and quick to start: the machine is shared
                "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dcommgov.test.clock-file=" + clockFile.toAbsolutePath(),
                "-cp", System.getProperty("java.class.path"),
                NodeMain.class.getName(),
                "--server.port=" + port,
                "--server.address=127.0.0.1",
                "--spring.profiles.active=mysql,demo",
                "--camunda.bpm.job-execution.enabled=true",
                // a job whose node died is taken over by another node (or the restarted one) after this lock time
                "--camunda.bpm.job-execution.lock-time-in-millis=15000",
                "--camunda.bpm.job-execution.wait-time-in-millis=500",
                "--camunda.bpm.job-execution.max-wait=1000",
                "--camunda.bpm.generic-properties.properties.hostname=" + name,
                "--commgov.backup.directory=target/reliability/backups-" + name));
        command.addAll(arguments);
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("COMMGOV_DB_URL", databaseUrl);
        env.put("COMMGOV_DB_USER", "root");
        env.put("COMMGOV_DB_PASSWORD", "");
        env.put("COMMGOV_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("COMMGOV_SM4_KEY", keys.sm4());
        env.put("COMMGOV_SM2_PRIVATE_KEY", keys.sm2());
        env.putAll(environment);
        process = builder.start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " while starting; log " + log + ":\n" + tail(log));
            }
            if (healthy()) {
                return this;
            }
            Thread.sleep(500);
        }
        kill();
        throw new IllegalStateException(name + " did not report UP within " + START_TIMEOUT + "; log " + log + ":\n" + tail(log));
    }

    boolean healthy() {
        try {
            var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code kill -9} of this node's process only: no shutdown hook runs, transactions in flight are lost. */
    void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** A graceful stop (SIGTERM), SIGKILL after 30 s. */
    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    /** Moves the engine clock of every node that shares {@code clockFile} to now + {@code offset}. */
    static void moveClock(Path clockFile, Duration offset) throws IOException, InterruptedException {
        Path next = clockFile.resolveSibling(clockFile.getFileName() + ".next");
        Files.writeString(next, String.valueOf(offset.toMillis()));
        Files.move(next, clockFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Thread.sleep(300);
    }

    static int freePort() {
        try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
