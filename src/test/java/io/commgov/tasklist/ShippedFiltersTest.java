package io.commgov.tasklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.commgov.support.CommGovIntegrationTest;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The Tasklist filters CommGov ships: created once, read by the right groups, each query finding the right tasks. */
@CommGovIntegrationTest
class ShippedFiltersTest {

    // a Tuesday in Shanghai, inside working hours
    private static final OffsetDateTime REPORTED = OffsetDateTime.parse("2026-11-24T10:00:00+08:00");
    private static final List<String> EMMA = List.of("employee", "dept-MKT");
    private static final List<String> IVAN = List.of("employee", "it", "dept-IT");
    private static final List<String> IAN = List.of("it-head", "employee", "dept-IT");
    private static final List<String> MIA = List.of("mentor", "employee", "dept-RND");
    private static final List<String> HEAD_MKT = List.of("dept-head", "dept-MKT", "employee");
    private static final List<String> HEAD_RND = List.of("dept-head", "dept-RND", "employee");

    @Autowired FilterSetup filterSetup;
    @Autowired FilterService filterService;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired IdentityService identityService;
    @Autowired JdbcTemplate jdbc;

    @BeforeEach
    void setClock() {
        ClockUtil.setCurrentTime(at(0));
    }

    @AfterEach
    void reset() {
        ClockUtil.reset();
        identityService.clearAuthentication();
    }

    @Test
    void eachFilterExistsOnceAndARestartChangesNothing() {
        var before = ShippedFilters.ALL.stream().map(f -> idOf(f.name())).toList();
        filterSetup.run(null);
        filterSetup.run(null);
        for (var shipped : ShippedFilters.ALL) {
            assertThat(filterService.createFilterQuery().filterName(shipped.name()).count()).as(shipped.name()).isEqualTo(1);
        }
        assertThat(ShippedFilters.ALL.stream().map(f -> idOf(f.name())).toList()).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM cg_tasklist_filter", Integer.class)).isEqualTo(ShippedFilters.ALL.size());
    }

    @Test
    void aChangedShippedDefinitionIsUpdatedInPlace() {
        String id = idOf("已超时");
        jdbc.update("UPDATE cg_tasklist_filter SET definition_hash = 'outdated' WHERE filter_key = 'overdue'");
        Filter edited = filterService.getFilter(id).setName("已超时（被改动）");
        filterService.saveFilter(edited);
        filterSetup.run(null);
        assertThat(filterService.getFilter(id).getName()).isEqualTo("已超时");
        assertThat(filterService.createFilterQuery().filterName("已超时").count()).isEqualTo(1);
    }

    @Test
    void everyoneSeesTheGeneralFiltersAndOnlyItSeesFaultTasks() {
        List<String> general = List.of("我的待办", "我的组任务", "即将超时", "已超时", "我发起的");
        assertThat(visibleTo("emma", EMMA)).containsAll(general).doesNotContain("故障工单");
        assertThat(visibleTo("mia", MIA)).containsAll(general).doesNotContain("故障工单");
        assertThat(visibleTo("ivan", IVAN)).containsAll(general).contains("故障工单");
        assertThat(visibleTo("ian", IAN)).containsAll(general).contains("故障工单");
        String faults = idOf("故障工单");
        as("emma", EMMA, () -> {
            assertThatThrownBy(() -> filterService.list(faults)).isInstanceOf(AuthorizationException.class);
            return null;
        });
    }

    @Test
    void aFaultShowsInTheRightFiltersForReporterAndIt() {
        ProcessInstance pi = reportFault("企业微信群消息发送失败");
        Task response = taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult();
        assertThat(response.getName()).isEqualTo("响应故障：企业微信群消息发送失败（市场部）");
        assertThat(runtimeService.getVariables(pi.getId())).containsEntry("department", "市场部")
                .containsEntry("summary", "企业微信群消息发送失败").containsEntry("initiator", "emma");
        assertThat(response.getDueDate()).as("the 30-minute response SLA").isEqualTo(at(30));

        // the list may show the request's variables to the requester and the group it is offered to, and nobody else
        assertThat(variablesSeenBy("emma", EMMA, pi)).contains("summary", "department", "initiator");
        assertThat(variablesSeenBy("ivan", IVAN, pi)).contains("summary", "department", "initiator");
        assertThat(variablesSeenBy("mia", MIA, pi)).isEmpty();

        // IT: offered to the group, due within two working hours, a fault
        assertThat(ids(run("ivan", IVAN, "我的组任务"))).contains(response.getId());
        assertThat(ids(run("ivan", IVAN, "故障工单"))).contains(response.getId());
        assertThat(ids(run("ivan", IVAN, "即将超时"))).contains(response.getId());
        assertThat(ids(run("ivan", IVAN, "已超时"))).doesNotContain(response.getId());
        assertThat(ids(run("ivan", IVAN, "我的待办"))).doesNotContain(response.getId());
        assertThat(ids(run("ivan", IVAN, "我发起的"))).doesNotContain(response.getId());
        // the reporter follows her request, read-only, and nobody else's
        assertThat(ids(run("emma", EMMA, "我发起的"))).contains(response.getId());
        assertThat(ids(run("emma", EMMA, "我的组任务"))).doesNotContain(response.getId());
        assertThat(ids(run("emma", EMMA, "已超时"))).doesNotContain(response.getId());
        assertThat(ids(run("mia", MIA, "我发起的"))).doesNotContain(response.getId());
        as("emma", EMMA, () -> {
            assertThatThrownBy(() -> taskService.claim(response.getId(), "emma")).isInstanceOf(AuthorizationException.class);
            return null;
        });

        // claimed: it moves from the group's list to ivan's own
        as("ivan", IVAN, () -> {
            taskService.claim(response.getId(), "ivan");
            return null;
        });
        assertThat(ids(run("ivan", IVAN, "我的待办"))).contains(response.getId());
        assertThat(ids(run("ivan", IVAN, "我的组任务"))).doesNotContain(response.getId());
        assertThat(ids(run("iris", List.of("employee", "it", "dept-IT"), "即将超时"))).as("still the group's").contains(response.getId());

        // 31 minutes later: overdue, no longer "due soon"
        ClockUtil.setCurrentTime(at(31));
        assertThat(ids(run("ivan", IVAN, "已超时"))).contains(response.getId());
        assertThat(ids(run("ivan", IVAN, "即将超时"))).doesNotContain(response.getId());
        assertThat(ids(run("emma", EMMA, "我发起的"))).contains(response.getId());
    }

    @Test
    void anAccountRequestShowsInItsRequestersMyRequestsOnlyNamedWithItsSubject() {
        String employeeId = "E-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        ProcessInstance pi = as("head-mkt", HEAD_MKT, () -> runtimeService.startProcessInstanceByKey("account-opening", Map.of(
                "employeeId", employeeId, "fullName", "韩梅梅", "department", "MKT", "accountType", "EMPLOYEE")));
        Task review = taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult();
        assertThat(review.getTaskDefinitionKey()).isEqualTo("Task_ReviewByIt");
        assertThat(review.getName()).isEqualTo("审核并创建账号：韩梅梅（市场部）");
        assertThat(runtimeService.getVariables(pi.getId())).as("the request's own department code stays as sent")
                .containsEntry("department", "MKT").containsEntry("summary", "韩梅梅");

        assertThat(ids(run("head-mkt", HEAD_MKT, "我发起的"))).contains(review.getId());
        assertThat(ids(run("emma", EMMA, "我发起的"))).doesNotContain(review.getId());
        assertThat(ids(run("ivan", IVAN, "我发起的"))).doesNotContain(review.getId());
        assertThat(ids(run("ivan", IVAN, "我的组任务"))).contains(review.getId());
        assertThat(variablesSeenBy("head-mkt", HEAD_MKT, pi)).contains("summary", "fullName");
        as("head-mkt", HEAD_MKT, () -> {
            assertThatThrownBy(() -> taskService.claim(review.getId(), "head-mkt")).isInstanceOf(AuthorizationException.class);
            return null;
        });
    }

    @Test
    void aTaskOfferedToAPersonByNameIsInThatPersonsListsAndNobodyElses() {
        // an intern's account: the head of the account's department reviews it, offered by name (candidate user)
        ProcessInstance account = as("mia", MIA, () -> runtimeService.startProcessInstanceByKey("account-opening", Map.of(
                "employeeId", "I-" + java.util.UUID.randomUUID().toString().substring(0, 8), "fullName", "李雷", "department", "MKT",
                "accountType", "INTERN", "endDate", java.time.LocalDate.now().plusMonths(6).toString())));
        // a data export of marketing's data: the owner department's head approves, offered by name
        ProcessInstance export = as("emma", EMMA, () -> runtimeService.startProcessInstanceByKey("data-export", Map.of(
                "dataset", "departments", "ownerDepartment", "MKT", "purpose", "年度部门通讯录核对")));
        try {
            List<Task> offered = List.of(
                    taskService.createTaskQuery().processInstanceId(account.getId()).taskDefinitionKey("Task_ReviewByDeptHead").singleResult(),
                    taskService.createTaskQuery().processInstanceId(export.getId()).taskDefinitionKey("Task_ApproveByOwnerHead").singleResult());
            for (Task task : offered) {
                assertThat(taskService.getIdentityLinksForTask(task.getId())).as(task.getName())
                        .extracting(l -> l.getUserId()).contains("head-mkt");
                assertThat(ids(run("head-mkt", HEAD_MKT, "我的组任务"))).as(task.getName()).contains(task.getId());
                assertThat(ids(run("head-rnd", HEAD_RND, "我的组任务"))).as(task.getName()).doesNotContain(task.getId());
                assertThat(ids(run("emma", EMMA, "我的组任务"))).as(task.getName()).doesNotContain(task.getId());
                assertThat(ids(run("head-mkt", HEAD_MKT, "已超时"))).as(task.getName()).doesNotContain(task.getId());
            }

            // past its due date it is overdue for the person it is offered to, claimed or not
            Task review = offered.get(0);
            review.setDueDate(at(-1));
            taskService.saveTask(review);
            assertThat(ids(run("head-mkt", HEAD_MKT, "已超时"))).contains(review.getId());
            assertThat(ids(run("head-rnd", HEAD_RND, "已超时"))).doesNotContain(review.getId());
            as("head-mkt", HEAD_MKT, () -> {
                taskService.claim(review.getId(), "head-mkt");
                return null;
            });
            assertThat(ids(run("head-mkt", HEAD_MKT, "我的待办"))).contains(review.getId());
            assertThat(ids(run("head-mkt", HEAD_MKT, "我的组任务"))).doesNotContain(review.getId());
            assertThat(ids(run("head-mkt", HEAD_MKT, "已超时"))).contains(review.getId());
        } finally {
            runtimeService.deleteProcessInstance(account.getId(), "test done");
            runtimeService.deleteProcessInstance(export.getId(), "test done");
        }
    }

    @Test
    void anInternAccountIsNamedAfterTheAccountsDepartmentNotTheMentors() {
        String employeeId = "I-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        ProcessInstance pi = as("mia", MIA, () -> runtimeService.startProcessInstanceByKey("account-opening", Map.of(
                "employeeId", employeeId, "fullName", "韩梅梅", "department", "MKT", "accountType", "INTERN",
                "endDate", java.time.LocalDate.now().plusMonths(6).toString())));
        Task review = taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult();
        assertThat(review.getName()).isEqualTo("审批账号开通：韩梅梅（市场部）");
        assertThat(ids(run("mia", MIA, "我发起的"))).contains(review.getId());
        assertThat(ids(run("head-mkt", HEAD_MKT, "我发起的"))).doesNotContain(review.getId());
    }

    @Test
    void dueSoonMeansTwoWorkingHoursOnTheWorkdaysCalendar() {
        ProcessInstance pi = reportFault("会议室投屏无法连接");
        Task response = taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult();
        // Friday 17:30: the window reaches Monday 10:30, so a task due Monday 10:00 is due soon, one due 11:00 is not
        ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse("2026-11-27T17:30:00+08:00").toInstant()));
        taskService.setDueDate(response.getId(), Date.from(OffsetDateTime.parse("2026-11-30T10:00:00+08:00").toInstant()));
        assertThat(ids(run("ivan", IVAN, "即将超时"))).contains(response.getId());
        taskService.setDueDate(response.getId(), Date.from(OffsetDateTime.parse("2026-11-30T11:00:00+08:00").toInstant()));
        assertThat(ids(run("ivan", IVAN, "即将超时"))).doesNotContain(response.getId());
    }

    @Test
    void everyFilterSortsByDueDateAndShowsRequesterDepartmentAndSummary() {
        for (var shipped : ShippedFilters.ALL) {
            Filter filter = filterService.getFilter(idOf(shipped.name()));
            assertThat(filter.getProperties().get("variables").toString())
                    .contains("initiator").contains("申请人").contains("department").contains("部门").contains("summary").contains("摘要");
            assertThat(new org.camunda.bpm.engine.impl.json.JsonTaskQueryConverter().toJson(filter.getQuery()))
                    .as(shipped.name()).contains("{\"queryProperty\":\"DUE_DATE_\",\"direction\":\"asc\"}");
        }
        ProcessInstance later = reportFault("共享盘无法访问");
        ClockUtil.setCurrentTime(at(-5));
        ProcessInstance earlier = reportFault("视频会议卡顿");
        List<String> order = ids(run("ivan", IVAN, "故障工单")).stream()
                .filter(id -> id.equals(taskOf(later)) || id.equals(taskOf(earlier))).toList();
        assertThat(order).containsExactly(taskOf(earlier), taskOf(later));
    }

    private List<String> variablesSeenBy(String user, List<String> groups, ProcessInstance pi) {
        return as(user, groups, () -> runtimeService.createVariableInstanceQuery().processInstanceIdIn(pi.getId()).list()
                .stream().map(org.camunda.bpm.engine.runtime.VariableInstance::getName).toList());
    }

    private String taskOf(ProcessInstance pi) {
        return taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult().getId();
    }

    private ProcessInstance reportFault(String symptom) {
        return as("emma", EMMA, () -> runtimeService.startProcessInstanceByKey("fault-escalation",
                Map.of("symptom", symptom, "impactScope", "USER", "platformDown", false)));
    }

    private List<Task> run(String user, List<String> groups, String filterName) {
        String id = idOf(filterName);
        return as(user, groups, () -> filterService.list(id));
    }

    private List<String> visibleTo(String user, List<String> groups) {
        return as(user, groups, () -> filterService.createFilterQuery().list().stream().map(Filter::getName).toList());
    }

    private String idOf(String name) {
        return filterService.createFilterQuery().filterName(name).singleResult().getId();
    }

    private <T> T as(String user, List<String> groups, Supplier<T> action) {
        identityService.setAuthentication(user, groups);
        try {
            return action.get();
        } finally {
            identityService.clearAuthentication();
        }
    }

    private static List<String> ids(List<Task> tasks) {
        return tasks.stream().map(Task::getId).toList();
    }

    private static Date at(int minutes) {
        return Date.from(REPORTED.plusMinutes(minutes).toInstant());
    }
}
