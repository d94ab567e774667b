package io.commgov.backup;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Starts a backup runbook ({@code backup-daily}, {@code backup-restore-drill}) as a Quartz firing asks, noting which node took it. */
@Component
class BackupRuns {

    private static final Logger log = LoggerFactory.getLogger(BackupRuns.class);
    static final String NODE = "quartzInstance";

    private final RuntimeService runtimeService;

    BackupRuns(RuntimeService runtimeService) {
        this.runtimeService = runtimeService;
    }

    String start(String processKey, String node) {
        if (!BackupSchedule.DAILY.equals(processKey) && !BackupSchedule.DRILL.equals(processKey)) {
            throw new IllegalArgumentException("Not a backup process: " + processKey);
        }
        String id = runtimeService.startProcessInstanceByKey(processKey, Variables.putValue(NODE, node)).getId();
        log.info("{} started by Quartz on node {}: process instance {}", processKey, node, id);
        return id;
    }
}
