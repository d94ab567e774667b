package io.commgov.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import io.commgov.crypto.SensitiveData;
import io.commgov.support.CommGovIntegrationTest;
import io.commgov.support.MariaDb;
import io.commgov.support.Models;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** R-BAK: a backup restored into a fresh database holds everything (on H2, and on MariaDB in the second run). */
@CommGovIntegrationTest
class BackupRestoreTest {

    @Autowired BackupService backups;
    @Autowired RepositoryService repositoryService;
    @Autowired RuntimeService runtimeService;
    @Autowired JdbcTemplate jdbc;
    @Autowired SensitiveData sensitiveData;
    @Autowired io.commgov.audit.AuditVerifier verifier;
    @Autowired org.springframework.boot.test.web.client.TestRestTemplate rest;

    @BeforeEach
    void emptyTheBackupDirectory() throws Exception {
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
    void aRestoredBackupHoldsEveryRowAndARunningProcessInstanceContinuesOnIt() throws Exception {
        Models.deploy(repositoryService, "io/commgov/backup/restore-probe.bpmn");
        String instance = runtimeService.startProcessInstanceByKey("restore-probe", "probe-" + UUID.randomUUID()).getId();
        BackupManifest manifest = backups.backup();
        assertThat(manifest.rowCounts()).containsKeys("ACT_RU_EXECUTION", "ACT_GE_BYTEARRAY", "CG_BACKUP_RUN");
        assertThat(manifest.databaseKind()).isEqualTo(MariaDb.isDatabaseOfThisRun() ? "mysql" : "h2");

        Target target = freshDatabase("restore");
        try (Connection connection = target.connect()) {
            assertThat(DatabaseDump.tables(connection)).isEmpty();
        }
        assertThat(RestoreCommand.restore(backups.directory().resolve(manifest.file()), target.url(), target.user(), "", sensitiveData))
                .startsWith("Restored " + manifest.file());
        try (Connection connection = target.connect()) {
            assertThat(DatabaseDump.rowCounts(connection)).isEqualTo(manifest.rowCounts());
        }
        var chain = verifier.verify(new org.springframework.jdbc.datasource.DriverManagerDataSource(target.url(), target.user(), ""));
        assertThat(chain.intact()).as("the audit chain verifies on the restored data: %s", chain.firstBad()).isTrue();
        assertThat(chain.entriesChecked()).isEqualTo(manifest.rowCounts().get("CG_AUDIT_ENTRY")).isPositive();

        ProcessEngine restored = target.engine();
        try {
            var task = restored.getTaskService().createTaskQuery().processInstanceId(instance).singleResult();
            assertThat(task.getTaskDefinitionKey()).isEqualTo("Task_WaitForRestore");
            restored.getTaskService().complete(task.getId());
            assertThat(restored.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(instance)
                    .singleResult().getEndActivityId()).isEqualTo("EndEvent_ProbeDone");
        } finally {
            restored.close();
        }
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instance).count())
                .as("the live database is untouched").isOne();
    }

    @Test
    void aCorruptedBackupIsRefusedByItsDigestAndNothingIsRestored() throws Exception {
        BackupManifest manifest = backups.backup();
        Path file = backups.directory().resolve(manifest.file());
        try (var raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(raf.length() / 2);
            int b = raf.read();
            raf.seek(raf.length() / 2);
            raf.write(b ^ 0xFF);
        }
        try (Connection connection = freshDatabase("corrupt").connect()) {
            assertThatThrownBy(() -> BackupArchive.restore(file, connection, backups.sealer()))
                    .isInstanceOf(BackupCorruptedException.class).hasMessageContaining("digest");
            assertThat(DatabaseDump.tables(connection)).isEmpty();
        }
    }

    @Test
    void aBackupIsSm4EncryptedAndOpensOnlyWithTheKey() throws Exception {
        BackupManifest manifest = backups.backup();
        byte[] stored = Files.readAllBytes(backups.directory().resolve(manifest.file()));
        assertThat(manifest.encryption()).isEqualTo("SM4-GCM");
        assertThat(manifest.digestAlgorithm()).isEqualTo("SM3");
        assertThat(manifest.digest()).isEqualTo(io.commgov.crypto.Sm3.hashHex(stored));
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("ACT_RU_EXECUTION");
        assertThat(stored[0] == (byte) 0x1f && stored[1] == (byte) 0x8b).as("not a plain gzip file").isFalse();
        byte[] plain = backups.sealer().open(stored);
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(plain))) {
            assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).containsIgnoringCase("ACT_RU_EXECUTION");
        }
    }

    @Test
    void backupsOlderThanThirtyDaysAreRemoved() {
        ClockUtil.setCurrentTime(at("2030-01-01T02:00:00+08:00"));
        String old = backups.backup().file();
        ClockUtil.setCurrentTime(at("2030-01-02T02:00:00+08:00"));
        String newer = backups.backup().file();

        ClockUtil.setCurrentTime(at("2030-01-31T02:00:00+08:00"));   // 30 days after the first: still kept
        assertThat(backups.purge()).isEmpty();
        ClockUtil.setCurrentTime(at("2030-01-31T02:00:01+08:00"));
        assertThat(backups.purge()).containsExactly(old);
        assertThat(BackupArchive.list(backups.directory())).extracting(p -> p.getFileName().toString()).containsExactly(newer);
        assertThat(Files.exists(backups.directory().resolve(old.replace(BackupArchive.SUFFIX, BackupArchive.MANIFEST_SUFFIX)))).isFalse();
    }

    @Test
    void everyRunIsRecordedWithSizeDigestAndOutcome() {
        BackupManifest manifest = backups.backup();
        Map<String, Object> run = jdbc.queryForMap("SELECT * FROM cg_backup_run WHERE file_name = ?", manifest.file());
        assertThat(run.get("OUTCOME") != null ? run.get("OUTCOME") : run.get("outcome")).isEqualTo("SUCCESS");
        assertThat(((Number) value(run, "size_bytes")).longValue()).isEqualTo(manifest.sizeBytes()).isPositive();
        assertThat(value(run, "digest")).isEqualTo(manifest.digest());
        assertThat(((Number) value(run, "duration_ms")).longValue()).isNotNegative();

        var api = new io.commgov.support.Api(rest);
        var listed = api.get("ian", "/api/backups");
        assertThat(listed.getStatusCode()).isEqualTo(org.springframework.http.HttpStatus.OK);
        assertThat(listed.getBody()).contains(manifest.file()).contains(manifest.digest()).contains("\"outcome\":\"SUCCESS\"");
        assertThat(api.get("ivan", "/api/backups").getStatusCode()).isEqualTo(org.springframework.http.HttpStatus.FORBIDDEN);
    }

    private static Object value(Map<String, Object> row, String column) {
        return row.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(column)).findFirst().orElseThrow().getValue();
    }

    static Date at(String dateTime) {
        return Date.from(OffsetDateTime.parse(dateTime).toInstant());
    }

    /** An empty database of the run's kind. */
    record Target(String url, String user, boolean mariadb) {
        Connection connect() throws Exception {
            return DriverManager.getConnection(url, user, "");
        }

        ProcessEngine engine() {
            var configuration = ProcessEngineConfiguration.createStandaloneProcessEngineConfiguration()
                    .setProcessEngineName("restored-" + UUID.randomUUID())
                    .setJdbcUrl(url).setJdbcUsername(user).setJdbcPassword("")
                    .setJdbcDriver(mariadb ? "org.mariadb.jdbc.Driver" : "org.h2.Driver")
                    .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_FALSE)
                    .setHistory(ProcessEngineConfiguration.HISTORY_FULL)
                    .setJobExecutorActivate(false);
            if (mariadb) {
                configuration.setDatabaseType("mysql");
            }
            return configuration.buildProcessEngine();
        }
    }

    static Target freshDatabase(String name) {
        if (MariaDb.isDatabaseOfThisRun()) {
            return new Target(MariaDb.freshDatabase(name), "root", true);
        }
        return new Target("jdbc:h2:mem:" + name + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", false);
    }
}
