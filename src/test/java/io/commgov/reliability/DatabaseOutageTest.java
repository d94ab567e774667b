package io.commgov.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.commgov.support.MariaDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Database outage: the test's own MariaDB server ({@link PrivateMariaDb}, never the shared one) under one application
 * node; while a client keeps starting faults and reading tasks and SLAs over HTTP, the server is stopped for a while
 * and started again. During the outage every answer is a 503 with a JSON message saying the database is not
 * reachable (no 500, no stack trace, the node stays up); afterwards the same node, never restarted, serves again;
 * nothing is half-written (every fault instance has its SLA records, every SLA record its instance, the audit chain
 * is intact). Short form: 10 s outage; {@code -Dcommgov.reliability.long=true}: 30 s
 * ({@code -Dcommgov.reliability.outage.seconds=N}).
 */
class DatabaseOutageTest {

    record Seen(long at, Http.Answer answer) {
    }

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void duringADatabaseOutageRequestsGet503AndTheNodeRecoversWithoutARestart() throws Exception {
        if (!MariaDb.isDatabaseOfThisRun()) {
            throw new IllegalStateException("DatabaseOutageTest belongs to the MariaDB run of scripts/test (execution reliability-nodes)");
        }
        int outageSeconds = Http.count(10, 30, "commgov.reliability.outage.seconds");
        Path clock = Files.createTempFile("commgov-clock", ".ms");
        Files.writeString(clock, "0");
        try (var db = new PrivateMariaDb()) {
            db.start();
            db.createDatabase("outage");
            String url = db.url("outage");
            try (var node = new Node("outage", url, Node.Keys.generate(), clock)) {
                node.start();
                long pid = node.pid();
                var work = new Workload();
                var seen = Collections.synchronizedList(new ArrayList<Seen>());
                var noAnswer = new ArrayList<String>();
                var stop = new AtomicBoolean();
                var client = new Thread(() -> {
                    Http http = node.http();
                    while (!stop.get()) {
                        String id = null;
                        for (String path : List.of("start", "/engine-rest/task?candidateUser=ivan&maxResults=5", "/api/sla?processInstanceId=")) {
                            try {
                                Http.Answer answer;
                                if (path.equals("start")) {
                                    answer = http.post("emma", "/engine-rest/process-definition/key/fault-escalation/start",
                                            "{\"variables\":{\"symptom\":{\"value\":\"数据库中断测试\",\"type\":\"String\"},"
                                                    + "\"impactScope\":{\"value\":\"USER\",\"type\":\"String\"},\"platformDown\":{\"value\":false,\"type\":\"Boolean\"}}}");
                                    if (answer.status() == 200) {
                                        id = new ObjectMapper().readTree(answer.body()).get("id").asText();
                                        work.started.put(id, Workload.FAULT);
                                    }
                                } else {
                                    answer = http.get("ivan", path.endsWith("=") ? path + (id == null ? "none" : id) : path);
                                }
                                seen.add(new Seen(System.nanoTime(), answer));
                            } catch (UncheckedIOException | java.io.IOException e) {
                                noAnswer.add(path + ": " + e);
                            }
                        }
                        CrashRecoveryTest.pause(100);
                    }
                }, "load");
                client.start();
                Thread.sleep(5000);

                db.stop();
                long down = System.nanoTime();
                Thread.sleep(outageSeconds * 1000L);
                long upAgain = System.nanoTime();
                db.start();
                long restarted = System.nanoTime();
                // recovered: a fault start answered 200 after the server came back
                CrashRecoveryTest.await(java.time.Duration.ofSeconds(90), () -> {
                    synchronized (seen) {
                        return seen.stream().anyMatch(s -> s.at() > restarted && s.answer().status() == 200 && s.answer().path().endsWith("/start"));
                    }
                }, "a fault started after the database came back");
                double recovery;
                synchronized (seen) {
                    recovery = (seen.stream().filter(s -> s.at() > restarted && s.answer().status() == 200).mapToLong(Seen::at).min().orElseThrow()
                            - restarted) / 1e9;
                }
                Thread.sleep(3000);
                stop.set(true);
                client.join();

                List<Seen> all;
                synchronized (seen) {
                    all = List.copyOf(seen);
                }
                // one second of grace: a request that was already past the database when it stopped may still succeed
                var duringOutage = all.stream().filter(s -> s.at() > down + 1_000_000_000L && s.at() < upAgain).toList();
                var unavailable = all.stream().filter(s -> s.answer().status() == 503).toList();
                var serverErrors = all.stream().filter(s -> s.answer().status() >= 500 && s.answer().status() != 503).toList();
                long faults = Workload.count(url, "select count(*) from ACT_HI_PROCINST where PROC_DEF_KEY_ = 'fault-escalation'");
                long withoutSla = Workload.count(url, "select count(*) from ACT_HI_PROCINST p where p.PROC_DEF_KEY_ = 'fault-escalation' "
                        + "and not exists (select 1 from cg_sla s where s.process_instance_id = p.ID_)");
                long slaWithoutInstance = Workload.count(url, "select count(*) from cg_sla s where not exists "
                        + "(select 1 from ACT_HI_PROCINST p where p.ID_ = s.process_instance_id)");
                var verify = new ObjectMapper().readTree(node.http().get("sofia", "/api/audit/verify").body());
                System.out.printf("database outage: %d s; %d requests, %d during the outage, %d answered 503 (engine-rest %d, api %d), "
                                + "other 5xx %d, no answer %d; first success %.1f s after the database was back; %d faults started, "
                                + "%d without SLA records, %d SLA records without instance; audit chain %s%n",
                        outageSeconds, all.size(), duringOutage.size(), unavailable.size(),
                        unavailable.stream().filter(s -> s.answer().path().startsWith("/engine-rest")).count(),
                        unavailable.stream().filter(s -> s.answer().path().startsWith("/api")).count(),
                        serverErrors.size(), noAnswer.size(), recovery, faults, withoutSla, slaWithoutInstance, verify);

                assertThat(node.alive() && node.pid() == pid).as("the same node process throughout, never restarted").isTrue();
                assertThat(noAnswer).as("requests the node did not answer at all").isEmpty();
                assertThat(serverErrors).as("5xx other than 503").isEmpty();
                assertThat(duringOutage).as("requests during the outage").isNotEmpty();
                assertThat(duringOutage).as("every answer during the outage").allSatisfy(s -> {
                    assertThat(s.answer().status()).as(s.answer().toString()).isEqualTo(503);
                    assertThat(s.answer().contentType()).as(s.answer().toString()).startsWith("application/json");
                    assertThat(s.answer().body()).as(s.answer().toString()).contains("\"type\":\"ServiceUnavailable\"")
                            .contains("the database is not reachable").doesNotContain("Exception").doesNotContain("\tat ");
                });
                assertThat(unavailable).as("503 on both APIs").anyMatch(s -> s.answer().path().startsWith("/api"))
                        .anyMatch(s -> s.answer().path().startsWith("/engine-rest"));
                assertThat(work.lost(url)).as("acknowledged starts missing").isEmpty();
                assertThat(withoutSla).as("fault instances without their SLA records (half-written)").isZero();
                assertThat(slaWithoutInstance).as("SLA records without their instance (half-written)").isZero();
                assertThat(verify.get("intact").asBoolean()).as("audit chain: " + verify).isTrue();
            }
        }
    }
}
