package io.commgov.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import io.commgov.support.CommGovIntegrationTest;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.TriggerKey;
import org.springframework.beans.factory.annotation.Autowired;

/** The daily backup: a Quartz cron trigger at 02:00 (no engine timer) starts the runbook, which backs up and purges. */
@CommGovIntegrationTest
class BackupDailyProcessTest {

    @Autowired ProcessEngine processEngine;
    @Autowired ManagementService managementService;
    @Autowired RuntimeService runtimeService;
    @Autowired HistoryService historyService;
    @Autowired BackupService backups;

    @BeforeEach
    void init() throws Exception {
        BpmnAwareTests.init(processEngine);
        for (Path file : BackupArchive.list(backups.directory())) {
            Files.deleteIfExists(BackupArchive.manifestPath(file));
            Files.delete(file);
        }
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Autowired BackupRuns runs;
    @Autowired Scheduler quartz;

    @Test
    void quartzHoldsTheDailyAndMonthlyTriggersAndTheEngineNoTimer() throws Exception {
        var daily = (CronTrigger) quartz.getTrigger(new TriggerKey(BackupSchedule.DAILY, BackupSchedule.GROUP));
        assertThat(daily.getCronExpression()).isEqualTo("0 0 2 * * ?");
        assertThat(daily.getTimeZone().getID()).isEqualTo("Asia/Shanghai");
        assertThat(daily.getJobKey()).isEqualTo(new JobKey(BackupSchedule.DAILY, BackupSchedule.GROUP));
        var drill = (CronTrigger) quartz.getTrigger(new TriggerKey(BackupSchedule.DRILL, BackupSchedule.GROUP));
        assertThat(drill.getCronExpression()).isEqualTo("0 0 4 1 * ?");
        for (JobKey job : java.util.List.of(daily.getJobKey(), drill.getJobKey())) {
            assertThat(quartz.getJobDetail(job).isConcurrentExecutionDisallowed()).isTrue();
            assertThat(quartz.getJobDetail(job).getJobClass()).isEqualTo(StartBackupProcessJob.class);
        }
        assertThat(quartz.getMetaData().isJobStoreClustered()).isTrue();
        assertThat(quartz.getMetaData().isJobStoreSupportsPersistence()).isTrue();
        assertThat(managementService.createJobQuery().processDefinitionKey("backup-daily").timers().count())
                .as("no engine timer besides Quartz").isZero();
        assertThat(managementService.createJobQuery().processDefinitionKey("backup-restore-drill").timers().count()).isZero();
    }

    @Test
    void shouldBackUpAndRemoveBackupsPastTheRetentionWhenQuartzStartsTheRunbook() {
        ClockUtil.setCurrentTime(BackupRestoreTest.at("2030-03-01T02:00:00+08:00"));
        String old = backups.backup().file();
        ClockUtil.setCurrentTime(BackupRestoreTest.at("2030-04-01T02:00:00+08:00"));

        String id = runs.start(BackupSchedule.DAILY, "node-test");
        BpmnAwareTests.assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(id).singleResult())
                .as("the backup runs as a job of its own").isWaitingAt("Task_RunBackup");
        BpmnAwareTests.execute(BpmnAwareTests.job(runtimeService.createProcessInstanceQuery().processInstanceId(id).singleResult()));

        var instance = historyService.createHistoricProcessInstanceQuery().processInstanceId(id).singleResult();
        assertThat(instance.getEndActivityId()).isEqualTo("EndEvent_BackedUp");
        assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(id).variableName(BackupRuns.NODE)
                .singleResult().getValue()).isEqualTo("node-test");
        var files = BackupArchive.list(backups.directory());
        assertThat(files).hasSize(1);
        assertThat(files.get(0).getFileName().toString()).isNotEqualTo(old).startsWith("commgov-20300331-18");
    }

    @Test
    void aFailingBackupIsRetriedThenLeftAsAnIncidentInCockpitEachFailureRecorded() throws Exception {
        long failedBefore = failedRuns();
        String id = runs.start(BackupSchedule.DAILY, "node-test");
        var instance = runtimeService.createProcessInstanceQuery().processInstanceId(id).singleResult();
        var job = BpmnAwareTests.job(instance);
        Path directory = backups.directory();
        Path aside = directory.resolveSibling(directory.getFileName() + "-aside");
        Files.move(directory, aside);
        Files.writeString(directory, "not a directory: the backup cannot be written");
        try {
            assertThat(job.getRetries()).isEqualTo(3);
            assertThatThrownBy(() -> managementService.executeJob(job.getId())).hasMessageContaining("Backup failed");
            var retried = managementService.createJobQuery().jobId(job.getId()).singleResult();
            assertThat(retried.getRetries()).as("R3/PT10M").isEqualTo(2);
            assertThat(retried.getDuedate()).isAfter(ClockUtil.getCurrentTime());
            managementService.setJobRetries(job.getId(), 1);
            assertThatThrownBy(() -> managementService.executeJob(job.getId())).hasMessageContaining("Backup failed");
        } finally {
            Files.delete(directory);
            Files.move(aside, directory);
        }
        var incident = runtimeService.createIncidentQuery().processInstanceId(id).singleResult();
        assertThat(incident).as("visible in Cockpit").isNotNull();
        assertThat(incident.getActivityId()).isEqualTo("Task_RunBackup");
        assertThat(incident.getIncidentMessage()).contains("Backup failed");
        assertThat(failedRuns()).as("each failure recorded").isEqualTo(failedBefore + 2);

        // the cause mended, a retry from Cockpit finishes the runbook
        managementService.setJobRetries(job.getId(), 1);
        managementService.executeJob(job.getId());
        assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(id).singleResult().getEndActivityId())
                .isEqualTo("EndEvent_BackedUp");
    }

    @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;

    private long failedRuns() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM cg_backup_run WHERE kind = 'BACKUP' AND outcome = 'FAILED'", Long.class);
    }
}
