package io.commgov.backup;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code commgov.backup.*}: where backups go (outside git), how long they are kept, when Quartz runs the backup and
 * the drill (cron expressions in {@code zone}), and the scratch database of the
 * restore drill (blank: a throw-away in-memory H2 database, or {@code <database>_drill} on the same MariaDB server).
 */
@ConfigurationProperties("commgov.backup")
record BackupProperties(Path directory, Integer retentionDays, String dailyCron, String drillCron, java.time.ZoneId zone,
                        String drillUrl, String drillUser, String drillPassword) {

    BackupProperties {
        directory = directory == null ? Path.of("data", "backups") : directory;
        retentionDays = retentionDays == null ? 30 : retentionDays;
        dailyCron = dailyCron == null ? "0 0 2 * * ?" : dailyCron;
        drillCron = drillCron == null ? "0 0 4 1 * ?" : drillCron;
        zone = zone == null ? java.time.ZoneId.of("Asia/Shanghai") : zone;
    }
}
