package io.commgov.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import io.commgov.CommGovApplication;
import io.commgov.support.MariaDb;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Timer storm on two nodes: N SLA timers (sla-demo, warning and breach) fall due at the same instant while two
 * application contexts with job executors ON (engines stormA and stormB, own ports) share one MariaDB database.
 * Proof that each fired exactly once: per instance exactly one {@code cg_sla} record BREACHED (and warned), and
 * exactly one breach escalation task, and one row per firing in cg_sla_firing, whose primary key (SLA, kind) lets no
 * timer fire twice. Prints the time until all fired, how late the last one was (its wall-clock firing minus the moment
 * all fell due), each node's share and the optimistic-locking failures seen in the logs and left on jobs. MariaDB only (the second half of scripts/test). Short form 500
 * instances; {@code -Dcommgov.reliability.long=true} 10,000 ({@code -Dcommgov.reliability.storm.instances=N}).
 */
class TimerStormTest {

    private static final String SLA_DEMO_JOBS = "select count(*) from ACT_RU_JOB where PROCESS_DEF_KEY_ = 'sla-demo'";

    @Test
    void slaTimersFallingDueTogetherFireExactlyOnceAcrossTwoNodes() throws Exception {
        // its own Surefire run (pom.xml, execution timer-storm): two nodes need one shared MariaDB, never H2
        if (!MariaDb.isDatabaseOfThisRun()) {
            throw new IllegalStateException("TimerStormTest needs the MariaDB of scripts/test; it runs in the timer-storm execution");
        }
        int instances = Http.count(500, 10_000, "commgov.reliability.storm.instances");
        String url = MariaDb.freshDatabase("storm");
        var optimisticLocking = new AtomicInteger();
        var appender = new AppenderBase<ILoggingEvent>() {
            @Override
            protected void append(ILoggingEvent event) {
                if (mentionsOptimisticLocking(event.getFormattedMessage(), event.getThrowableProxy())) {
                    optimisticLocking.incrementAndGet();
                }
            }
        };
        Logger camunda = (Logger) LoggerFactory.getLogger("org.camunda.bpm.engine");
        ConfigurableApplicationContext a = null;
        ConfigurableApplicationContext b = null;
        Date t0 = Date.from(OffsetDateTime.parse("2026-03-02T10:00:00+08:00").toInstant());
        try {
            ClockUtil.setCurrentTime(t0);
            a = node("stormA", url);
            b = node("stormB", url);
            appender.start();
            camunda.addAppender(appender);
            ProcessEngine engineA = a.getBean(ProcessEngine.class);
            long startedAt = System.nanoTime();
            var ids = new ArrayList<String>();
            for (int i = 0; i < instances; i++) {
                ids.add(engineA.getRuntimeService().startProcessInstanceByKey("sla-demo", Map.of("subject", "风暴 " + i)).getId());
            }
            double startSeconds = (System.nanoTime() - startedAt) / 1e9;
            assertThat(count(url, "select count(*) from ACT_RU_JOB where TYPE_ = 'timer' and PROCESS_DEF_KEY_ = 'sla-demo'")).isEqualTo(2L * instances);

            // every warning and breach timer is now due at once (1 working day after Monday 10:00 is Tuesday 10:00)
            ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse("2026-03-03T10:00:01+08:00").toInstant()));
            long stormAt = System.nanoTime();
            // the engine clock stands still: a timer's lateness is its wall-clock firing (recorded_at) minus this moment
            java.time.Instant dueAtWall = java.time.Instant.now();
            long deadline = stormAt + 600_000_000_000L;
            long breached = 0;
            while (System.nanoTime() < deadline) {
                breached = count(url, "select count(*) from cg_sla where state = 'BREACHED'");
                if (breached >= instances && count(url, SLA_DEMO_JOBS) == 0) {
                    break;
                }
                Thread.sleep(200);
            }
            double stormSeconds = (System.nanoTime() - stormAt) / 1e9;

            long breachTasks = count(url, "select count(*) from ACT_RU_TASK where TASK_DEF_KEY_ = 'Task_HandleSlaBreach'");
            long instancesWithOneBreach = count(url, "select count(*) from (select PROC_INST_ID_ from ACT_RU_TASK where "
                    + "TASK_DEF_KEY_ = 'Task_HandleSlaBreach' group by PROC_INST_ID_ having count(*) = 1) x");
            long recordsBreachedOnce = count(url, "select count(*) from (select process_instance_id from cg_sla where state = 'BREACHED' "
                    + "and warned_at is not null group by process_instance_id having count(*) = 1) x");
            long jobsLeft = count(url, SLA_DEMO_JOBS);
            long firings = count(url, "select count(*) from cg_sla_firing");
            long slaRecordsFiredTwice = count(url, "select count(*) from (select sla_id, kind from cg_sla_firing group by sla_id, kind "
                    + "having count(*) > 1) x");
            double lastLateSeconds = lastFiring(url).map(last -> java.time.Duration.between(dueAtWall, last).toMillis() / 1000.0).orElse(-1.0);
            long jobsRetried = count(url, "select count(*) from ACT_HI_JOB_LOG where JOB_EXCEPTION_MSG_ is not null and PROCESS_DEF_KEY_ = 'sla-demo'");
            long byA = count(url, "select count(*) from ACT_HI_JOB_LOG where HOSTNAME_ like '%stormA%' and JOB_STATE_ = 2 and PROCESS_DEF_KEY_ = 'sla-demo'");
            long byB = count(url, "select count(*) from ACT_HI_JOB_LOG where HOSTNAME_ like '%stormB%' and JOB_STATE_ = 2 and PROCESS_DEF_KEY_ = 'sla-demo'");
            System.out.printf("timer storm: %d instances started in %.1f s; %d timers (warning + breach) due at once on 2 nodes; "
                            + "all fired in %.1f s (%.0f timers/s), the last one %.1f s late; node A ran %d, node B ran %d; %d breach tasks; "
                            + "%d unique-keyed firings (cg_sla_firing); failed job attempts %d, optimistic-locking log events %d, jobs left %d%n",
                    instances, startSeconds, 2 * instances, stormSeconds, 2 * instances / stormSeconds, lastLateSeconds, byA, byB, breachTasks,
                    firings, jobsRetried, optimisticLocking.get(), jobsLeft);

            assertThat(breached).as("one BREACHED record per instance").isEqualTo(instances);
            assertThat(recordsBreachedOnce).as("instances with exactly one warned-then-breached SLA record").isEqualTo(instances);
            assertThat(breachTasks).as("breach escalation tasks").isEqualTo(instances);
            assertThat(instancesWithOneBreach).as("instances with exactly one escalation task").isEqualTo(instances);
            assertThat(jobsLeft).as("timer jobs still waiting or failed").isZero();
            assertThat(firings).as("one unique-keyed firing per warning and per breach").isEqualTo(2L * instances);
            assertThat(slaRecordsFiredTwice).isZero();
        } finally {
            ClockUtil.reset();
            camunda.detachAppender(appender);
            if (b != null) {
                b.close();
            }
            if (a != null) {
                a.close();
            }
        }
    }

    private static boolean mentionsOptimisticLocking(String message, IThrowableProxy throwable) {
        if (message != null && message.contains("OptimisticLocking")) {
            return true;
        }
        for (IThrowableProxy t = throwable; t != null; t = t.getCause()) {
            if (t.getClassName().contains("OptimisticLocking")) {
                return true;
            }
        }
        return false;
    }

    private static ConfigurableApplicationContext node(String name, String url) {
        // command-line arguments: they win over application.yaml (a default property would not)
        return new SpringApplicationBuilder(CommGovApplication.class).profiles("test").run(
                "--server.port=0",
                "--camunda.bpm.process-engine-name=" + name,
                "--camunda.bpm.job-execution.enabled=true",
                "--camunda.bpm.generic-properties.properties.hostname=" + name,
                "--camunda.bpm.database.type=mysql",
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=root",
                "--spring.datasource.password=",
                "--spring.datasource.hikari.transaction-isolation=TRANSACTION_READ_COMMITTED",
                "--commgov.demo.enabled=false",
                "--camunda.bpm.admin-user.id=stormadmin",
                "--camunda.bpm.admin-user.password=storm-" + name);
    }

    /** The wall-clock instant of the last firing (recorded_at is UTC). */
    private static java.util.Optional<java.time.Instant> lastFiring(String url) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "root", "");
             var statement = connection.createStatement();
             var result = statement.executeQuery("select max(recorded_at) from cg_sla_firing")) {
            result.next();
            var last = result.getObject(1, java.time.LocalDateTime.class);
            return java.util.Optional.ofNullable(last).map(t -> t.toInstant(java.time.ZoneOffset.UTC));
        }
    }

    private static long count(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "root", "");
             var statement = connection.createStatement();
             var result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
