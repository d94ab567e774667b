package io.commgov.tasklist;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.TaskQuery;

import io.commgov.identity.Role;

/** The filters every Tasklist user starts with, and the groups that see each (filter READ authorizations). */
final class ShippedFilters {

    static final String CURRENT_USER = "${currentUser()}";
    static final String NOW = "${now()}";
    /** Due within two working hours: two hours on the workdays calendar reach at least as far as two hours round the clock. */
    static final String TWO_WORKING_HOURS_FROM_NOW = "${sla.due('workdays', 'PT2H')}";
    static final String REQUESTER_MARKER = "${'" + RequestDetails.REQUESTER_LINK + ":'.concat(currentUser())}";
    static final String FAULT_PROCESS = "fault-escalation";

    /** One shipped filter: a stable key, what Tasklist shows, its query and who may read it. */
    record ShippedFilter(String key, String name, String description, int priority, String color,
                         Function<TaskQuery, TaskQuery> criteria, List<String> groups) {

        TaskQuery query(TaskService taskService) {
            return criteria.apply(taskService.createTaskQuery()).orderByDueDate().asc();
        }

        Map<String, Object> properties() {
            var properties = new LinkedHashMap<String, Object>();
            properties.put("description", description);
            properties.put("priority", priority);
            properties.put("color", color);
            properties.put("refresh", true);
            properties.put("showUndefinedVariable", false);
            properties.put("variables", List.of(
                    Map.of("name", RequestDetails.INITIATOR, "label", "申请人"),
                    Map.of("name", RequestDetails.DEPARTMENT, "label", "部门"),
                    Map.of("name", RequestDetails.SUMMARY, "label", "摘要")));
            return properties;
        }
    }

    /** Everyone with Tasklist: every role but the platform administrator, who sees all filters anyway. */
    static final List<String> EVERYONE = Arrays.stream(Role.values())
            .filter(role -> role != Role.CAMUNDA_ADMIN).map(Role::groupId).toList();
    static final List<String> IT = List.of(Role.IT.groupId(), Role.IT_HEAD.groupId());

    static final List<ShippedFilter> ALL = List.of(
            new ShippedFilter("my-tasks", "我的待办", "分配给我的任务", -10, "#c8102e",
                    q -> q.taskAssigneeExpression(CURRENT_USER), EVERYONE),
            // a candidate user is offered the task by name (a department head, a data owner): Camunda's candidate-user
            // criterion covers both that and the user's candidate groups
            new ShippedFilter("group-tasks", "我的组任务", "提供给我或我所在用户组、尚无人认领的任务", -9, "#1f6fb2",
                    q -> q.taskCandidateUserExpression(CURRENT_USER).taskUnassigned(), EVERYONE),
            new ShippedFilter("due-soon", "即将超时", "两个工作小时内到期、由我或我的用户组处理的任务", -8, "#e8a202",
                    q -> mine(q).dueAfterExpression(NOW).dueBeforeExpression(TWO_WORKING_HOURS_FROM_NOW), EVERYONE),
            new ShippedFilter("overdue", "已超时", "已过到期时间、由我或我的用户组处理的任务", -7, "#8b0000",
                    q -> mine(q).dueBeforeExpression(NOW), EVERYONE),
            new ShippedFilter("my-requests", "我发起的", "我提交的申请中正在办理的任务（只读）", -6, "#4d7c0f",
                    q -> q.taskInvolvedUserExpression(REQUESTER_MARKER), EVERYONE),
            new ShippedFilter("fault-tasks", "故障工单", "未关闭的故障处理任务，按到期时间排序", -5, "#5b21b6",
                    q -> q.processDefinitionKey(FAULT_PROCESS), IT));

    private ShippedFilters() {
    }

    /** Assigned to me, or offered to me or one of my groups (claimed or not). */
    private static TaskQuery mine(TaskQuery query) {
        return query.or()
                .taskAssigneeExpression(CURRENT_USER)
                .taskCandidateUserExpression(CURRENT_USER)
                .includeAssignedTasks()
                .endOr();
    }
}
