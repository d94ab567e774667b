package io.commgov.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import io.commgov.support.MariaDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Crash recovery: one application node as a process of its own on MariaDB, load over HTTP as the demo users, and
 * {@code kill -9} of the node between steps (while the load runs) and once in the middle of a notification (a warning
 * mail of an SLA timer, to an SMTP receiver that holds its answer). After each restart: no started instance and no
 * acknowledged completion is lost, every instance either continues to its end or has an incident, every SLA timer
 * fires exactly once (cg_sla_firing), and the mails repeated by the retried timer job carry the same idempotency key
 * (the receiver counts the duplicates; they are bounded by the mails in flight at the kill). Short form: 1 kill under
 * load; {@code -Dcommgov.reliability.long=true}: 3 kills, longer load ({@code -Dcommgov.reliability.crash.kills=N}).
 */
class CrashRecoveryTest {

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void aNodeKilledBetweenStepsAndDuringAMailLosesNothingAndItsTimersStillFire() throws Exception {
        if (!MariaDb.isDatabaseOfThisRun()) {
            throw new IllegalStateException("CrashRecoveryTest needs the MariaDB of scripts/test; it runs in the reliability-nodes execution");
        }
        int kills = Http.count(1, 3, "commgov.reliability.crash.kills");
        int loadSeconds = Http.longForm() ? 40 : 12;
        String url = MariaDb.freshDatabase("crash");
        Path clock = Files.createTempFile("commgov-clock", ".ms");
        Files.writeString(clock, "0");
        long began = System.nanoTime();
        try (var smtp = new KeyCountingSmtp();
             var node = new Node("crash", url, Node.Keys.generate(), clock)
                     .env("COMMGOV_MAIL_ENABLED", "true").env("COMMGOV_MAIL_HOST", "127.0.0.1")
                     .env("COMMGOV_MAIL_PORT", String.valueOf(smtp.port())).arg("--commgov.notify.mail.timeout=20s")) {
            node.start();
            var work = new Workload();

            // 1. kill -9 between steps, while a client keeps working
            var stop = new AtomicBoolean();
            var client = new Thread(() -> {
                while (!stop.get()) {
                    int before = work.noAnswer.get();
                    work.step(node.http());
                    if (work.noAnswer.get() > before) {
                        pause(300);
                    }
                }
            }, "load");
            client.start();
            double restartSeconds = 0;
            for (int k = 0; k < kills; k++) {
                Thread.sleep(loadSeconds * 1000L);
                node.kill();
                long restart = System.nanoTime();
                node.start();
                restartSeconds += (System.nanoTime() - restart) / 1e9;
            }
            Thread.sleep(3000);
            stop.set(true);
            client.join();
            assertThat(work.lost(url)).as("instances whose start was acknowledged, missing after the kills").isEmpty();
            assertThat(work.lostCompletions(url)).as("acknowledged completions missing after the kills").isEmpty();

            // 2. kill -9 in the middle of a notification: response SLA warning mails, held by the receiver
            for (int i = 0; i < 4; i++) {
                work.startFault(node.http());
            }
            int mailsBefore = smtp.mails();
            smtp.slow(4000);
            Node.moveClock(clock, Duration.ofMinutes(25));
            await(Duration.ofSeconds(120), () -> smtp.mails() >= mailsBefore + 2, "warning mails reaching the receiver");
            node.kill();
            int inFlight = smtp.mails() - mailsBefore;
            smtp.slow(0);
            node.start();
            // the dead node's timer jobs are taken over when their lock (15 s) expires
            await(Duration.ofSeconds(180), () -> dueTimersDone(url, clock), "warning timers after the restart");
            Node.moveClock(clock, Duration.ofMinutes(25 + 31));
            await(Duration.ofSeconds(180), () -> dueTimersDone(url, clock), "breach timers");

            // 3. the rest of the work, on the restarted node
            work.finish(node.http(), Http.longForm() ? 600 : 240);

            long firings = Workload.count(url, "select count(*) from cg_sla_firing");
            long warned = Workload.count(url, "select count(*) from cg_sla where warned_at is not null");
            long breached = Workload.count(url, "select count(*) from cg_sla where breached_at is not null");
            long breachedResponse = Workload.count(url, "select count(*) from cg_sla where name = 'response' and state = 'BREACHED'");
            long keysRecorded = Workload.count(url, "select count(distinct idempotency_key) from cg_notify_delivery where kind = 'EMAIL' and status = 'DELIVERED'");
            long incidents = Workload.count(url, "select count(*) from ACT_RU_INCIDENT");
            System.out.printf("crash recovery: %d kill(s) under load + 1 during a mail, restarts took %.1f s on average; %d instances started "
                            + "(%d fault-escalation, %d account-opening), %d tasks completed, %d requests without answer; SLA firings %d "
                            + "(%d warned, %d breached, %d response SLAs breached); mails received %d, distinct keys %d, duplicates %d "
                            + "(in flight at the kill %d, most copies of one key %d); %d incidents; %.0f s in all%n",
                    kills, restartSeconds / kills, work.started.size(), work.startedOf(Workload.FAULT), work.startedOf(Workload.ACCOUNT),
                    work.completed.size(), work.noAnswer.get(), firings, warned, breached, breachedResponse, smtp.mails(), smtp.distinct(),
                    smtp.duplicates(), inFlight, smtp.mostTimesOneKey(), incidents, (System.nanoTime() - began) / 1e9);

            assertThat(work.unexpected).as("answers other than 2xx, 404/409 (lost race) and no answer").isEmpty();
            assertThat(work.lost(url)).as("started instances lost").isEmpty();
            assertThat(work.lostCompletions(url)).as("acknowledged completions lost").isEmpty();
            assertThat(work.neitherEndedNorIncident(url)).as("instances that neither ended nor have an incident").isEmpty();
            assertThat(firings).as("one cg_sla_firing row per warning and per breach, no more").isEqualTo(warned + breached);
            assertThat(breachedResponse).as("response SLAs breached (the 4 faults left open, and any other)").isGreaterThanOrEqualTo(4);
            assertThat(smtp.duplicates()).as("mails repeated by the retried timer job (same key)").isBetween(1, inFlight);
            assertThat(smtp.mostTimesOneKey()).as("copies of one mail: one crash repeats it once at most").isLessThanOrEqualTo(2);
            assertThat(keysRecorded).as("every distinct mail recorded as delivered under its key").isEqualTo(smtp.distinct());
        }
    }

    /** No timer job due at the engine's (moved) time is waiting, and none failed. */
    static boolean dueTimersDone(String url, Path clock) {
        try {
            long offset = Long.parseLong(Files.readString(clock).strip());
            // the engine writes dates in the JVM's zone, as this JVM does
            var engineNow = new Timestamp(Instant.now().toEpochMilli() + offset);
            return Workload.count(url, "select count(*) from ACT_RU_JOB where TYPE_ = 'timer' and RETRIES_ > 0 and DUEDATE_ <= ?", engineNow) == 0;
        } catch (Exception e) {
            return false;
        }
    }

    static void await(Duration timeout, BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            Thread.sleep(250);
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
