package io.commgov.backup;

import java.util.TimeZone;

import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * R-BAK: when the backup runs. Quartz keeps these jobs and triggers in its clustered JDBC JobStore on the application
 * database, so however many nodes run, each firing is taken by exactly one of them; the job then starts the BPMN
 * runbook ({@code backup-daily}, {@code backup-restore-drill}), which records the run and gives it-head a task on a
 * failed drill.
 */
@Configuration
class BackupSchedule {

    static final String GROUP = "backup";
    static final String DAILY = "backup-daily";
    static final String DRILL = "backup-restore-drill";

    @Bean
    JobDetail backupDailyJob() {
        return job(DAILY, "R-BAK: the daily backup of the application's and the engine's data");
    }

    @Bean
    Trigger backupDailyTrigger(JobDetail backupDailyJob, BackupProperties properties) {
        return cron(backupDailyJob, properties.dailyCron(), properties);
    }

    @Bean
    JobDetail backupRestoreDrillJob() {
        return job(DRILL, "R-BAK: the monthly restore drill of the latest backup");
    }

    @Bean
    Trigger backupRestoreDrillTrigger(JobDetail backupRestoreDrillJob, BackupProperties properties) {
        return cron(backupRestoreDrillJob, properties.drillCron(), properties);
    }

    private static JobDetail job(String processKey, String description) {
        return JobBuilder.newJob(StartBackupProcessJob.class).withIdentity(processKey, GROUP).withDescription(description)
                .usingJobData(StartBackupProcessJob.PROCESS_KEY, processKey).storeDurably().build();
    }

    private static Trigger cron(JobDetail job, String expression, BackupProperties properties) {
        // a firing missed while every node was down runs once as soon as one is back
        return TriggerBuilder.newTrigger().forJob(job).withIdentity(job.getKey().getName(), GROUP)
                .withSchedule(CronScheduleBuilder.cronSchedule(expression).inTimeZone(TimeZone.getTimeZone(properties.zone()))
                        .withMisfireHandlingInstructionFireAndProceed())
                .build();
    }
}
