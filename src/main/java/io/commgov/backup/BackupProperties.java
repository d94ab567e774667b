package io.commgov.backup;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code commgov.backup.*}: where backups go (outside git), how long they are kept, and the scratch database of the
 * restore drill (blank: a throw-away in-memory H2 database, or {@code <database>_drill} on the same MariaDB server).
 */
@ConfigurationProperties("commgov.backup")
record BackupProperties(Path directory, Integer retentionDays, String drillUrl, String drillUser, String drillPassword) {

    BackupProperties {
        directory = directory == null ? Path.of("data", "backups") : directory;
        retentionDays = retentionDays == null ? 30 : retentionDays;
    }
}
