package io.commgov.sla;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import io.commgov.identity.CurrentUser;
import io.commgov.identity.Role;
import io.commgov.validation.Bounds;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** {@code GET /api/sla?processInstanceId=…}: the SLA records of one request, for those involved in it. */
@RestController
@RequestMapping("/api/sla")
class SlaController {

    private static final ZoneId BUSINESS_ZONE = ZoneId.of("Asia/Shanghai");

    record SlaView(String name, String calendar, String duration, String activityId, String state, String startedAt,
                   String dueAt, String warningAt, String warnedAt, String breachedAt, String completedAt,
                   String completedBy, String rescheduledAt, String previousDueAt) {
    }

    private final SlaRecords records;
    private final CurrentUser currentUser;
    private final HistoryService historyService;
    private final TaskService taskService;
    private final IdentityService identityService;

    SlaController(SlaRecords records, CurrentUser currentUser, HistoryService historyService, TaskService taskService,
                  IdentityService identityService) {
        this.records = records;
        this.currentUser = currentUser;
        this.historyService = historyService;
        this.taskService = taskService;
        this.identityService = identityService;
    }

    @GetMapping
    List<SlaView> of(@RequestParam String processInstanceId) {
        Bounds.requireMaxLength("processInstanceId", processInstanceId, Bounds.ID);
        String user = currentUser.id().orElseThrow();
        List<String> groups = currentUser.groups();
        // look the request up as the engine itself, then decide who may see it
        var authentication = identityService.getCurrentAuthentication();
        HistoricProcessInstance instance;
        boolean hasTask;
        identityService.clearAuthentication();
        try {
            instance = historyService.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).singleResult();
            hasTask = instance != null && (historyService.createHistoricTaskInstanceQuery().processInstanceId(processInstanceId)
                    .taskAssignee(user).count() > 0
                    || taskService.createTaskQuery().processInstanceId(processInstanceId).taskCandidateUser(user).includeAssignedTasks().count() > 0);
        } finally {
            identityService.setAuthentication(authentication);
        }
        if (instance == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no request " + processInstanceId);
        }
        boolean overseer = currentUser.isIn(Role.CAMUNDA_ADMIN, Role.IT, Role.IT_HEAD, Role.SECURITY, Role.PROCESS_OWNER);
        if (!overseer && !user.equals(instance.getStartUserId()) && !hasTask) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "only those involved in request " + processInstanceId
                    + " may see its SLAs (groups " + groups + ")");
        }
        return records.ofProcessInstance(processInstanceId).stream().map(SlaController::view).toList();
    }

    private static SlaView view(SlaRecord r) {
        return new SlaView(r.name(), r.calendar(), r.duration(), r.activityId(), r.state().name(), text(r.startedAt()),
                text(r.dueAt()), text(r.warningAt()), text(r.warnedAt()), text(r.breachedAt()), text(r.completedAt()),
                r.completedBy(), text(r.rescheduledAt()), text(r.previousDueAt()));
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.atZone(BUSINESS_ZONE).toOffsetDateTime().toString();
    }
}
