package io.commgov.backup;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;
import org.springframework.scheduling.quartz.QuartzJobBean;

/** A Quartz firing of {@link BackupSchedule}: starts the process named in the job data; never two at once in the cluster. */
@DisallowConcurrentExecution
class StartBackupProcessJob extends QuartzJobBean {

    static final String PROCESS_KEY = "processKey";

    private final BackupRuns runs;

    StartBackupProcessJob(BackupRuns runs) {
        this.runs = runs;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) throws JobExecutionException {
        try {
            runs.start(context.getMergedJobDataMap().getString(PROCESS_KEY), context.getScheduler().getSchedulerInstanceId());
        } catch (SchedulerException | RuntimeException e) {
            // the failed backup is already in cg_backup_run; Quartz logs this and fires again at the next time
            throw new JobExecutionException(e, false);
        }
    }
}
