package io.commgov.backup;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_PurgeOldBackups: backups older than the retention (30 days) are removed. */
@Component
class PurgeOldBackupsDelegate implements JavaDelegate {

    private final BackupService backups;

    PurgeOldBackupsDelegate(BackupService backups) {
        this.backups = backups;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable("removedBackups", String.join(", ", backups.purge()));
    }
}
