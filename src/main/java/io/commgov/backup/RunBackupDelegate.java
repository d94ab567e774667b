package io.commgov.backup;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_RunBackup (asynchronous, so a failure does not undo the Quartz start): today's backup; each failure is recorded in
 * {@code cg_backup_run} and left to the engine's retries (R3/PT10M), then to an incident in Cockpit.
 */
@Component
class RunBackupDelegate implements JavaDelegate {

    private final BackupService backups;

    RunBackupDelegate(BackupService backups) {
        this.backups = backups;
    }

    @Override
    public void execute(DelegateExecution execution) {
        var manifest = backups.backup();
        execution.setVariable("backupFile", manifest.file());
        execution.setVariable("backupDigest", manifest.digest());
        execution.setVariable("backupSizeBytes", manifest.sizeBytes());
    }
}
