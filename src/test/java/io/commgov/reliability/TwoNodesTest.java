package io.commgov.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.commgov.support.MariaDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two application nodes, processes of their own on different ports, against one MariaDB database, job executors on
 * both. Load over HTTP is spread over both; then the SLA timers of faults waiting on both nodes fall due, and while
 * they fire node B is killed with {@code kill -9}; the load carries on against node A. Node A finishes all the work: no acknowledged start or
 * completion is lost, every instance ends, each timer fired once (the primary key of cg_sla_firing, one breach review
 * per breached SLA), and {@code GET /api/audit/verify} finds one intact audit chain written by both nodes.
 * Short form: 20 s of load before the kill; {@code -Dcommgov.reliability.long=true}: 60 s.
 */
class TwoNodesTest {

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void whenOneOfTwoNodesIsKilledTheOtherFinishesAllWorkAndEveryTimerFiresOnce() throws Exception {
        if (!MariaDb.isDatabaseOfThisRun()) {
            throw new IllegalStateException("TwoNodesTest needs the MariaDB of scripts/test; it runs in the reliability-nodes execution");
        }
        int loadSeconds = Http.longForm() ? 60 : 20;
        String url = MariaDb.freshDatabase("twonodes");
        Path clock = Files.createTempFile("commgov-clock", ".ms");
        Files.writeString(clock, "0");
        var keys = Node.Keys.generate();
        long began = System.nanoTime();
        try (var a = new Node("nodeA", url, keys, clock); var b = new Node("nodeB", url, keys, clock)) {
            // one after the other: the first creates the schema and the demo users
            a.start();
            b.start();
            var work = new Workload();
            var stop = new AtomicBoolean();
            var onA = new Thread(() -> load(work, a, a, stop), "load-A");
            var onB = new Thread(() -> load(work, b, a, stop), "load-B");
            onA.start();
            onB.start();
            Thread.sleep(loadSeconds * 1000L);
            stop.set(true);
            onA.join();
            onB.join();
            // faults waiting for their response on both nodes: their SLA timers (warning and breach) fall due at once,
            // on both nodes; B dies while they fire
            for (int i = 0; i < 3; i++) {
                work.startFault(a.http());
                work.startFault(b.http());
            }
            long startedBeforeKill = work.started.size();
            Node.moveClock(clock, Duration.ofMinutes(31));
            Thread.sleep(1500);
            b.kill();
            CrashRecoveryTest.await(Duration.ofSeconds(180), () -> CrashRecoveryTest.dueTimersDone(url, clock), "timers due, on node A");
            stop.set(false);
            var after = new Thread(() -> load(work, b, a, stop), "load-after");
            after.start();
            Thread.sleep(loadSeconds * 500L);
            stop.set(true);
            after.join();
            work.finish(a.http(), Http.longForm() ? 600 : 240);

            long firings = Workload.count(url, "select count(*) from cg_sla_firing");
            long warned = Workload.count(url, "select count(*) from cg_sla where warned_at is not null");
            long breached = Workload.count(url, "select count(*) from cg_sla where breached_at is not null");
            long breachReviews = Workload.count(url, "select count(*) from ACT_HI_TASKINST where TASK_DEF_KEY_ = 'Task_ReviewResponseBreach'");
            long responseBreached = Workload.count(url, "select count(*) from cg_sla where name = 'response' and breached_at is not null");
            long byA = Workload.count(url, "select count(*) from ACT_HI_JOB_LOG where HOSTNAME_ = 'nodeA' and JOB_STATE_ = 2");
            long byB = Workload.count(url, "select count(*) from ACT_HI_JOB_LOG where HOSTNAME_ = 'nodeB' and JOB_STATE_ = 2");
            var verify = new ObjectMapper().readTree(a.http().get("sofia", "/api/audit/verify").body());
            System.out.printf("two nodes: %d instances started (%d before the kill; %d fault-escalation, %d account-opening), %d tasks completed, "
                            + "%d requests without answer, %d conflicts; SLA firings %d (%d warned, %d breached), %d breach reviews; "
                            + "jobs run by node A %d, by node B %d; audit chain %s; %.0f s in all%n",
                    work.started.size(), startedBeforeKill, work.startedOf(Workload.FAULT), work.startedOf(Workload.ACCOUNT),
                    work.completed.size(), work.noAnswer.get(), work.conflicts.get(), firings, warned, breached, breachReviews, byA, byB,
                    verify, (System.nanoTime() - began) / 1e9);

            assertThat(work.unexpected).as("answers other than 2xx, 404/409 (lost race) and no answer").isEmpty();
            assertThat(work.lost(url)).as("started instances lost").isEmpty();
            assertThat(work.lostCompletions(url)).as("acknowledged completions lost").isEmpty();
            assertThat(work.neitherEndedNorIncident(url)).as("instances that neither ended nor have an incident").isEmpty();
            assertThat(Workload.count(url, "select count(*) from ACT_RU_INCIDENT")).as("incidents").isZero();
            assertThat(firings).as("one cg_sla_firing row per warning and per breach").isEqualTo(warned + breached);
            assertThat(breachReviews).as("one breach review per breached response SLA").isEqualTo(responseBreached);
            assertThat(responseBreached).as("response SLAs that fell due").isPositive();
            assertThat(verify.get("intact").asBoolean()).as("one intact audit chain: " + verify).isTrue();
            assertThat(verify.get("entriesChecked").asLong()).as("audit entries checked").isPositive();
        }
    }

    /** Works on {@code node} until told to stop; once it no longer answers, on {@code fallback}. */
    private static void load(Workload work, Node node, Node fallback, AtomicBoolean stop) {
        while (!stop.get()) {
            Node target = node.alive() ? node : fallback;
            int before = work.noAnswer.get();
            work.step(target.http());
            if (work.noAnswer.get() > before) {
                CrashRecoveryTest.pause(200);
            }
        }
    }
}
