package io.commgov.approvals;

import static io.commgov.support.Api.var;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.commgov.notify.NotifyProperties;
import io.commgov.support.Api;
import io.commgov.support.CommGovIntegrationTest;
import io.commgov.support.MailToLocalSmtp;
import io.commgov.support.Models;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.DelegationState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;

/** Withdraw, remind, transfer and delegate over {@code /api}, with every refusal and a race of two people. */
@CommGovIntegrationTest
class ApprovalOperationsTest {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    @Autowired TestRestTemplate rest;
    @Autowired ObjectMapper json;
    @Autowired RepositoryService repositoryService;
    @Autowired AuthorizationService authorizationService;
    @Autowired TaskService taskService;
    @Autowired HistoryService historyService;
    @Autowired IdentityService identityService;
    @Autowired NotifyProperties notifyProperties;
    Api api;
    MailToLocalSmtp mail;

    @BeforeEach
    void setUp() {
        Models.deploy(repositoryService, "io/commgov/validation/contract-demo.bpmn");
        Models.allowStart(authorizationService, "employee", "contract-demo");
        api = new Api(rest);
        mail = new MailToLocalSmtp(notifyProperties, smtp);
    }

    @AfterEach
    void tearDown() {
        ClockUtil.reset();
        mail.restore();
    }

    @Test
    void theRequesterWithdrawsAnUndecidedRequestAndNobodyElseCan() throws Exception {
        String pi = startAs("emma");
        assertThat(api.post("ivan", "/api/requests/" + pi + "/withdraw", Map.of()).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(api.post("emma", "/api/requests/" + pi + "/withdraw", Map.of("reason", "不再需要")).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        var history = historyService.createHistoricProcessInstanceQuery().processInstanceId(pi).singleResult();
        assertThat(history.getEndTime()).isNotNull();
        assertThat(history.getDeleteReason()).contains("withdrawn by emma").contains("不再需要");
        assertThat(api.post("emma", "/api/requests/" + pi + "/withdraw", Map.of()).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(api.post("emma", "/api/requests/no-such-request/withdraw", Map.of()).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

        // both the refusal and the withdrawal are in the audit trail
        String trail = api.get("sofia", "/api/audit/entries?objectId=" + pi + "&size=50").getBody();
        assertThat(trail).contains("request.withdrawn").contains("operation.withdraw").contains("DENIED").contains("\"actor\":\"emma\"");
    }

    @Test
    void aRequestCannotBeWithdrawnOnceAnApproverHasDecided() throws Exception {
        String pi = startAs("emma");
        String task = taskService.createTaskQuery().processInstanceId(pi).singleResult().getId();
        assertThat(api.post("ivan", "/engine-rest/task/" + task + "/complete", Map.of("variables", Map.of("approved", var(true, "Boolean"))))
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        var refused = api.post("emma", "/api/requests/" + pi + "/withdraw", Map.of());
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refused.getBody()).contains("already decided");
        assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(pi).singleResult().getEndTime()).isNull();
    }

    @Test
    void theRequesterRemindsTheCandidatesAtMostOncePerHour() throws Exception {
        String pi = startAs("emma");
        var first = api.post("emma", "/api/requests/" + pi + "/remind", Map.of());
        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(json.readTree(first.getBody()).get("reminded").toString()).contains("ivan").contains("iris").doesNotContain("emma");
        assertThat(MailToLocalSmtp.recipientsOf(smtp, "催办")).contains(email("ivan"), email("iris"));

        var tooSoon = api.post("emma", "/api/requests/" + pi + "/remind", Map.of());
        assertThat(tooSoon.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(tooSoon.getHeaders().getFirst("Retry-After")).isNotBlank();
        assertThat(api.post("ivan", "/api/requests/" + pi + "/remind", Map.of()).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

        ClockUtil.setCurrentTime(new Date(System.currentTimeMillis() + 61 * 60 * 1000L));
        assertThat(api.post("emma", "/api/requests/" + pi + "/remind", Map.of()).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void aTaskGoesOnlyToSomeoneWhoMayHoldIt() throws Exception {
        String pi = startAs("ivan");
        String task = taskService.createTaskQuery().processInstanceId(pi).singleResult().getId();

        assertThat(api.post("emma", "/api/tasks/" + task + "/transfer", Map.of("userId", "iris")).getStatusCode())
                .as("emma holds no part of it").isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(errors(api.post("iris", "/api/tasks/" + task + "/transfer", Map.of("userId", "emma"))))
                .containsEntry("userId", "not-a-candidate");
        assertThat(errors(api.post("iris", "/api/tasks/" + task + "/transfer", Map.of("userId", "nobody"))))
                .containsEntry("userId", "unknown-user");
        assertThat(errors(api.post("iris", "/api/tasks/" + task + "/transfer", Map.of()))).containsEntry("userId", "required");
        assertThat(errors(api.post("iris", "/api/tasks/" + task + "/transfer", Map.of("userId", "ivan"))))
                .as("ivan asked for it himself").containsEntry("userId", "four-eyes");

        identityService.setAuthentication("iris", List.of("it", "employee", "dept-IT"));
        taskService.claim(task, "iris");
        identityService.clearAuthentication();
        assertThat(api.post("iris", "/api/tasks/" + task + "/transfer", Map.of("userId", "ian")).getStatusCode())
                .as("ian is not in group it").isEqualTo(HttpStatus.BAD_REQUEST);
        // a second IT operator exists only as ivan, the requester: give the transfer a fresh request
        String other = startAs("emma");
        String otherTask = taskService.createTaskQuery().processInstanceId(other).singleResult().getId();
        assertThat(api.post("iris", "/api/tasks/" + otherTask + "/transfer", Map.of("userId", "ivan")).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(taskService.createTaskQuery().taskId(otherTask).singleResult().getAssignee()).isEqualTo("ivan");
        assertThat(api.get("sofia", "/api/audit/entries?objectId=" + otherTask).getBody()).contains("task.transferred").contains("to ivan");
    }

    @Test
    void theAssigneeDelegatesAndTheTaskComesBackToDecide() throws Exception {
        String pi = startAs("emma");
        String task = taskService.createTaskQuery().processInstanceId(pi).singleResult().getId();
        assertThat(api.post("ivan", "/api/tasks/" + task + "/delegate", Map.of("userId", "iris")).getStatusCode())
                .as("claim first").isEqualTo(HttpStatus.CONFLICT);
        identityService.setAuthentication("ivan", List.of("it", "employee", "dept-IT"));
        taskService.claim(task, "ivan");
        identityService.clearAuthentication();
        assertThat(errors(api.post("ivan", "/api/tasks/" + task + "/delegate", Map.of("userId", "emma"))))
                .containsEntry("userId", "four-eyes");
        assertThat(api.post("ivan", "/api/tasks/" + task + "/delegate", Map.of("userId", "iris")).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        var delegated = taskService.createTaskQuery().taskId(task).singleResult();
        assertThat(delegated.getAssignee()).isEqualTo("iris");
        assertThat(delegated.getOwner()).isEqualTo("ivan");
        assertThat(delegated.getDelegationState()).isEqualTo(DelegationState.PENDING);
        // the delegate works on it but cannot decide: Camunda's complete is refused, resolve hands it back
        var decided = api.post("iris", "/engine-rest/task/" + task + "/complete",
                Map.of("variables", Map.of("approved", Map.of("value", true, "type", "Boolean"))));
        assertThat(decided.getStatusCode()).as(decided.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(errors(decided)).containsEntry("delegationState", "pending");
        assertThat(api.post("iris", "/engine-rest/task/" + task + "/resolve", Map.of("variables", Map.of("comment",
                Map.of("value", "已核对", "type", "String")))).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        var back = taskService.createTaskQuery().taskId(task).singleResult();
        assertThat(back.getAssignee()).as("back with the owner to decide").isEqualTo("ivan");
        assertThat(back.getDelegationState()).isEqualTo(DelegationState.RESOLVED);
        assertThat(taskService.getVariable(task, "comment")).isEqualTo("已核对");
        assertThat(api.post("ivan", "/engine-rest/task/" + task + "/complete",
                Map.of("variables", Map.of("approved", Map.of("value", true, "type", "Boolean")))).getStatusCode())
                .as("the owner decides").isEqualTo(HttpStatus.NO_CONTENT);
    }

    @Test
    void twoPeopleTakingTheSameTaskAtOnceLeaveOneWinner() throws Exception {
        String pi = startAs("emma");
        String task = taskService.createTaskQuery().processInstanceId(pi).singleResult().getId();
        var start = new CountDownLatch(1);
        var a = CompletableFuture.supplyAsync(() -> await(start, () -> api.post("ivan", "/api/tasks/" + task + "/transfer", Map.of("userId", "ivan"))));
        var b = CompletableFuture.supplyAsync(() -> await(start, () -> api.post("iris", "/api/tasks/" + task + "/transfer", Map.of("userId", "iris"))));
        start.countDown();
        List<HttpStatusCode> statuses = new ArrayList<>(List.of(a.get().getStatusCode(), b.get().getStatusCode()));
        assertThat(statuses).as("one wins, the other is told it lost").containsExactlyInAnyOrder(HttpStatus.NO_CONTENT, HttpStatus.CONFLICT);
        String winner = statuses.get(0).equals(HttpStatus.NO_CONTENT) ? "ivan" : "iris";
        assertThat(taskService.createTaskQuery().taskId(task).singleResult().getAssignee()).isEqualTo(winner);
        String trail = api.get("sofia", "/api/audit/entries?objectId=" + task + "&size=50").getBody();
        assertThat(trail.split("\"task.transferred\"", -1)).as("one transfer on record").hasSize(2);
        assertThat(trail.split("\"operation.transfer\"", -1)).as("and one refusal").hasSize(2);
    }

    private static ResponseEntity<String> await(CountDownLatch start, java.util.function.Supplier<ResponseEntity<String>> call) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return call.get();
    }

    private String startAs(String user) throws Exception {
        var response = api.post(user, "/engine-rest/process-definition/key/contract-demo/start", Map.of("variables", Map.of(
                "title", var("新电脑", "String"), "kind", var("A", "String"),
                "due", var(LocalDate.now().plusDays(30).toString(), "String"), "employeeId", var("E12345", "String"))));
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        return json.readTree(response.getBody()).get("id").asText();
    }

    private Map<String, String> errors(ResponseEntity<String> response) throws Exception {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        var errors = new java.util.HashMap<String, String>();
        json.readTree(response.getBody()).get("errors").forEach(e -> errors.put(e.get("field").asText(), e.get("rule").asText()));
        return errors;
    }

    private String email(String user) {
        return identityService.createUserQuery().userId(user).singleResult().getEmail();
    }
}
