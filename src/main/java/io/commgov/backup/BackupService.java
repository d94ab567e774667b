package io.commgov.backup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.commgov.audit.AuditVerification;
import io.commgov.audit.AuditVerifier;
import io.commgov.crypto.SensitiveData;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** Takes backups, removes those past the retention, and restores the latest into a scratch database to prove it works. */
@Service
@EnableConfigurationProperties(BackupProperties.class)
class BackupService {

    private static final Logger log = LoggerFactory.getLogger(BackupService.class);
    private static final Pattern MARIADB_URL = Pattern.compile("^(jdbc:(?:mariadb|mysql)://[^/]+/)([^?]*)(.*)$");

    /** The outcome of a restore drill: whether it passed, and what was checked. */
    record DrillResult(boolean passed, String backupFile, String detail) {
    }

    private final DataSource dataSource;
    private final BackupProperties properties;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;

    static final String CONTEXT = "commgov-backup";

    private final BackupArchive.Sealer sealer;
    private final String appUser;
    private final String appPassword;
    private final AuditVerifier audit;

    BackupService(DataSource dataSource, BackupProperties properties, JdbcTemplate jdbc, PlatformTransactionManager transactions,
                  SensitiveData sensitiveData, AuditVerifier audit, @Value("${spring.datasource.username:}") String appUser, @Value("${spring.datasource.password:}") String appPassword) {
        this.dataSource = dataSource;
        this.audit = audit;
        this.sealer = sealer(sensitiveData);
        this.appUser = appUser;
        this.appPassword = appPassword;
        this.properties = properties;
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Backups are sealed with the application's SM4 key, bound to the context {@value #CONTEXT}. */
    static BackupArchive.Sealer sealer(SensitiveData sensitiveData) {
        return new BackupArchive.Sealer() {
            @Override
            public byte[] seal(byte[] plain) {
                return sensitiveData.encryptBytes(plain, CONTEXT);
            }

            @Override
            public byte[] open(byte[] sealed) {
                return sensitiveData.decryptBytes(sealed, CONTEXT);
            }
        };
    }

    BackupArchive.Sealer sealer() {
        return sealer;
    }

    Path directory() {
        return properties.directory();
    }

    /** One backup of the whole database (CommGov's cg_* and the engine's ACT_* tables); the run is recorded either way. */
    BackupManifest backup() {
        Instant started = ClockUtil.getCurrentTime().toInstant();
        long t0 = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            BackupManifest manifest = BackupArchive.write(connection, properties.directory(), started, sealer);
            record("BACKUP", started, t0, "SUCCESS", manifest.file(), manifest.sizeBytes(), manifest.digest(),
                    manifest.rowCounts().size() + " tables, " + manifest.rowCounts().values().stream().mapToLong(Long::longValue).sum() + " rows");
            log.info("Backup {} written ({} bytes)", manifest.file(), manifest.sizeBytes());
            return manifest;
        } catch (Exception e) {
            record("BACKUP", started, t0, "FAILED", null, null, null, String.valueOf(e.getMessage()));
            throw new IllegalStateException("Backup failed: " + e.getMessage(), e);
        }
    }

    /** Removes the backups older than the retention (engine clock); answers the files removed. */
    List<String> purge() {
        Instant cutoff = ClockUtil.getCurrentTime().toInstant().minus(Duration.ofDays(properties.retentionDays()));
        var removed = new ArrayList<String>();
        for (Path file : BackupArchive.list(properties.directory())) {
            try {
                Instant created = BackupArchive.manifest(file).createdAt();
                if (created.isBefore(cutoff)) {
                    Files.deleteIfExists(BackupArchive.manifestPath(file));
                    Files.delete(file);
                    removed.add(file.getFileName().toString());
                }
            } catch (Exception e) {
                log.warn("Backup {} not checked for retention: {}", file.getFileName(), e.getMessage());
            }
        }
        return removed;
    }

    /**
     * The restore drill: restores the latest backup into an empty scratch database, compares every table's row count
     * with the manifest, verifies the audit chain on the restored data (R-LOG), and records the result.
     */
    DrillResult drill() {
        Instant started = ClockUtil.getCurrentTime().toInstant();
        long t0 = System.nanoTime();
        var backups = BackupArchive.list(properties.directory());
        DrillResult result;
        if (backups.isEmpty()) {
            result = new DrillResult(false, null, "no backup in " + properties.directory().toAbsolutePath());
        } else {
            result = drill(backups.get(0));
        }
        record("DRILL", started, t0, result.passed() ? "SUCCESS" : "FAILED", result.backupFile(), null, null, result.detail());
        return result;
    }

    private DrillResult drill(Path backup) {
        String name = backup.getFileName().toString();
        try (Connection scratch = scratchDatabase()) {
            BackupManifest manifest = BackupArchive.restore(backup, scratch, sealer);
            Map<String, Long> restored = DatabaseDump.rowCounts(scratch);
            var differences = new ArrayList<String>();
            manifest.rowCounts().forEach((table, count) -> {
                if (!count.equals(restored.get(table))) {
                    differences.add(table + " " + count + "→" + restored.get(table));
                }
            });
            AuditVerification chain = audit.verify(new SingleConnectionDataSource(scratch, true));
            dropScratch(scratch);
            long rows = restored.values().stream().mapToLong(Long::longValue).sum();
            String chainDetail = chain.intact()
                    ? "audit chain intact (" + chain.entriesChecked() + " entries, " + chain.checkpointsChecked() + " signed checkpoints)"
                    : "audit chain broken at position " + chain.firstBad().position() + " (" + chain.firstBad().problem() + "): "
                    + chain.firstBad().message();
            if (!differences.isEmpty()) {
                return new DrillResult(false, name, "row counts differ: " + String.join(", ", differences) + "; " + chainDetail);
            }
            return chain.intact()
                    ? new DrillResult(true, name, "digest verified; " + restored.size() + " tables, " + rows
                    + " rows restored, row counts as recorded; " + chainDetail)
                    : new DrillResult(false, name, "row counts as recorded, but the " + chainDetail);
        } catch (Exception e) {
            return new DrillResult(false, name, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private Connection scratchDatabase() throws SQLException {
        if (properties.drillUrl() != null && !properties.drillUrl().isBlank()) {
            return DriverManager.getConnection(properties.drillUrl(), properties.drillUser(), properties.drillPassword());
        }
        try (Connection app = dataSource.getConnection()) {
            String url = app.getMetaData().getURL();
            if ("h2".equals(DatabaseDump.kindOf(app))) {
                return DriverManager.getConnection("jdbc:h2:mem:commgov-drill-" + UUID.randomUUID(), "sa", "");
            }
            var m = MARIADB_URL.matcher(url);
            if (!m.matches()) {
                throw new IllegalStateException("Set commgov.backup.drill-url: cannot derive a scratch database from " + url);
            }
            String scratch = m.group(2) + "_drill";
            try (var statement = app.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS `" + scratch + "`");
                statement.execute("CREATE DATABASE `" + scratch + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
            }
            return DriverManager.getConnection(m.group(1) + scratch + m.group(3), appUser, appPassword);
        }
    }

    private void dropScratch(Connection scratch) throws SQLException {
        if ("h2".equals(DatabaseDump.kindOf(scratch))) {
            try (var statement = scratch.createStatement()) {
                statement.execute("SHUTDOWN");
            }
        } else if (properties.drillUrl() == null || properties.drillUrl().isBlank()) {
            try (var statement = scratch.createStatement()) {
                statement.execute("DROP DATABASE `" + scratch.getCatalog() + "`");
            }
        }
    }

    private void record(String kind, Instant started, long t0, String outcome, String file, Long size, String digest, String detail) {
        long millis = (System.nanoTime() - t0) / 1_000_000;
        ownTransaction.executeWithoutResult(status -> jdbc.update(
                "INSERT INTO cg_backup_run (id, kind, started_at, duration_ms, outcome, file_name, size_bytes, digest, detail) VALUES (?,?,?,?,?,?,?,?,?)",
                UUID.randomUUID().toString(), kind, java.sql.Timestamp.from(started), millis, outcome, file, size, digest,
                detail == null ? null : detail.substring(0, Math.min(detail.length(), 4000))));
    }

    /** The latest runs, newest first. */
    List<Map<String, Object>> recentRuns(int limit) {
        var runs = new ArrayList<Map<String, Object>>();
        jdbc.query("SELECT kind, started_at, duration_ms, outcome, file_name, size_bytes, digest, detail FROM cg_backup_run ORDER BY started_at DESC",
                rs -> {
                    if (runs.size() < limit) {
                        var run = new java.util.LinkedHashMap<String, Object>();
                        run.put("kind", rs.getString(1));
                        run.put("startedAt", rs.getTimestamp(2).toInstant().toString());
                        run.put("durationMs", rs.getLong(3));
                        run.put("outcome", rs.getString(4));
                        run.put("file", rs.getString(5));
                        run.put("sizeBytes", rs.getObject(6));
                        run.put("digest", rs.getString(7));
                        run.put("detail", rs.getString(8));
                        runs.add(run);
                    }
                });
        return runs;
    }
}
