package io.commgov.backup;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_RunRestoreDrill: the latest backup restored into a scratch database and checked. */
@Component
class RunRestoreDrillDelegate implements JavaDelegate {

    private final BackupService backups;

    RunRestoreDrillDelegate(BackupService backups) {
        this.backups = backups;
    }

    @Override
    public void execute(DelegateExecution execution) {
        var result = backups.drill();
        execution.setVariable("drillPassed", result.passed());
        execution.setVariable("drillBackup", result.backupFile());
        execution.setVariable("drillDetail", result.detail());
    }
}
