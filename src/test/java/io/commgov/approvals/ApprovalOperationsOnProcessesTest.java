package io.commgov.approvals;

import static io.commgov.support.EmployeeIds.newEmployeeId;

import static io.commgov.support.Api.var;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.commgov.notify.NotifyProperties;
import io.commgov.support.Acting;
import io.commgov.support.Api;
import io.commgov.support.CommGovIntegrationTest;
import io.commgov.support.MailToLocalSmtp;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every approval operation on the real models account-opening and announcement-review (and client-onboarding for
 * the withdrawal of personal data): allowed and refused, the audit entries they leave, and two people at once.
 */
@CommGovIntegrationTest
class ApprovalOperationsOnProcessesTest {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    @Autowired TestRestTemplate rest;
    @Autowired ObjectMapper json;
    @Autowired RuntimeService runtimeService;
    @Autowired ApprovalOperations operations;
    @Autowired TaskService taskService;
    @Autowired HistoryService historyService;
    @Autowired IdentityService identityService;
    @Autowired NotifyProperties notifyProperties;
    @Autowired JdbcTemplate jdbc;
    Api api;
    MailToLocalSmtp mail;

    @BeforeEach
    void setUp() {
        api = new Api(rest);
        mail = new MailToLocalSmtp(notifyProperties, smtp);
    }

    @AfterEach
    void tearDown() {
        mail.restore();
        jdbc.update("delete from cg_substitute where user_id in ('head-rnd', 'ivan')");
    }

    // ---------------------------------------------------------------- withdraw (撤回)

    @Test
    void aWithdrawnAccountRequestLeavesNoRequestedAccountAndTellsTheApprovers() throws Exception {
        var pi = employeeAccount("head-mkt", "MKT");
        assertThat(api.post("ivan", "/api/requests/" + pi.getId() + "/withdraw", Map.of()).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(api.post("head-mkt", "/api/requests/" + pi.getId() + "/withdraw", Map.of("reason", "员工未入职")).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);

        assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(pi.getId()).singleResult().getDeleteReason())
                .contains("withdrawn by head-mkt");
        var account = jdbc.queryForMap("select id, state, state_reason from cg_account where process_instance_id = ?", pi.getId());
        assertThat(account).containsEntry("STATE", "DISABLED").containsEntry("STATE_REASON", "WITHDRAWN");
        assertThat(MailToLocalSmtp.recipientsOf(smtp, "[撤回]")).contains(email("ivan"), email("iris")).doesNotContain(email("head-mkt"));
        assertThat(trail(pi.getId())).contains("request.withdrawn").contains("operation.withdraw").contains("DENIED");
        assertThat(trail((String) account.get("ID"))).contains("account.withdrawn");
    }

    @Test
    void aWithdrawnClientRequestKeepsNoneOfTheClientsPersonalData() throws Exception {
        String tag = Integer.toString(ThreadLocalRandom.current().nextInt(100_000, 999_999));
        VariableMap variables = Variables.createVariables().putValue("clientName", "撤回-" + tag).putValue("company", "示例科技")
                .putValue("phone", "139" + tag + "00").putValue("email", "w" + tag + "@client.example")
                .putValueTyped("projectGroups", SpinValues.jsonValue("[\"proj-alpha\"]").create())
                .putValue("projectEndDate", LocalDate.now().plusMonths(6).toString()).putValue("processingPurpose", "项目沟通")
                .putValue("consent", true);
        var pi = as("sam", () -> runtimeService.startProcessInstanceByKey("client-onboarding", variables));
        var records = jdbc.queryForMap("select phone_record, email_record from cg_client where process_instance_id = ?", pi.getId());
        assertThat(api.post("sam", "/api/requests/" + pi.getId() + "/withdraw", Map.of()).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        var client = jdbc.queryForMap("select id, state, phone_record, email_record, id_number_record from cg_client"
                + " where process_instance_id = ?", pi.getId());
        assertThat(client).containsEntry("STATE", "WITHDRAWN").containsEntry("PHONE_RECORD", null)
                .containsEntry("EMAIL_RECORD", null).containsEntry("ID_NUMBER_RECORD", null);
        assertThat(records.values()).as("the encrypted store keeps none of the withdrawn client's records").allSatisfy(id ->
                assertThat(jdbc.queryForObject("select count(*) from cg_vault_record where id = ?", Long.class, id)).isZero());
        var opened = api.get("sam", "/api/clients/" + client.get("ID") + "/personal-data?reason=check");
        assertThat(opened.getBody()).doesNotContain("139" + tag + "00").doesNotContain("w" + tag + "@client.example");
    }

    @Test
    void anAnnouncementIsWithdrawnOnlyBeforeItsReviewerDecided() throws Exception {
        var undecided = announcement("emma");
        assertThat(api.post("alice", "/api/requests/" + undecided.getId() + "/withdraw", Map.of()).getStatusCode())
                .as("the reviewer is not the author").isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(api.post("emma", "/api/requests/" + undecided.getId() + "/withdraw", Map.of()).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(MailToLocalSmtp.recipientsOf(smtp, "[撤回]")).contains(email("alice"), email("adam"));

        var decided = announcement("emma");
        decide("alice", task(decided).getId(), true, null);
        var refused = api.post("emma", "/api/requests/" + decided.getId() + "/withdraw", Map.of());
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refused.getBody()).contains("already decided");
        assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(decided.getId()).singleResult().getEndTime()).isNull();
        assertThat(trail(decided.getId())).contains("operation.withdraw").contains("FAILURE").doesNotContain("request.withdrawn");
    }

    @Test
    void withdrawAndApproveAtOnceLeaveOneWinnerAndNothingHalfDone() throws Exception {
        var pi = employeeAccount("head-mkt", "MKT");
        String taskId = task(pi).getId();
        var results = race(() -> api.post("head-mkt", "/api/requests/" + pi.getId() + "/withdraw", Map.of()),
                () -> api.post("ivan", "/engine-rest/task/" + taskId + "/complete", Map.of("variables", Map.of("approved", var(true, "Boolean")))));
        var account = jdbc.queryForMap("select state, state_reason from cg_account where process_instance_id = ?", pi.getId());
        var history = historyService.createHistoricProcessInstanceQuery().processInstanceId(pi.getId()).singleResult();
        if (results.get(0).getStatusCode().is2xxSuccessful()) {
            assertThat(results.get(1).getStatusCode()).as(results.get(1).getBody()).isEqualTo(HttpStatus.CONFLICT);
            assertThat(history.getDeleteReason()).contains("withdrawn");
            assertThat(account).containsEntry("STATE_REASON", "WITHDRAWN");
        } else {
            assertThat(results.get(0).getStatusCode()).as(results.get(0).getBody()).isEqualTo(HttpStatus.CONFLICT);
            assertThat(results.get(1).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
            assertThat(history.getDeleteReason()).isNull();
            assertThat(account).containsEntry("STATE", "ACTIVE");
            assertThat(trail(pi.getId())).contains("operation.withdraw").doesNotContain("request.withdrawn");
        }
    }

    @Test
    void anApproverActingOnAWithdrawnRequestIsToldItWasWithdrawnAndOthersLearnNothing() {
        var pi = employeeAccount("head-mkt", "MKT");
        String taskId = task(pi).getId();
        assertThat(api.post("head-mkt", "/api/requests/" + pi.getId() + "/withdraw", Map.of("reason", "员工未入职")).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);

        var late = api.post("ivan", "/engine-rest/task/" + taskId + "/complete", Map.of("variables", Map.of("approved", var(true, "Boolean"))));
        assertThat(late.getStatusCode()).as(late.getBody()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(late.getBody()).contains("its request was withdrawn").doesNotContain("员工未入职").doesNotContain("Exception");
        assertThat(api.post("ivan", "/engine-rest/task/" + taskId + "/claim", Map.of("userId", "ivan")).getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
        // the task was never offered to alice: to her it does not exist
        assertThat(api.post("alice", "/engine-rest/task/" + taskId + "/complete", Map.of()).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(api.post("ivan", "/engine-rest/task/no-such-task/complete", Map.of()).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void completingATaskSomeoneElseHasCompletedAnswersConflict() {
        var pi = employeeAccount("head-mkt", "MKT");
        String taskId = task(pi).getId();
        assertThat(api.post("iris", "/engine-rest/task/" + taskId + "/complete", Map.of("variables", Map.of("approved", var(true, "Boolean"))))
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        var late = api.post("ivan", "/engine-rest/task/" + taskId + "/complete", Map.of("variables", Map.of("approved", var(false, "Boolean"))));
        assertThat(late.getStatusCode()).as(late.getBody()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(late.getBody()).contains("has already been completed");
    }

    // ---------------------------------------------------------------- take back (拿回)

    @Test
    void theApproversDecisionIsListedUntilTakenBack() throws Exception {
        OpenDecisions.endAllDecidedBy("head-rnd", operations, runtimeService);
        var pi = internAccount();
        String decided = task(pi).getId();
        decide("head-rnd", decided, true, null);
        assertThat(api.get("head-rnd", "/api/me/decisions").getBody()).as("listed for Tasklist's 我已审批").contains(decided);
        assertThat(api.get("ivan", "/api/me/decisions").getBody()).doesNotContain(decided);
        assertThat(api.post("head-rnd", "/api/tasks/" + decided + "/take-back", Map.of()).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(api.get("head-rnd", "/api/me/decisions").getBody()).as("a decision taken back is history").doesNotContain(decided);
        // decided again, often within the same second on MariaDB (history times to the second): the new decision is listed
        String again = task(pi).getId();
        decide("head-rnd", again, true, null);
        assertThat(api.get("head-rnd", "/api/me/decisions").getBody()).contains(again).doesNotContain(decided);
    }

    @Test
    void anApproverTakesBackTheirDecisionUntilTheNextStepIsTaken() throws Exception {
        var pi = internAccount();
        String decided = task(pi).getId();
        decide("head-rnd", decided, true, null);
        assertThat(pi).isWaitingAt("Task_ReviewByIt");

        assertThat(api.post("ivan", "/api/tasks/" + decided + "/take-back", Map.of()).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(api.post("head-rnd", "/api/tasks/" + decided + "/take-back", Map.of()).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(pi).isWaitingAt("Task_ReviewByDeptHead").isNotWaitingAt("Task_ReviewByIt");
        Task again = task(pi);
        assertThat(again.getAssignee()).isEqualTo("head-rnd");
        assertThat(trail(decided)).contains("task.taken-back").contains("operation.take-back").contains("DENIED");

        decide("head-rnd", again.getId(), true, null);
        String itTask = task(pi).getId();
        as("iris", () -> {
            taskService.claim(itTask, "iris");
            return null;
        });
        var refused = api.post("head-rnd", "/api/tasks/" + again.getId() + "/take-back", Map.of());
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refused.getBody()).contains("iris");
        assertThat(pi).isWaitingAt("Task_ReviewByIt");
        assertThat(task(pi).getAssignee()).isEqualTo("iris");
        assertThat(trail(again.getId())).contains("operation.take-back").contains("FAILURE");
    }

    @Test
    void aReviewerCannotTakeBackAnAnnouncementThatHasMovedOn() throws Exception {
        var pi = announcement("emma");
        String review = task(pi).getId();
        assertThat(api.post("alice", "/api/tasks/" + review + "/take-back", Map.of()).getStatusCode())
                .as("nothing decided yet").isEqualTo(HttpStatus.CONFLICT);
        decide("alice", review, true, null);
        // the publication is on record and its delivery waits: the decision stands
        var refused = api.post("alice", "/api/tasks/" + review + "/take-back", Map.of());
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refused.getBody()).contains("moved on");
        assertThat(pi).hasPassed("Task_RecordPublication");
        assertThat(trail(review)).contains("operation.take-back").doesNotContain("task.taken-back");
    }

    @Test
    void twoTakeBacksAtOnceLeaveOneWinner() throws Exception {
        var pi = internAccount();
        String decided = task(pi).getId();
        decide("head-rnd", decided, true, null);
        var results = race(() -> api.post("head-rnd", "/api/tasks/" + decided + "/take-back", Map.of()),
                () -> api.post("head-rnd", "/api/tasks/" + decided + "/take-back", Map.of()));
        assertThat(statuses(results)).containsExactlyInAnyOrder(HttpStatus.NO_CONTENT, HttpStatus.CONFLICT);
        assertThat(taskService.createTaskQuery().processInstanceId(pi.getId()).list()).singleElement()
                .satisfies(t -> assertThat(t.getTaskDefinitionKey()).isEqualTo("Task_ReviewByDeptHead"));
        assertThat(count(trail(decided), "\"task.taken-back\"")).isEqualTo(1);
        assertThat(count(trail(decided), "\"operation.take-back\"")).isEqualTo(1);
    }

    // ---------------------------------------------------------------- transfer (转办)

    @Test
    void twoItOperatorsTakingTheSameAccountReviewAtOnceLeaveOneWinner() throws Exception {
        var pi = employeeAccount("head-mkt", "MKT");
        String taskId = task(pi).getId();
        var results = race(() -> api.post("ivan", "/api/tasks/" + taskId + "/transfer", Map.of("userId", "ivan")),
                () -> api.post("iris", "/api/tasks/" + taskId + "/transfer", Map.of("userId", "iris")));
        assertThat(statuses(results)).containsExactlyInAnyOrder(HttpStatus.NO_CONTENT, HttpStatus.CONFLICT);
        String winner = results.get(0).getStatusCode().is2xxSuccessful() ? "ivan" : "iris";
        assertThat(task(pi).getAssignee()).isEqualTo(winner);
        assertThat(count(trail(taskId), "\"task.transferred\"")).isEqualTo(1);
        assertThat(count(trail(taskId), "\"operation.transfer\"")).isEqualTo(1);
    }

    @Test
    void theAccountsRequesterCanNeverBeHandedTheirOwnReview() throws Exception {
        var pi = employeeAccount("head-it", "IT");
        String taskId = task(pi).getId();
        assertThat(errors(api.post("iris", "/api/tasks/" + taskId + "/transfer", Map.of("userId", "head-it"))))
                .as("head-it is no IT operator").containsEntry("userId", "not-a-candidate");
        assertThat(api.post("iris", "/api/tasks/" + taskId + "/transfer", Map.of("userId", "ivan")).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(trail(taskId)).contains("task.transferred").contains("operation.transfer");
    }

    // ---------------------------------------------------------------- add and remove signers (加签 / 减签)

    @Test
    void signersBeforeTheItReviewMustAllSignBeforeItCanBeDecided() throws Exception {
        var pi = employeeAccount("head-mkt", "MKT");
        String review = task(pi).getId();
        var before = Map.of("userIds", List.of("sofia", "ian"), "position", "BEFORE", "mode", "SEQUENTIAL");
        assertThat(api.post("ivan", "/api/tasks/" + review + "/signers", before).getStatusCode())
                .as("offered, not claimed").isEqualTo(HttpStatus.CONFLICT);
        as("iris", () -> {
            taskService.claim(review, "iris");
            return null;
        });
        assertThat(api.post("emma", "/api/tasks/" + review + "/signers", before).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(errors(api.post("iris", "/api/tasks/" + review + "/signers", Map.of("userIds", List.of("head-mkt"), "position", "BEFORE",
                "mode", "PARALLEL")))).as("the requester").containsEntry("userIds", "four-eyes");
        assertThat(errors(api.post("iris", "/api/tasks/" + review + "/signers", Map.of("userIds", List.of("nobody"), "position", "BEFORE",
                "mode", "PARALLEL")))).containsEntry("userIds", "unknown-user");
        assertThat(errors(api.post("iris", "/api/tasks/" + review + "/signers", Map.of("userIds", List.of("sofia"), "mode", "PARALLEL"))))
                .containsEntry("position", "required");
        assertThat(api.post("iris", "/api/tasks/" + review + "/signers", before).getStatusCode()).isEqualTo(HttpStatus.OK);

        // one at a time: sofia first; iris cannot decide yet, however she tries
        List<Task> signing = taskService.getSubTasks(review);
        assertThat(signing).singleElement().satisfies(t -> assertThat(t.getAssignee()).isEqualTo("sofia"));
        assertThat(errors(api.post("iris", "/engine-rest/task/" + review + "/complete",
                Map.of("variables", Map.of("approved", var(true, "Boolean")))))).containsEntry("signers", "pending");
        assertThat(api.post("ian", "/api/tasks/" + signing.get(0).getId() + "/sign", Map.of("approved", true)).getStatusCode())
                .as("not ian's signature").isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(errors(api.post("sofia", "/api/tasks/" + signing.get(0).getId() + "/sign", Map.of("approved", false))))
                .containsEntry("comment", "required-when-rejected");
        assertThat(api.post("sofia", "/api/tasks/" + signing.get(0).getId() + "/sign", Map.of("approved", true, "comment", "同意")).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        // 减签: sofia has acted and stays; ian has not and can go
        assertThat(api.delete("iris", "/api/tasks/" + review + "/signers/sofia").getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(taskService.getSubTasks(review)).singleElement().satisfies(t -> assertThat(t.getAssignee()).isEqualTo("ian"));
        assertThat(api.delete("iris", "/api/tasks/" + review + "/signers/ian").getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(taskService.getSubTasks(review)).isEmpty();

        assertThat(api.post("iris", "/engine-rest/task/" + review + "/complete", Map.of("variables", Map.of("approved", var(true, "Boolean"))))
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(pi).hasPassed("Task_CreateAccount").isEnded();
        assertThat(trail(review)).contains("task.signers-added").contains("task.signer-removed").contains("operation.signers")
                .contains("operation.remove-signers");
        assertThat(trail(signing.get(0).getId())).contains("task.signed").contains("operation.sign");
    }

    @Test
    void aSignerAfterTheReviewerCanStillRejectTheAnnouncement() throws Exception {
        var pi = announcement("emma");
        String review = task(pi).getId();
        as("alice", () -> {
            taskService.claim(review, "alice");
            return null;
        });
        assertThat(api.post("alice", "/api/tasks/" + review + "/signers", Map.of("userIds", List.of("head-adm", "head-it"),
                "position", "AFTER", "mode", "PARALLEL")).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(taskService.getSubTasks(review)).as("after alice, not before").isEmpty();
        assertThat(api.delete("alice", "/api/tasks/" + review + "/signers/head-it").getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(api.post("alice", "/api/tasks/" + review + "/sign", Map.of("approved", true)).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(api.post("alice", "/api/tasks/" + review + "/sign", Map.of("approved", true)).getStatusCode())
                .as("decided once").isEqualTo(HttpStatus.CONFLICT);

        Task signature = taskService.getSubTasks(review).get(0);
        assertThat(signature.getAssignee()).isEqualTo("head-adm");
        assertThat(api.post("head-adm", "/api/tasks/" + signature.getId() + "/sign", Map.of("approved", false, "comment", "措辞需修改"))
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(pi).hasPassed("Task_RecordRejection").isEnded();
        assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(pi.getId()).variableName("comment")
                .singleResult().getValue().toString()).contains("措辞需修改");
        assertThat(trail(review)).contains("task.signers-added").contains("task.signed");
    }

    // ---------------------------------------------------------------- carbon copy (抄送)

    @Test
    void thoseCopiedInReadTheAccountRequestAndAreToldItsOutcomeButCannotAct() throws Exception {
        var pi = employeeAccount("head-mkt", "MKT");
        String review = task(pi).getId();
        String cc = "/api/requests/" + pi.getId() + "/cc";
        assertThat(api.post("sam", cc, Map.of("userIds", List.of("sam"))).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(errors(api.post("head-mkt", cc, Map.of("userIds", List.of("nobody"))))).containsEntry("userIds", "unknown-user");
        assertThat(errors(api.post("head-mkt", cc, Map.of("groupIds", List.of("no-such-group"))))).containsEntry("groupIds", "unknown-group");
        assertThat(errors(api.post("head-mkt", cc, Map.of()))).containsEntry("userIds", "required");
        var copied = api.post("head-mkt", cc, Map.of("userIds", List.of("sofia"), "groupIds", List.of("administration")));
        assertThat(copied.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(copied.getBody()).contains("sofia").contains("administration");

        assertThat(api.get("sofia", "/api/requests/" + pi.getId()).getBody()).contains("\"employeeId\"").contains("head-mkt");
        assertThat(api.get("alice", "/engine-rest/process-instance/" + pi.getId() + "/variables").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(api.get("sam", "/api/requests/" + pi.getId()).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(api.get("sam", "/engine-rest/process-instance/" + pi.getId() + "/variables").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(api.post("sofia", "/engine-rest/task/" + review + "/complete", Map.of("variables", Map.of("approved", var(true, "Boolean"))))
                .getStatusCode()).as("read, not act").isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
        assertThat(api.post("sofia", "/api/tasks/" + review + "/transfer", Map.of("userId", "ivan")).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

        decide("ivan", review, true, null);
        assertThat(pi).isEnded();
        assertThat(MailToLocalSmtp.recipientsOf(smtp, "[抄送]")).contains(email("sofia"), email("alice"), email("adam"));
        assertThat(api.get("sofia", "/api/requests/" + pi.getId()).getBody()).contains("COMPLETED");
        assertThat(trail(pi.getId())).contains("request.carbon-copied").contains("operation.cc");
    }

    @Test
    void thoseCopiedInOnAnAnnouncementHearOfItsWithdrawal() throws Exception {
        var pi = announcement("emma");
        assertThat(api.post("emma", "/api/requests/" + pi.getId() + "/cc", Map.of("userIds", List.of("head-mkt"))).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(api.post("emma", "/api/requests/" + pi.getId() + "/withdraw", Map.of()).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(MailToLocalSmtp.recipientsOf(smtp, "[抄送]")).contains(email("head-mkt"));
        assertThat(api.post("emma", "/api/requests/" + pi.getId() + "/cc", Map.of("userIds", List.of("sofia"))).getStatusCode())
                .as("finished").isEqualTo(HttpStatus.CONFLICT);
    }

    // ---------------------------------------------------------------- out-of-office substitution

    @Test
    void aDepartmentHeadAwaySendsTheReviewToTheirSubstituteAndSeesWhatWasDone() throws Exception {
        assertThat(errors(api.put("head-rnd", "/api/me/substitute", Map.of("substituteId", "head-rnd", "from", at(-1), "until", at(24)))))
                .containsEntry("substituteId", "not-yourself");
        assertThat(errors(api.put("head-rnd", "/api/me/substitute", Map.of("substituteId", "head-prd", "from", at(24), "until", at(1)))))
                .containsEntry("until", "after-from");
        assertThat(errors(api.put("head-rnd", "/api/me/substitute", Map.of("substituteId", "head-prd", "until", at(24)))))
                .containsEntry("from", "required");
        assertThat(errors(api.put("head-rnd", "/api/me/substitute", Map.of("substituteId", "nobody", "from", at(-1), "until", at(24)))))
                .containsEntry("substituteId", "unknown-user");
        assertThat(api.put("head-rnd", "/api/me/substitute", Map.of("substituteId", "head-prd", "from", at(-1), "until", at(24)))
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(api.get("head-rnd", "/api/me/substitute").getBody()).contains("head-prd");

        var pi = internAccount();
        Task review = task(pi);
        assertThat(review).hasCandidateUser("head-prd");
        assertThat(taskService.getIdentityLinksForTask(review.getId())).noneMatch(l -> "head-rnd".equals(l.getUserId()));
        decide("head-prd", review.getId(), true, null);
        assertThat(pi).isWaitingAt("Task_ReviewByIt");

        String done = api.get("head-rnd", "/api/me/substitutions").getBody();
        assertThat(done).contains(review.getId()).contains("OFFERED").contains("head-prd").contains("COMPLETED");
        assertThat(trail(review.getId())).contains("task.substituted");
        assertThat(api.delete("head-rnd", "/api/me/substitute").getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(internAccount()).satisfies(next -> assertThat(task(next)).hasCandidateUser("head-rnd"));
    }

    @Test
    void aSubstituteWhoIsTheRequesterLeavesTheTaskToItsGroup() throws Exception {
        assertThat(api.put("ivan", "/api/me/substitute", Map.of("substituteId", "head-it", "from", at(-1), "until", at(24))).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        var pi = employeeAccount("head-it", "IT");
        String review = task(pi).getId();
        assertThat(api.post("iris", "/api/tasks/" + review + "/transfer", Map.of("userId", "ivan")).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        Task back = task(pi);
        assertThat(back.getAssignee()).as("neither ivan (away) nor head-it (the requester)").isNull();
        assertThat(back).hasCandidateGroup("it");
        assertThat(api.get("ivan", "/api/me/substitutions").getBody()).contains(review).contains("FALLBACK");
    }

    // ---------------------------------------------------------------- helpers

    private ProcessInstance employeeAccount(String applicant, String department) {
        VariableMap variables = Variables.createVariables().putValue("employeeId", newEmployeeId()).putValue("fullName", "张三")
                .putValue("department", department).putValue("accountType", "EMPLOYEE");
        return as(applicant, () -> runtimeService.startProcessInstanceByKey("account-opening", variables));
    }

    /** mia (mentor, R&D) applies for an intern: the head of R&D reviews, then IT. */
    private ProcessInstance internAccount() {
        VariableMap variables = Variables.createVariables().putValue("employeeId", newEmployeeId()).putValue("fullName", "李四")
                .putValue("department", "RND").putValue("accountType", "INTERN").putValue("endDate", LocalDate.now().plusMonths(3).toString());
        return as("mia", () -> runtimeService.startProcessInstanceByKey("account-opening", variables));
    }

    private ProcessInstance announcement(String author) {
        VariableMap variables = Variables.createVariables().putValue("contentClass", "ANNOUNCEMENT").putValue("title", "系统升级通知")
                .putValue("body", "邮件系统将于周六晚升级。");
        return as(author, () -> runtimeService.startProcessInstanceByKey("announcement-review", variables));
    }

    private void decide(String user, String taskId, boolean approved, String comment) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("approved", approved);
        if (comment != null) {
            variables.put("comment", comment);
        }
        as(user, () -> {
            taskService.complete(taskId, variables);
            return null;
        });
    }

    private Task task(ProcessInstance pi) {
        return taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult();
    }

    private <T> T as(String user, Supplier<T> action) {
        return Acting.as(identityService, user, action);
    }

    /** Both calls released at the same moment from two threads. */
    private static List<ResponseEntity<String>> race(Supplier<ResponseEntity<String>> first, Supplier<ResponseEntity<String>> second)
            throws Exception {
        var start = new CountDownLatch(1);
        var a = CompletableFuture.supplyAsync(() -> await(start, first));
        var b = CompletableFuture.supplyAsync(() -> await(start, second));
        start.countDown();
        return List.of(a.get(), b.get());
    }

    private static ResponseEntity<String> await(CountDownLatch start, Supplier<ResponseEntity<String>> call) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return call.get();
    }

    private static List<HttpStatusCode> statuses(List<ResponseEntity<String>> results) {
        return new ArrayList<>(results.stream().map(ResponseEntity::getStatusCode).toList());
    }

    private String trail(String objectId) {
        var response = api.get("sofia", "/api/audit/entries?objectId=" + objectId + "&size=100");
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private Map<String, String> errors(ResponseEntity<String> response) throws Exception {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        var errors = new HashMap<String, String>();
        json.readTree(response.getBody()).get("errors").forEach(e -> errors.put(e.get("field").asText(), e.get("rule").asText()));
        return errors;
    }

    private String email(String user) {
        return identityService.createUserQuery().userId(user).singleResult().getEmail();
    }

    private static String at(int hoursFromNow) {
        return OffsetDateTime.now(ZoneOffset.ofHours(8)).plusHours(hoursFromNow).withNano(0).toString();
    }

}
