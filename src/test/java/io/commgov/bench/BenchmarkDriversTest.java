package io.commgov.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.commgov.support.CommGovIntegrationTest;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The throughput benchmark's REST scenarios still run end to end, on CommGov and on the bare engine: a model change
 * (a task name that reads a new variable, a new required field) must break this test, not a benchmark run hours later.
 */
@CommGovIntegrationTest
class BenchmarkDriversTest {

    @LocalServerPort int port;
    @Autowired HistoryService historyService;

    @Test
    void bothScenariosCompleteOnCommGov() {
        long before = finished();
        var driver = new ThroughputBenchmark.Driver(port, true);
        driver.accountOpening(new BenchHttp(port, null), "ivan");
        driver.faultEscalation(new BenchHttp(port, null), "iris");
        assertThat(finished() - before).as("both instances ran to their end").isEqualTo(2);
    }

    // in a JVM of its own: a second engine in this one would take the name "default" from CommGov's in Camunda's registry
    @Test
    void bothScenariosCompleteOnTheBareEngine() throws Exception {
        Path log = Path.of("target", "bench-drivers-bare.log");
        Files.createDirectories(log.getParent());
        var process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), BareRun.class.getName())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        String output = Files.readString(log);
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("bare engine: 2 instances finished");
    }

    /** Starts the bare engine on an in-memory H2 and drives one instance of each scenario through its REST API. */
    static final class BareRun {
        public static void main(String[] args) {
            try (var bare = BenchApps.bare(null, ThroughputBenchmark.MODELS, "--logging.level.root=WARN")) {
                int barePort = BenchApps.port(bare);
                var driver = new ThroughputBenchmark.Driver(barePort, false);
                driver.accountOpening(new BenchHttp(barePort, null), "ivan");
                driver.faultEscalation(new BenchHttp(barePort, null), "iris");
                long finished = bare.getBean(HistoryService.class).createHistoricProcessInstanceQuery().finished().count();
                System.out.println("bare engine: " + finished + " instances finished");
            }
        }
    }

    private long finished() {
        return historyService.createHistoricProcessInstanceQuery().finished().count();
    }
}
