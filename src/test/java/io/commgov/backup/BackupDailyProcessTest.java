package io.commgov.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import io.commgov.support.CommGovIntegrationTest;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The daily backup starts by its own timer (one job, so one node of a cluster runs it), backs up and purges. */
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

    @Test
    void shouldBackUpAndRemoveBackupsPastTheRetentionWhenTheDailyTimerFires() {
        ClockUtil.setCurrentTime(BackupRestoreTest.at("2030-03-01T02:00:00+08:00"));
        String old = backups.backup().file();
        ClockUtil.setCurrentTime(BackupRestoreTest.at("2030-04-01T02:00:00+08:00"));

        long before = historyService.createHistoricProcessInstanceQuery().processDefinitionKey("backup-daily").count();
        Job timer = managementService.createJobQuery().processDefinitionKey("backup-daily").timers().singleResult();
        assertThat(timer).as("exactly one timer job for the whole cluster").isNotNull();
        managementService.executeJob(timer.getId());

        var started = historyService.createHistoricProcessInstanceQuery().processDefinitionKey("backup-daily").list();
        assertThat(started).hasSize((int) before + 1);
        var instance = historyService.createHistoricProcessInstanceQuery().processDefinitionKey("backup-daily")
                .orderByProcessInstanceStartTime().desc().listPage(0, 1).get(0);
        assertThat(instance.getEndActivityId()).isEqualTo("EndEvent_BackedUp");
        var files = BackupArchive.list(backups.directory());
        assertThat(files).hasSize(1);
        assertThat(files.get(0).getFileName().toString()).isNotEqualTo(old).startsWith("commgov-20300331-18");
        assertThat(managementService.createJobQuery().processDefinitionKey("backup-daily").timers().count())
                .as("the next day's timer").isOne();
    }
}
