package io.commgov.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import io.commgov.support.CommGovIntegrationTest;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The monthly restore drill: the latest backup restored into a scratch database; a failure becomes a task for it-head. */
@CommGovIntegrationTest
class BackupRestoreDrillProcessTest {

    @Autowired ProcessEngine processEngine;
    @Autowired ManagementService managementService;
    @Autowired RuntimeService runtimeService;
    @Autowired HistoryService historyService;
    @Autowired TaskService taskService;
    @Autowired BackupService backups;
    @Autowired JdbcTemplate jdbc;
    @Autowired BackupRuns runs;

    @BeforeEach
    void init() throws Exception {
        BpmnAwareTests.init(processEngine);
        for (Path file : BackupArchive.list(backups.directory())) {
            Files.deleteIfExists(BackupArchive.manifestPath(file));
            Files.delete(file);
        }
    }

    @Test
    void shouldPassWhenTheLatestBackupRestoresWithEveryRow() {
        String file = backups.backup().file();
        String pi = fireMonthlyTimer();

        assertThat(running(pi)).isNull();
        assertThat(passed(pi, "EndEvent_DrillPassed")).isTrue();
        assertThat(drillOf(file)).containsEntry("OUTCOME", "SUCCESS");
        assertThat((String) drillOf(file).get("DETAIL")).contains("digest verified").contains("row counts as recorded")
                .contains("audit chain intact");
    }

    @Test
    void shouldGiveItHeadATaskWhenTheRestoredAuditChainIsBroken() {
        long position = jdbc.queryForObject("SELECT MAX(seq) FROM cg_audit_entry", Long.class);
        String original = jdbc.queryForObject("SELECT details FROM cg_audit_entry WHERE seq = ?", String.class, position);
        String file;
        jdbc.update("UPDATE cg_audit_entry SET details = 'changed before the backup' WHERE seq = ?", position);
        try {
            file = backups.backup().file();
        } finally {
            jdbc.update("UPDATE cg_audit_entry SET details = ? WHERE seq = ?", original, position);
        }
        ProcessInstance pi = running(fireMonthlyTimer());

        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_HandleFailedDrill");
        BpmnAwareTests.assertThat(BpmnAwareTests.task(pi)).hasCandidateGroup("it-head");
        assertThat((String) runtimeService.getVariable(pi.getId(), "drillDetail"))
                .contains("row counts as recorded").contains("audit chain broken at position " + position + " (altered)");
        assertThat(drillOf(file)).containsEntry("OUTCOME", "FAILED");
    }

    @Test
    void shouldGiveItHeadATaskWhenTheLatestBackupIsCorrupted() throws Exception {
        Path file = backups.directory().resolve(backups.backup().file());
        Files.write(file, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
        ProcessInstance pi = running(fireMonthlyTimer());

        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_HandleFailedDrill");
        BpmnAwareTests.assertThat(BpmnAwareTests.task(pi)).hasCandidateGroup("it-head");
        assertThat((String) runtimeService.getVariable(pi.getId(), "drillDetail")).contains("corrupted");
        assertThat(drillOf(file.getFileName().toString())).containsEntry("OUTCOME", "FAILED");

        taskService.complete(BpmnAwareTests.task(pi).getId(), java.util.Map.of("remediation", "备份盘故障，已更换并重新备份"));
        BpmnAwareTests.assertThat(pi).isEnded().hasPassed("EndEvent_DrillFailureHandled");
    }

    @Test
    void shouldFailWhenThereIsNoBackupAtAll() {
        ProcessInstance pi = running(fireMonthlyTimer());
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_HandleFailedDrill");
        assertThat((String) runtimeService.getVariable(pi.getId(), "drillDetail")).startsWith("no backup");
    }

    /** What the monthly Quartz firing does (BackupClusterTest fires a real trigger). */
    private String fireMonthlyTimer() {
        return runs.start(BackupSchedule.DRILL, "node-test");
    }

    private ProcessInstance running(String id) {
        return runtimeService.createProcessInstanceQuery().processInstanceId(id).singleResult();
    }

    private boolean passed(String id, String activityId) {
        return historyService.createHistoricActivityInstanceQuery().processInstanceId(id).activityId(activityId).finished().count() == 1;
    }

    private java.util.Map<String, Object> drillOf(String file) {
        var row = jdbc.queryForList("SELECT outcome, file_name, detail FROM cg_backup_run WHERE kind = 'DRILL' AND file_name = ?", file).get(0);
        var upper = new java.util.HashMap<String, Object>();
        row.forEach((k, v) -> upper.put(k.toUpperCase(), v));
        return upper;
    }
}
