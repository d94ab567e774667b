package io.commgov.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.commgov.support.CommGovIntegrationTest;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobListener;
import org.quartz.Scheduler;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.quartz.QuartzProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.quartz.LocalDataSourceJobStore;
import org.springframework.scheduling.quartz.SchedulerFactoryBean;
import org.springframework.scheduling.quartz.SpringBeanJobFactory;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * R-BAK: two Quartz nodes (two instance ids, the application's Quartz configuration) on the one database of the run
 * (H2, or MariaDB in the second run) both poll for the daily backup's trigger; exactly one of them fires it, and one
 * backup is recorded.
 */
@CommGovIntegrationTest
class BackupClusterTest {

    @Autowired DataSource dataSource;
    @Autowired PlatformTransactionManager transactions;
    @Autowired QuartzProperties quartz;
    @Autowired ApplicationContext context;
    @Autowired HistoryService historyService;
    @Autowired org.camunda.bpm.engine.ManagementService managementService;
    @Autowired JdbcTemplate jdbc;
    @Autowired @Qualifier("backupDailyJob") JobDetail dailyJob;

    private final List<SchedulerFactoryBean> nodes = new ArrayList<>();

    @AfterEach
    void stopNodes() throws Exception {
        for (SchedulerFactoryBean node : nodes) {
            node.destroy();
        }
    }

    @Test
    void twoNodesOnOneDatabaseFireTheDailyBackupOnce() throws Exception {
        TriggerKey key = new TriggerKey("cluster-test-" + UUID.randomUUID(), "test");
        var fired = new ConcurrentHashMap<String, AtomicInteger>();
        Scheduler a = node("node-a", key, fired);
        Scheduler b = node("node-b", key, fired);
        for (Scheduler node : List.of(a, b)) {
            assertThat(node.getMetaData().isJobStoreClustered()).isTrue();
            assertThat(node.getMetaData().getJobStoreClass()).isEqualTo(LocalDataSourceJobStore.class);
            assertThat(node.getJobDetail(dailyJob.getKey()).isConcurrentExecutionDisallowed()).isTrue();
        }
        long backupsBefore = backupRuns();
        Instant since = Instant.now().minusSeconds(1);
        a.start();
        b.start();

        // stored through node a; node b reads the same tables and competes for it
        a.scheduleJob(TriggerBuilder.newTrigger().forJob(dailyJob.getKey()).withIdentity(key)
                .startAt(Date.from(Instant.now().plusSeconds(3))).build());
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> total(fired) >= 1 && !a.checkExists(key));
        // both keep polling for a few more rounds: nobody fires it again
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10)).until(() -> total(fired) == 1);

        assertThat(total(fired)).isOne();
        String firedBy = fired.entrySet().stream().filter(e -> e.getValue().get() == 1).findFirst().orElseThrow().getKey();
        var started = new ArrayList<HistoricProcessInstance>();
        for (String node : List.of("node-a", "node-b")) {
            started.addAll(historyService.createHistoricProcessInstanceQuery().processDefinitionKey("backup-daily")
                    .startedAfter(Date.from(since)).variableValueEquals(BackupRuns.NODE, node).list());
        }
        assertThat(started).hasSize(1);
        // the backup itself is the runbook's asynchronous first step (job executors are off in tests)
        managementService.createJobQuery().processInstanceId(started.get(0).getId()).list()
                .forEach(job -> managementService.executeJob(job.getId()));
        started.replaceAll(pi -> historyService.createHistoricProcessInstanceQuery().processInstanceId(pi.getId()).singleResult());
        assertThat(started).singleElement().satisfies(pi -> {
            assertThat(pi.getEndActivityId()).isEqualTo("EndEvent_BackedUp");
            assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
                    .variableName(BackupRuns.NODE).singleResult().getValue()).isEqualTo(firedBy);
        });
        assertThat(backupRuns()).as("one backup recorded").isEqualTo(backupsBefore + 1);
    }

    private long backupRuns() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM cg_backup_run WHERE kind = 'BACKUP'", Long.class);
    }

    private static int total(Map<String, AtomicInteger> fired) {
        return fired.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** One more node, built as Spring Boot builds the application's scheduler, with its own instance id. */
    private Scheduler node(String instanceId, TriggerKey counted, Map<String, AtomicInteger> fired) throws Exception {
        var properties = new Properties();
        properties.putAll(quartz.getProperties());
        properties.setProperty("org.quartz.scheduler.instanceId", instanceId);
        // look for due triggers every second (default 30 s), so both nodes really compete
        properties.setProperty("org.quartz.scheduler.idleWaitTime", "1000");
        var jobFactory = new SpringBeanJobFactory();
        jobFactory.setApplicationContext(context);
        var factory = new SchedulerFactoryBean();
        factory.setSchedulerName(quartz.getSchedulerName());
        factory.setQuartzProperties(properties);
        factory.setDataSource(dataSource);
        factory.setTransactionManager(transactions);
        factory.setJobFactory(jobFactory);
        factory.setAutoStartup(false);
        factory.setWaitForJobsToCompleteOnShutdown(true);
        factory.afterPropertiesSet();
        nodes.add(factory);
        Scheduler scheduler = factory.getScheduler();
        fired.put(instanceId, new AtomicInteger());
        scheduler.getListenerManager().addJobListener(new JobListener() {
            @Override
            public String getName() {
                return "count-" + instanceId;
            }

            @Override
            public void jobToBeExecuted(JobExecutionContext execution) {
            }

            @Override
            public void jobExecutionVetoed(JobExecutionContext execution) {
            }

            @Override
            public void jobWasExecuted(JobExecutionContext execution, JobExecutionException failure) {
                if (execution.getTrigger().getKey().equals(counted)) {
                    fired.get(instanceId).incrementAndGet();
                }
            }
        });
        return scheduler;
    }
}
