package io.commgov.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.commgov.audit.AuditSearch;
import io.commgov.audit.Outcome;
import io.commgov.identity.Employees;
import io.commgov.notify.NotifyProperties;
import io.commgov.support.Api;
import io.commgov.support.MailToLocalSmtp;
import io.commgov.support.CommGovIntegrationTest;
import jakarta.mail.internet.MimeMessage;
import io.commgov.validation.ContractViolationException;
import io.commgov.validation.Violation;
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
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;

/** {@code account-opening}: every path of Template 2 (R-ACC-1..4), driven through the engine as the demo users. */
@CommGovIntegrationTest
class AccountOpeningProcessTest {

    // Monday 1 June 2026, 10:00 in Beijing
    static final Instant NOW = OffsetDateTime.parse("2026-06-01T10:00:00+08:00").toInstant();
    static final String KEY = "account-opening";

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    @Autowired ProcessEngine processEngine;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired IdentityService identityService;
    @Autowired Accounts accounts;
    @Autowired AccountRepository accountRepository;
    @Autowired NotifyProperties notifyProperties;
    @Autowired Employees employees;
    @Autowired AuditSearch auditSearch;
    @Autowired TestRestTemplate rest;
    AccountTestSupport support;

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(processEngine);
        ClockUtil.setCurrentTime(Date.from(NOW));
        support = new AccountTestSupport(identityService, taskService);
    }

    @AfterEach
    void tearDown() {
        ClockUtil.reset();
        identityService.clearAuthentication();
    }

    @Test
    void employeeAccountAppliedByTheHeadIsCreatedByItWithTheEmployeeTemplate() {
        String employeeId = AccountTestSupport.newEmployeeId();
        ProcessInstance pi = request("head-mkt", employee(employeeId, "MKT"));

        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_ReviewByIt");
        BpmnAwareTests.assertThat(task(pi)).hasCandidateGroup("it");
        assertThat(accounts.activeAccountOf(employeeId)).isEmpty();
        assertThat(accountOf(pi).getState()).isEqualTo(AccountState.REQUESTED);

        support.approve("ivan", pi.getId(), "Task_ReviewByIt");

        BpmnAwareTests.assertThat(pi).isEnded().hasPassed("Task_CreateAccount").hasNotPassed("Task_ReviewByDeptHead",
                "Task_ApproveExtraPermissions").hasPassed("EndEvent_AccountOpened");
        Account account = accounts.activeAccountOf(employeeId).orElseThrow();
        assertThat(account.getPermissions()).containsExactly("chat:groups", "files:read", "files:write", "meeting:create", "group:dept-MKT");
        assertThat(account.getType()).isEqualTo(AccountType.EMPLOYEE);
        assertThat(account.getValidUntil()).isNull();
        assertThat(account.getRequestedBy()).isEqualTo("head-mkt");
        assertThat(account.getApprovedBy()).isEqualTo("ReviewByIt:ivan");
        assertThat(notices(account)).anyMatch(e -> e.getActor().equals("head-mkt") && e.getDetail().contains("Account opened"));
    }

    @Test
    void internAccountIsReviewedByTheDepartmentHeadThenConfiguredByIt() {
        String employeeId = AccountTestSupport.newEmployeeId();
        ProcessInstance pi = request("mia", temporary(employeeId, "INTERN", "RND", "2026-06-30"));

        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_ReviewByDeptHead");
        BpmnAwareTests.assertThat(task(pi)).hasCandidateUser("head-rnd");
        assertThat(taskService.createTaskQuery().taskCandidateUser("head-mkt").processInstanceId(pi.getId()).count()).isZero();
        support.approve("head-rnd", pi.getId(), "Task_ReviewByDeptHead");
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_ReviewByIt");
        support.approve("iris", pi.getId(), "Task_ReviewByIt");

        BpmnAwareTests.assertThat(pi).isWaitingAt("Timer_ExpiryReminder");
        Account account = accounts.activeAccountOf(employeeId).orElseThrow();
        assertThat(account.getPermissions()).containsExactly("chat:own-department", "files:view", "group:dept-RND")
                .doesNotContain("files:write", "chat:groups");
        assertThat(account.getValidUntil()).isEqualTo(LocalDate.of(2026, 6, 30));
        assertThat(account.getApprovedBy()).isEqualTo("ReviewByDeptHead:head-rnd,ReviewByIt:iris");
    }

    @Test
    void contractorAccountIsReviewedByTheDepartmentHeadThenConfiguredByIt() {
        String employeeId = AccountTestSupport.newEmployeeId();
        ProcessInstance pi = request("mia", temporary(employeeId, "CONTRACTOR", "PRD", "2026-12-31"));

        BpmnAwareTests.assertThat(task(pi)).hasCandidateUser("head-prd");
        support.approve("head-prd", pi.getId(), "Task_ReviewByDeptHead");
        support.approve("ivan", pi.getId(), "Task_ReviewByIt");

        Account account = accounts.activeAccountOf(employeeId).orElseThrow();
        assertThat(account.getType()).isEqualTo(AccountType.CONTRACTOR);
        assertThat(account.getPermissions()).containsExactly("chat:own-department", "files:view", "group:dept-PRD");
        BpmnAwareTests.assertThat(pi).isWaitingAt("Timer_ExpiryReminder");
    }

    @Test
    void rejectionByTheDepartmentHeadEndsTheRequestAndTellsTheApplicantWhy() {
        String employeeId = AccountTestSupport.newEmployeeId();
        ProcessInstance pi = request("mia", temporary(employeeId, "INTERN", "RND", "2026-06-30"));

        support.decide("head-rnd", pi.getId(), "Task_ReviewByDeptHead", false, "实习协议尚未签署");

        BpmnAwareTests.assertThat(pi).isEnded().hasPassed("EndEvent_Rejected").hasNotPassed("Task_ReviewByIt", "Task_CreateAccount");
        Account account = accountOf(pi);
        assertThat(account.getState()).isEqualTo(AccountState.DISABLED);
        assertThat(account.getStateReason()).isEqualTo("REJECTED");
        assertThat(notices(account)).anyMatch(e -> e.getActor().equals("mia") && e.getDetail().contains("实习协议尚未签署"));
    }

    @Test
    void theApplicantReceivesTheRejectionAndItsReasonByEmail() throws Exception {
        var mail = notifyProperties.getMail();
        boolean enabled = mail.isEnabled();
        String host = mail.getHost();
        int port = mail.getPort();
        mail.setEnabled(true);
        mail.setHost("127.0.0.1");
        mail.setPort(smtp.getSmtp().getPort());
        try {
            ProcessInstance pi = request("mia", temporary(AccountTestSupport.newEmployeeId(), "CONTRACTOR", "RND", "2026-09-30"));
            support.decide("head-rnd", pi.getId(), "Task_ReviewByDeptHead", false, "合同尚未生效");

            assertThat(smtp.waitForIncomingEmail(5000, 2)).isTrue();
            MimeMessage message = java.util.Arrays.stream(smtp.getReceivedMessages())
                    .filter(m -> subjectOf(m).contains("Account request rejected")).findFirst().orElseThrow();
            assertThat(message.getAllRecipients()[0].toString()).isEqualTo("mia@commgov.example");
            assertThat(GreenMailUtil.getBody(message)).isNotBlank();
        } finally {
            mail.setEnabled(enabled);
            mail.setHost(host);
            mail.setPort(port);
        }
    }

    @Test
    void rejectionByItEndsTheRequestAndTellsTheApplicantWhy() {
        String employeeId = AccountTestSupport.newEmployeeId();
        ProcessInstance pi = request("head-mkt", employee(employeeId, "MKT"));

        support.decide("ivan", pi.getId(), "Task_ReviewByIt", false, "工号在人事系统中不存在");

        BpmnAwareTests.assertThat(pi).isEnded().hasPassed("EndEvent_Rejected").hasNotPassed("Task_CreateAccount");
        assertThat(accounts.activeAccountOf(employeeId)).isEmpty();
        assertThat(notices(accountOf(pi))).anyMatch(e -> e.getActor().equals("head-mkt") && e.getDetail().contains("工号在人事系统中不存在"));
    }

    @Test
    void extraPermissionsApprovedByTheItHeadAreGranted() {
        String employeeId = AccountTestSupport.newEmployeeId();
        ProcessInstance pi = request("mia", temporary(employeeId, "INTERN", "RND", "2026-06-30")
                .putValueTyped("extraPermissions", SpinValues.jsonValue("[\"files:write\",\"files:view\"]").create()));
        support.approve("head-rnd", pi.getId(), "Task_ReviewByDeptHead");

        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_ApproveExtraPermissions");
        BpmnAwareTests.assertThat(task(pi)).hasCandidateGroup("it-head");
        assertThat(runtimeService.getVariable(pi.getId(), "permissionsBeyondTemplate")).isEqualTo("files:write");
        support.approve("ian", pi.getId(), "Task_ApproveExtraPermissions");
        support.approve("ivan", pi.getId(), "Task_ReviewByIt");

        Account account = accounts.activeAccountOf(employeeId).orElseThrow();
        assertThat(account.getPermissions()).containsExactly("chat:own-department", "files:view", "group:dept-RND", "files:write");
        assertThat(accountEvents(account)).anyMatch(e -> e.getAction().equals(Accounts.EXTRAS_APPROVED) && e.getDetail().equals("files:write"));
        // the quarterly audit's "permissions beyond template" check allows what the IT head approved
        assertThat(accounts.allowedPermissions(account)).containsExactlyInAnyOrderElementsOf(account.getPermissions());
    }

    @Test
    void extraPermissionsRefusedByTheItHeadAreNeverGranted() {
        String employeeId = AccountTestSupport.newEmployeeId();
        ProcessInstance pi = request("head-mkt", employee(employeeId, "MKT")
                .putValueTyped("extraPermissions", SpinValues.jsonValue("[\"files:core\"]").create()));

        support.decide("ian", pi.getId(), "Task_ApproveExtraPermissions", false, "核心文件群组不对市场部开放");
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_ReviewByIt");
        support.approve("ivan", pi.getId(), "Task_ReviewByIt");

        Account account = accounts.activeAccountOf(employeeId).orElseThrow();
        assertThat(account.getPermissions()).doesNotContain("files:core")
                .containsExactly("chat:groups", "files:read", "files:write", "meeting:create", "group:dept-MKT");
        assertThat(accountEvents(account)).anyMatch(e -> e.getAction().equals("ACTIVATED") && e.getDetail().contains("not granted: [files:core]"));
    }

    @Test
    void extrasWithinTheTemplateNeedNoExtraApproval() {
        ProcessInstance pi = request("head-mkt", employee(AccountTestSupport.newEmployeeId(), "MKT")
                .putValueTyped("extraPermissions", SpinValues.jsonValue("[\"files:write\"]").create()));
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_ReviewByIt").hasNotPassed("Task_ApproveExtraPermissions");
    }

    @Test
    void aSecondActiveAccountForTheSameEmployeeIdIsRefusedAtStart() {
        String employeeId = AccountTestSupport.newEmployeeId();
        ProcessInstance first = request("head-mkt", employee(employeeId, "MKT"));
        support.approve("ivan", first.getId(), "Task_ReviewByIt");
        long before = runtimeService.createProcessInstanceQuery().processDefinitionKey(KEY).count();

        assertThatThrownBy(() -> request("head-prd", employee(employeeId, "PRD")))
                .isInstanceOf(ContractViolationException.class)
                .satisfies(e -> assertThat(((ContractViolationException) e).violations())
                        .extracting(Violation::field, Violation::rule).contains(org.assertj.core.groups.Tuple.tuple("employeeId", "unique-active-account")));
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(KEY).count()).isEqualTo(before);
    }

    @Test
    void aSecondActiveAccountIsRefusedWhenItCreatesIt() {
        String employeeId = AccountTestSupport.newEmployeeId();
        ProcessInstance first = request("head-mkt", employee(employeeId, "MKT"));
        ProcessInstance racing = request("head-mkt", employee(employeeId, "MKT"));
        support.approve("ivan", first.getId(), "Task_ReviewByIt");

        assertThatThrownBy(() -> support.approve("iris", racing.getId(), "Task_ReviewByIt"))
                .isInstanceOf(ContractViolationException.class)
                .hasMessageContaining("employeeId").hasMessageContaining("unique-active-account");
        BpmnAwareTests.assertThat(racing).isWaitingAt("Task_ReviewByIt");
        assertThat(accountRepository.findByEmployeeIdOrderByCreatedAtDesc(employeeId))
                .filteredOn(a -> a.getState() == AccountState.ACTIVE).hasSize(1);

        support.decide("iris", racing.getId(), "Task_ReviewByIt", false, "该工号已有有效账号");
        BpmnAwareTests.assertThat(racing).isEnded().hasPassed("EndEvent_Rejected");
    }

    @Test
    void theDatabaseItselfRefusesTwoActiveAccountsForOneEmployeeId() {
        String employeeId = AccountTestSupport.newEmployeeId();
        Instant now = Instant.now();
        for (int i = 0; i < 2; i++) {
            Account account = Account.requested(employeeId, "并发", "MKT", AccountType.EMPLOYEE, null, List.of("chat:groups"),
                    "head-mkt", null, now);
            account.activate(List.of("chat:groups"), "ivan", now);
            if (i == 0) {
                accountRepository.saveAndFlush(account);
            } else {
                assertThatThrownBy(() -> accountRepository.saveAndFlush(account)).isInstanceOf(DataIntegrityViolationException.class);
            }
        }
    }

    @Test
    void timeLimitedAccountIsRemindedThreeWorkingDaysBeforeAndDisabledAtItsEndDate() throws Exception {
        var mail = new MailToLocalSmtp(notifyProperties, smtp);
        try {
            remindedAndDisabled();
        } finally {
            mail.restore();
        }
    }

    private void remindedAndDisabled() throws Exception {
        String employeeId = AccountTestSupport.newEmployeeId();
        // end date Tuesday 30 June: three working days before is Thursday 25 June
        ProcessInstance pi = request("mia", temporary(employeeId, "INTERN", "RND", "2026-06-30"));
        support.approve("head-rnd", pi.getId(), "Task_ReviewByDeptHead");
        support.approve("ivan", pi.getId(), "Task_ReviewByIt");

        BpmnAwareTests.assertThat(pi).isWaitingAt("Timer_ExpiryReminder");
        assertThat(job("Timer_ExpiryReminder", pi).getDuedate()).isEqualTo(at("2026-06-25T09:00:00+08:00"));
        ClockUtil.setCurrentTime(at("2026-06-25T09:00:00+08:00"));
        execute(job("Timer_ExpiryReminder", pi));

        Account account = accounts.activeAccountOf(employeeId).orElseThrow();
        assertThat(notices(account)).anyMatch(e -> e.getActor().equals("mia") && e.getDetail().contains("expires soon"));
        assertThat(smtp.waitForIncomingEmail(5000, 1)).isTrue();
        assertThat(MailToLocalSmtp.recipientsOf(smtp, "Account expires soon")).containsExactly("mia@commgov.example");
        assertThat(MailToLocalSmtp.textsOf(smtp, "Account expires soon")).singleElement().asString().contains(employeeId);
        BpmnAwareTests.assertThat(pi).isWaitingAt("Timer_AccountExpiry");
        assertThat(job("Timer_AccountExpiry", pi).getDuedate()).isEqualTo(at("2026-07-01T00:00:00+08:00"));

        ClockUtil.setCurrentTime(at("2026-07-01T00:00:00+08:00"));
        execute(job("Timer_AccountExpiry", pi));

        BpmnAwareTests.assertThat(pi).isEnded().hasPassed("EndEvent_AccountExpired");
        assertThat(accounts.activeAccountOf(employeeId)).isEmpty();
        Account disabled = accountOf(pi);
        assertThat(disabled.getState()).isEqualTo(AccountState.DISABLED);
        assertThat(disabled.getStateReason()).isEqualTo("EXPIRED");
    }

    @Test
    void theApplicantCanNeitherApproveNorClaimTheirOwnRequestEvenAsAnApprover() {
        ensureUser("mentor-head-rnd", "mentor", "dept-head", "dept-RND", "employee");
        ProcessInstance pi = request("mentor-head-rnd", temporary(AccountTestSupport.newEmployeeId(), "INTERN", "RND", "2026-06-30"));
        BpmnAwareTests.assertThat(task(pi)).hasCandidateUser("mentor-head-rnd").hasCandidateUser("head-rnd");

        assertThatThrownBy(() -> support.approve("mentor-head-rnd", pi.getId(), "Task_ReviewByDeptHead"))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("four-eyes");
        String taskId = task(pi).getId();
        assertThatThrownBy(() -> support.run("mentor-head-rnd", () -> taskService.claim(taskId, "mentor-head-rnd")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("four-eyes");
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_ReviewByDeptHead");

        support.approve("head-rnd", pi.getId(), "Task_ReviewByDeptHead");
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_ReviewByIt");
    }

    @Test
    void aTaskIsMailedToTheMembersOfTheGroupItIsOfferedToAndLaterToWhoeverItIsAssignedTo() throws Exception {
        var mail = new MailToLocalSmtp(notifyProperties, smtp);
        try {
            ProcessInstance pi = request("head-mkt", employee(AccountTestSupport.newEmployeeId(), "MKT"));
            BpmnAwareTests.assertThat(pi).isWaitingAt("Task_ReviewByIt");
            assertThat(smtp.waitForIncomingEmail(5000, 2)).isTrue();
            assertThat(MailToLocalSmtp.recipientsOf(smtp, "Task assigned")).contains("ivan@commgov.example", "iris@commgov.example")
                    .doesNotContain("head-mkt@commgov.example", "ian@commgov.example");
            assertThat(MailToLocalSmtp.textsOf(smtp, "Task assigned")).allSatisfy(body -> assertThat(body).contains(pi.getId()));
            smtp.purgeEmailFromAllMailboxes();

            String taskId = task(pi).getId();
            support.run("ivan", () -> taskService.claim(taskId, "ivan"));
            support.run("ivan", () -> taskService.setAssignee(taskId, "iris"));
            assertThat(smtp.waitForIncomingEmail(5000, 1)).isTrue();
            assertThat(MailToLocalSmtp.recipientsOf(smtp, "Task assigned")).as("claiming tells nobody; handing on tells the new assignee")
                    .containsExactly("iris@commgov.example");
        } finally {
            mail.restore();
        }
    }

    @Test
    void aDepartmentHeadsReviewIsMailedToTheHeadsAndTheRejectionToTheApplicant() throws Exception {
        var mail = new MailToLocalSmtp(notifyProperties, smtp);
        try {
            ProcessInstance pi = request("mia", temporary(AccountTestSupport.newEmployeeId(), "INTERN", "RND", "2026-09-30"));
            assertThat(smtp.waitForIncomingEmail(5000, 1)).isTrue();
            assertThat(MailToLocalSmtp.recipientsOf(smtp, "Task assigned")).containsExactly("head-rnd@commgov.example");
            support.decide("head-rnd", pi.getId(), "Task_ReviewByDeptHead", false, "名额已满");
            assertThat(smtp.waitForIncomingEmail(5000, 2)).isTrue();
            assertThat(MailToLocalSmtp.recipientsOf(smtp, "Account request rejected")).containsExactly("mia@commgov.example");
            assertThat(MailToLocalSmtp.textsOf(smtp, "Account request rejected")).singleElement().asString().contains("名额已满");
        } finally {
            mail.restore();
        }
    }

    @Test
    void nobodyApprovesTheirOwnAccountEvenHoldingTheApprovingGroup() throws Exception {
        // ivan is employee E30001 (demo mapping in cg_employee_user)
        assertThat(employees.employeeIdOf("ivan")).contains("E30001");
        ProcessInstance pi = request("head-it", employee("E30001", "IT"));
        String taskId = task(pi).getId();

        var refused = new Api(rest).post("ivan", "/engine-rest/task/" + taskId + "/complete",
                Map.of("variables", Map.of("approved", Api.var(true, "Boolean"))));
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody()).contains("\"field\":\"approved\"").contains("\"rule\":\"own-account\"");
        assertThatThrownBy(() -> support.approve("ivan", pi.getId(), "Task_ReviewByIt"))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("own-account");
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_ReviewByIt");
        assertThat(accounts.activeAccountOf("E30001")).isEmpty();
        assertThat(auditSearch.find(new AuditSearch.Query("ivan", "task", taskId, "account.four-eyes.refused", null, null), 0, 10).entries())
                .hasSize(2).allSatisfy(e -> {
                    assertThat(e.outcome()).isEqualTo(Outcome.DENIED);
                    assertThat(e.details()).contains("own-account").contains("E30001");
                });

        // an employee id without a mapping that is the user's own id is theirs as well
        String self = "it-self-" + Math.abs(pi.getId().hashCode());
        ensureUser(self, "it", "employee", "dept-IT");
        ProcessInstance own = request("head-it", employee(self, "IT"));
        assertThatThrownBy(() -> support.approve(self, own.getId(), "Task_ReviewByIt")).hasMessageContaining("own-account");

        support.approve("iris", pi.getId(), "Task_ReviewByIt");
        BpmnAwareTests.assertThat(pi).isEnded();
        assertThat(accounts.activeAccountOf("E30001")).isPresent();
    }

    private ProcessInstance request(String applicant, VariableMap variables) {
        return support.as(applicant, () -> runtimeService.startProcessInstanceByKey(KEY, variables));
    }

    static VariableMap employee(String employeeId, String department) {
        return Variables.createVariables().putValue("employeeId", employeeId).putValue("fullName", "张三")
                .putValue("department", department).putValue("accountType", "EMPLOYEE");
    }

    static VariableMap temporary(String employeeId, String type, String department, String endDate) {
        return Variables.createVariables().putValue("employeeId", employeeId).putValue("fullName", "李四")
                .putValue("department", department).putValue("accountType", type).putValue("endDate", endDate);
    }

    private Account accountOf(ProcessInstance pi) {
        return accountRepository.findAll().stream().filter(a -> pi.getId().equals(a.getProcessInstanceId())).findFirst().orElseThrow();
    }

    private List<AccountEvent> accountEvents(Account account) {
        return accounts.historyOf(account.getId());
    }

    private List<AccountEvent> notices(Account account) {
        return accountEvents(account).stream().filter(e -> e.getAction().equals(Notices.ACTION)).toList();
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

    private static String subjectOf(MimeMessage message) {
        try {
            return String.valueOf(message.getSubject());
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Date at(String dateTime) {
        return Date.from(OffsetDateTime.parse(dateTime).toInstant());
    }
}
