package io.commgov.backup;

/** The backup file does not match the digest of its manifest: it is refused, nothing is restored. */
class BackupCorruptedException extends RuntimeException {

    BackupCorruptedException(String message) {
        super(message);
    }
}
