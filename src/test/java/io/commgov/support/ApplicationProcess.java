package io.commgov.support;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The application in a JVM of its own, started the way {@code ./mvnw spring-boot:run} starts it: {@code target/classes}
 * and the runtime dependencies (no test classes), no profile, no CommGov or Spring environment variables (unless a test
 * names some, e.g. the {@code tls} profile and its keystore), on a random
 * port, in a working directory of its own (so {@code ./data} is there). It counts as started when its health is UP.
 */
public final class ApplicationProcess implements AutoCloseable {

    private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");
    private static final Pattern STARTED = Pattern.compile("Started CommGovApplication in ([0-9.]+) seconds");

    private final Process process;
    private final Path log;
    private final int port;

    private ApplicationProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts the application in {@code workingDirectory} and waits until it has started; its output goes to {@code log}. */
    public static ApplicationProcess start(Path workingDirectory, Path log, Duration timeout) throws IOException, InterruptedException {
        return start(workingDirectory, log, timeout, List.of(), Map.of(), HttpClient.newHttpClient(), "http");
    }

    /**
     * As {@link #start(Path, Path, Duration)}, with more command-line {@code arguments} and {@code environment}
     * variables, its health asked with {@code client} over {@code scheme} (e.g. https with a client trusting a test key).
     */
    public static ApplicationProcess start(Path workingDirectory, Path log, Duration timeout, List<String> arguments,
                                           Map<String, String> environment, HttpClient client, String scheme)
            throws IOException, InterruptedException {
        Path runtimeClasspath = Path.of("target/runtime-classpath.txt").toAbsolutePath();
        if (!Files.exists(runtimeClasspath)) {
            throw new IllegalStateException(runtimeClasspath + " is missing: Maven writes it in generate-test-resources");
        }
        String classpath = Path.of("target/classes").toAbsolutePath() + File.pathSeparator
                + Files.readString(runtimeClasspath).strip();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", classpath, "io.commgov.CommGovApplication", "--server.port=0"));
        command.addAll(arguments);
        var builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("SPRING_") || name.startsWith("COMMGOV_")
                || name.startsWith("CAMUNDA_") || name.equals("PORT"));
        builder.environment().putAll(environment);
        Files.createDirectories(log.getParent());
        var process = builder.start();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Matcher port = PORT.matcher(output);
            if (STARTED.matcher(output).find() && port.find() && isUp(client, scheme, Integer.parseInt(port.group(1)))) {
                return new ApplicationProcess(process, log, Integer.parseInt(port.group(1)));
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("The application exited with " + process.exitValue() + "; see " + log);
            }
            Thread.sleep(500);
        }
        process.destroyForcibly();
        throw new IllegalStateException("The application did not start within " + timeout + "; see " + log);
    }

    /** The job executor starts once the application is ready, so health says UP a moment after the start is logged. */
    private static boolean isUp(HttpClient client, String scheme, int port) throws InterruptedException {
        try {
            var health = client.send(HttpRequest.newBuilder(URI.create(scheme + "://localhost:" + port + "/actuator/health"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return health.statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
