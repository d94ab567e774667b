package io.commgov.sla;

import java.time.Instant;
import java.util.Date;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.runtime.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * When a calendar changes, every running SLA on it gets its due time, its timer jobs and its tasks' due dates moved to
 * match; its warning time too unless the warning has already been given. Met and breached SLAs keep their times.
 */
@Component
class SlaRescheduler {

    private static final Logger log = LoggerFactory.getLogger(SlaRescheduler.class);

    private final Calendars calendars;
    private final SlaRecords records;
    private final ManagementService managementService;
    private final TaskService taskService;

    SlaRescheduler(Calendars calendars, SlaRecords records, ManagementService managementService, TaskService taskService) {
        this.calendars = calendars;
        this.records = records;
        this.managementService = managementService;
        this.taskService = taskService;
    }

    /** Answers how many SLAs got new times. */
    int rescheduleRunningSlas(String calendarName) {
        WorkingTimeCalendar calendar = calendars.calendar(calendarName);
        Instant now = Sla.now();
        int changed = 0;
        for (SlaRecord record : records.runningOnCalendar(calendarName)) {
            WorkingDuration duration = Calendars.parse(record.duration());
            Instant due = Calendars.bounded(() -> calendar.due(record.startedAt(), duration));
            Instant warning = record.warnedAt() != null ? record.warningAt()
                    : Calendars.bounded(() -> calendar.partOf(record.startedAt(), duration, record.warningFraction()))
                    .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            if (due.equals(record.dueAt()) && warning.equals(record.warningAt())) {
                continue;
            }
            for (Job job : managementService.createJobQuery().executionId(record.executionId()).timers().list()) {
                Instant jobDue = job.getDuedate().toInstant();
                if (sameSecond(jobDue, record.dueAt())) {
                    managementService.setJobDuedate(job.getId(), Date.from(due));
                } else if (record.warnedAt() == null && sameSecond(jobDue, record.warningAt())) {
                    managementService.setJobDuedate(job.getId(), Date.from(warning));
                }
            }
            for (Task task : taskService.createTaskQuery().processInstanceId(record.processInstanceId()).list()) {
                if (task.getDueDate() != null && sameSecond(task.getDueDate().toInstant(), record.dueAt())) {
                    task.setDueDate(Date.from(due));
                    task.setFollowUpDate(Date.from(warning));
                    taskService.saveTask(task);
                }
            }
            records.reschedule(record.id(), warning, due, now);
            changed++;
        }
        if (changed > 0) {
            log.info("Calendar '{}' changed: {} running SLA(s) rescheduled", calendarName, changed);
        }
        return changed;
    }

    private static boolean sameSecond(Instant a, Instant b) {
        return Math.abs(a.getEpochSecond() - b.getEpochSecond()) < 1;
    }
}
