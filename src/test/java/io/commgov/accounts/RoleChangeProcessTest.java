package io.commgov.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.commgov.notify.NotifyProperties;
import io.commgov.support.Api;
import io.commgov.support.MailToLocalSmtp;
import io.commgov.support.CommGovIntegrationTest;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/** {@code role-change}: transfer, role change and resignation by IT within 1 working day (R-CHG-1, R-CHG-2). */
@CommGovIntegrationTest
@RecordApplicationEvents
class RoleChangeProcessTest {

    // Friday 20 November 2026, 17:00 in Beijing: 1 working day later is Monday 23 November 17:00
    static final OffsetDateTime FRIDAY_1700 = OffsetDateTime.parse("2026-11-20T17:00:00+08:00");
    static final String KEY = "role-change";

    @Autowired ProcessEngine processEngine;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired IdentityService identityService;
    @Autowired Accounts accounts;
    @Autowired TestRestTemplate rest;
    @Autowired ObjectMapper json;
    @Autowired ApplicationEvents events;
    @Autowired NotifyProperties notifyProperties;

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    AccountTestSupport support;

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(processEngine);
        ClockUtil.setCurrentTime(Date.from(FRIDAY_1700.toInstant()));
        support = new AccountTestSupport(identityService, taskService);
    }

    @AfterEach
    void tearDown() {
        ClockUtil.reset();
        identityService.clearAuthentication();
    }

    @Test
    void transferRemovesTheOldDepartmentsGroupsAndAppliesTheNewTemplateWithinTheSla() throws Exception {
        Account account = activeAccount("MKT", AccountType.EMPLOYEE, List.of("files:core"));
        assertThat(account.getPermissions()).contains("group:dept-MKT", "files:core");

        ProcessInstance pi = requestChange("head-mkt", change(account, "TRANSFER").putValue("newDepartment", "PRD"));
        BpmnAwareTests.assertThat(pi).isWaitingAt("Timer_EffectiveDate");
        execute(job("Timer_EffectiveDate", pi));
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_ChangeAccount");
        BpmnAwareTests.assertThat(task(pi)).hasCandidateGroup("it");
        assertThat(sla(pi).get("state").asText()).isEqualTo("RUNNING");

        ClockUtil.setCurrentTime(at("2026-11-23T10:00:00+08:00"));
        support.approve("ivan", pi.getId(), "Task_ChangeAccount");

        BpmnAwareTests.assertThat(pi).isEnded().hasPassed("Task_TransferAccount", "EndEvent_ChangeCompleted")
                .hasNotPassed("Task_HandleChangeSlaBreach");
        Account moved = accounts.activeAccountOf(account.getEmployeeId()).orElseThrow();
        assertThat(moved.getDepartment()).isEqualTo("PRD");
        assertThat(moved.getPermissions()).containsExactly("chat:groups", "files:read", "files:write", "meeting:create", "group:dept-PRD")
                .doesNotContain("group:dept-MKT", "files:core");
        assertThat(sla(pi).get("state").asText()).isEqualTo("MET");
        assertThat(notices(moved)).anyMatch(e -> e.getActor().equals("head-mkt") && e.getDetail().contains("Transfer done"));
    }

    @Test
    void roleChangeRecordsTheNewRole() {
        Account account = activeAccount("RND", AccountType.EMPLOYEE, List.of());
        ProcessInstance pi = requestChange("head-rnd", change(account, "ROLE_CHANGE").putValue("newRole", "高级工程师"));
        execute(job("Timer_EffectiveDate", pi));
        support.approve("iris", pi.getId(), "Task_ChangeAccount");

        BpmnAwareTests.assertThat(pi).isEnded().hasPassed("Task_ChangeRole").hasNotPassed("Task_TransferAccount", "Task_DisableResignedAccount");
        Account changed = accounts.activeAccountOf(account.getEmployeeId()).orElseThrow();
        assertThat(changed.getJobRole()).isEqualTo("高级工程师");
        assertThat(changed.getDepartment()).isEqualTo("RND");
    }

    @Test
    void resignationDisablesTheAccountAndHandsOverToTheDepartmentHead() {
        Account account = activeAccount("SAL", AccountType.EMPLOYEE, List.of());
        ProcessInstance pi = requestChange("head-sal", change(account, "RESIGNATION"));
        execute(job("Timer_EffectiveDate", pi));
        support.approve("ivan", pi.getId(), "Task_ChangeAccount");

        BpmnAwareTests.assertThat(pi).isEnded().hasPassed("Task_DisableResignedAccount", "EndEvent_ChangeCompleted");
        assertThat(accounts.activeAccountOf(account.getEmployeeId())).isEmpty();
        Account disabled = accounts.find(account.getId()).orElseThrow();
        assertThat(disabled.getState()).isEqualTo(AccountState.DISABLED);
        assertThat(disabled.getStateReason()).isEqualTo("RESIGNED");
        assertThat(events.stream(EmployeeResigned.class)).singleElement().satisfies(e -> {
            assertThat(e.employeeId()).isEqualTo(account.getEmployeeId());
            assertThat(e.department()).isEqualTo("SAL");
            assertThat(e.handOverTo()).isEqualTo("head-sal");
            assertThat(e.effectiveDate()).isEqualTo(FRIDAY_1700.toLocalDate());
        });
    }

    @Test
    void itMayRefuseAChangeAndTheRequesterIsToldWhy() {
        Account account = activeAccount("MKT", AccountType.EMPLOYEE, List.of());
        ProcessInstance pi = requestChange("head-mkt", change(account, "RESIGNATION"));
        execute(job("Timer_EffectiveDate", pi));
        support.decide("ivan", pi.getId(), "Task_ChangeAccount", false, "人事系统显示该员工仍在职");

        BpmnAwareTests.assertThat(pi).isEnded().hasPassed("EndEvent_ChangeRefused").hasNotPassed("Task_DisableResignedAccount");
        assertThat(accounts.activeAccountOf(account.getEmployeeId())).isPresent();
        assertThat(notices(account)).anyMatch(e -> e.getActor().equals("head-mkt") && e.getDetail().contains("人事系统显示该员工仍在职"));
    }

    @Test
    void aChangeEffectiveLaterWaitsForItsDateBeforeTheSlaStarts() {
        Account account = activeAccount("MKT", AccountType.EMPLOYEE, List.of());
        ProcessInstance pi = requestChange("head-mkt", change(account, "RESIGNATION").putValue("effectiveDate", "2026-12-01"));
        BpmnAwareTests.assertThat(pi).isWaitingAt("Timer_EffectiveDate");
        assertThat(job("Timer_EffectiveDate", pi).getDuedate()).isEqualTo(at("2026-12-01T00:00:00+08:00"));
        assertThat(slaRecords(pi)).isEmpty();
    }

    @Test
    void theSlaWarnsItThenEscalatesABreachToTheItHead() throws Exception {
        var mail = new MailToLocalSmtp(notifyProperties, smtp);
        try {
            warnedThenBreached();
        } finally {
            mail.restore();
        }
    }

    private void warnedThenBreached() throws Exception {
        Account account = activeAccount("HR", AccountType.EMPLOYEE, List.of());
        ProcessInstance pi = requestChange("head-hr", change(account, "TRANSFER").putValue("newDepartment", "FIN"));
        execute(job("Timer_EffectiveDate", pi));
        assertThat(smtp.waitForIncomingEmail(5000, 1)).isTrue();
        assertThat(MailToLocalSmtp.recipientsOf(smtp, "Task assigned")).as("the change is offered to IT")
                .contains("ivan@commgov.example", "iris@commgov.example").doesNotContain("head-hr@commgov.example");
        JsonNode started = sla(pi);
        assertThat(started.get("name").asText()).isEqualTo("permission-change");
        assertThat(started.get("calendar").asText()).isEqualTo("workdays");
        assertThat(instant(started, "dueAt")).isEqualTo(at("2026-11-23T17:00:00+08:00").toInstant());
        assertThat(job("Timer_PermissionChangeSla", pi).getDuedate()).isEqualTo(at("2026-11-23T17:00:00+08:00"));

        ClockUtil.setCurrentTime(job("Timer_PermissionChangeSlaWarning", pi).getDuedate());
        execute(job("Timer_PermissionChangeSlaWarning", pi));
        BpmnAwareTests.assertThat(pi).hasPassed("Task_NotifyChangeSlaWarning", "EndEvent_SlaWarned").isWaitingAt("Task_ChangeAccount");
        assertThat(sla(pi).get("warnedAt").isNull()).isFalse();
        assertThat(notices(account)).anyMatch(e -> e.getActor().equals("ivan") && e.getDetail().contains("due soon"));

        ClockUtil.setCurrentTime(at("2026-11-23T17:00:00+08:00"));
        execute(job("Timer_PermissionChangeSla", pi));
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_ChangeAccount", "Task_HandleChangeSlaBreach");
        BpmnAwareTests.assertThat(task("Task_HandleChangeSlaBreach", pi)).hasCandidateGroup("it-head");
        assertThat(sla(pi).get("state").asText()).isEqualTo("BREACHED");
        assertThat(notices(account)).anyMatch(e -> e.getActor().equals("ian") && e.getDetail().contains("overdue"));
        assertThat(MailToLocalSmtp.recipientsOf(smtp, "Change due soon")).contains("ivan@commgov.example", "iris@commgov.example");
        assertThat(MailToLocalSmtp.recipientsOf(smtp, "Change overdue")).containsExactly("ian@commgov.example");
        assertThat(MailToLocalSmtp.recipientsOf(smtp, "Task assigned: " + task("Task_HandleChangeSlaBreach", pi).getName()))
                .as("the breach task is offered to the IT head").containsExactly("ian@commgov.example");

        support.run("ian", () -> taskService.complete(task("Task_HandleChangeSlaBreach", pi).getId(),
                Map.of("escalationNote", "已督促 IT 今日完成")));
        support.approve("ivan", pi.getId(), "Task_ChangeAccount");
        BpmnAwareTests.assertThat(pi).isEnded().hasPassed("EndEvent_SlaBreachHandled", "EndEvent_ChangeCompleted");
        assertThat(accounts.activeAccountOf(account.getEmployeeId()).orElseThrow().getDepartment()).isEqualTo("FIN");
    }

    @Test
    void anItOperatorCannotCarryOutAChangeToTheirOwnAccount() {
        // iris is employee E30002 (demo mapping); her own account's role change must be done by someone else
        Account requested = accounts.request("E30002", "Iris", "IT", AccountType.EMPLOYEE, null, List.of(), "head-it", null);
        Account account = accounts.activeAccountOf("E30002").orElseGet(() -> accounts.activate(requested.getId(), false, "ReviewByIt:ivan", "ivan", null));
        ProcessInstance pi = requestChange("head-it", change(account, "ROLE_CHANGE").putValue("newRole", "安全工程师"));
        execute(job("Timer_EffectiveDate", pi));

        assertThatThrownBy(() -> support.approve("iris", pi.getId(), "Task_ChangeAccount"))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("own-account");
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_ChangeAccount");
        support.approve("ivan", pi.getId(), "Task_ChangeAccount");
        BpmnAwareTests.assertThat(pi).isEnded().hasPassed("Task_ChangeRole");
    }

    @Test
    void theRequesterCannotCarryOutTheirOwnChangeEvenInTheItGroup() {
        ensureUser("head-it-operator", "it", "dept-head", "dept-IT", "employee");
        Account account = activeAccount("IT", AccountType.EMPLOYEE, List.of());
        ProcessInstance pi = requestChange("head-it-operator", change(account, "ROLE_CHANGE").putValue("newRole", "架构师"));
        execute(job("Timer_EffectiveDate", pi));

        assertThatThrownBy(() -> support.approve("head-it-operator", pi.getId(), "Task_ChangeAccount"))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("four-eyes");
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_ChangeAccount");
        support.approve("ivan", pi.getId(), "Task_ChangeAccount");
        BpmnAwareTests.assertThat(pi).isEnded();
    }

    Account activeAccount(String department, AccountType type, List<String> extras) {
        String employeeId = AccountTestSupport.newEmployeeId();
        Account requested = accounts.request(employeeId, "王五", department, type, null, extras, "head-" + department.toLowerCase(), null);
        return accounts.activate(requested.getId(), true, "ReviewByIt:iris", "iris", null);
    }

    private ProcessInstance requestChange(String user, VariableMap variables) {
        return support.as(user, () -> runtimeService.startProcessInstanceByKey(KEY, variables));
    }

    static VariableMap change(Account account, String changeType) {
        return Variables.createVariables().putValue("employeeId", account.getEmployeeId()).putValue("changeType", changeType)
                .putValue("effectiveDate", FRIDAY_1700.toLocalDate().toString());
    }

    private JsonNode sla(ProcessInstance pi) throws Exception {
        List<JsonNode> records = slaRecords(pi);
        assertThat(records).hasSize(1);
        return records.get(0);
    }

    private List<JsonNode> slaRecords(ProcessInstance pi) {
        try {
            var response = new Api(rest).get("ivan", "/api/sla?processInstanceId=" + pi.getId());
            assertThat(response.getStatusCode().is2xxSuccessful()).as(response.getBody()).isTrue();
            var list = new java.util.ArrayList<JsonNode>();
            json.readTree(response.getBody()).forEach(list::add);
            return list;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<AccountEvent> notices(Account account) {
        return accounts.historyOf(account.getId()).stream().filter(e -> e.getAction().equals(Notices.ACTION)).toList();
    }

    private void ensureUser(String id, String... groups) {
        if (identityService.createUserQuery().userId(id).count() == 0) {
            var user = identityService.newUser(id);
            user.setPassword("demo");
            identityService.saveUser(user);
            for (String group : groups) {
                identityService.createMembership(id, group);
            }
        }
    }

    private static Instant instant(JsonNode node, String field) {
        return OffsetDateTime.parse(node.get(field).asText()).toInstant();
    }

    private static Date at(String dateTime) {
        return Date.from(OffsetDateTime.parse(dateTime).toInstant());
    }
}
