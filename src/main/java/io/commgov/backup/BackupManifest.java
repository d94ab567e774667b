package io.commgov.backup;

import java.time.Instant;
import java.util.Map;

/** Written beside each backup file: what it holds, when it was taken, its encryption and SM3 digest, and the row count of every table. */
record BackupManifest(String file, String databaseKind, Instant createdAt, String encryption, String digestAlgorithm, String digest,
                      long sizeBytes, Map<String, Long> rowCounts) {
}
