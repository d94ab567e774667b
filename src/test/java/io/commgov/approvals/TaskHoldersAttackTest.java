package io.commgov.approvals;

import static io.commgov.support.Api.var;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.commgov.support.Acting;
import io.commgov.support.Api;
import io.commgov.support.CommGovIntegrationTest;
import io.commgov.support.EmployeeIds;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Issue 19, finding 3 (and the signers and comments of finding 6): an approval is held and decided only by someone the
 * model entitles to it, whichever route hands it over. Every attack goes over HTTP as a demo user.
 */
@CommGovIntegrationTest
class TaskHoldersAttackTest {

    @Autowired TestRestTemplate rest;
    @Autowired ObjectMapper json;
    @Autowired TaskService taskService;
    @Autowired RuntimeService runtimeService;
    @Autowired HistoryService historyService;
    @Autowired IdentityService identityService;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(rest);
    }

    @Test
    void anItOperatorCannotHandAnAccountReviewToSomeoneOutsideIt() throws Exception {
        Task review = accountReviewByIt();

        var handed = api.post("ivan", "/engine-rest/task/" + review.getId() + "/assignee", Map.of("userId", "emma"));
        assertThat(errors(handed)).containsEntry("assignee", "not-entitled");
        assertThat(handed.getBody()).contains("emma");
        assertThat(reload(review).getAssignee()).as("nothing changed").isNull();

        var approved = api.post("emma", "/engine-rest/task/" + review.getId() + "/complete", approve());
        assertThat(approved.getStatusCode().is4xxClientError()).as(approved.getBody()).isTrue();
        assertThat(reload(review)).as("the review is still open").isNotNull();

        var transferred = api.post("ivan", "/api/tasks/" + review.getId() + "/transfer", Map.of("userId", "emma"));
        assertThat(transferred.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(reload(review).getAssignee()).isNull();
    }

    @Test
    void theAssigneeCannotDelegateToSomeoneWhoMayNotHoldTheTask() throws Exception {
        Task review = accountReviewByIt();
        assertThat(api.post("ivan", "/engine-rest/task/" + review.getId() + "/claim", Map.of("userId", "ivan")).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);

        var delegated = api.post("ivan", "/engine-rest/task/" + review.getId() + "/delegate", Map.of("userId", "emma"));
        assertThat(errors(delegated)).containsEntry("assignee", "not-entitled");
        Task after = reload(review);
        assertThat(after.getAssignee()).isEqualTo("ivan");
        assertThat(after.getDelegationState()).isNull();
        assertThat(after.getOwner()).isNull();

        var viaApi = api.post("ivan", "/api/tasks/" + review.getId() + "/delegate", Map.of("userId", "emma"));
        assertThat(errors(viaApi)).containsEntry("assignee", "not-entitled");
        assertThat(reload(review).getAssignee()).isEqualTo("ivan");

        assertThat(api.post("ivan", "/engine-rest/task/" + review.getId() + "/delegate", Map.of("userId", "iris")).getStatusCode())
                .as("iris is in IT").isEqualTo(HttpStatus.NO_CONTENT);
    }

    @Test
    void noIdentityLinkOffersTheTaskToSomeoneOutsideTheModel() throws Exception {
        Task review = accountReviewByIt();
        String links = "/engine-rest/task/" + review.getId() + "/identity-links";

        var asIvan = api.post("ivan", links, Map.of("userId", "emma", "type", "candidate"));
        assertThat(asIvan.getStatusCode().is4xxClientError()).as(asIvan.getBody()).isTrue();
        assertThat(errors(api.post("admin", links, Map.of("userId", "emma", "type", "candidate")))).containsEntry("candidate", "not-entitled");
        assertThat(errors(api.post("admin", links, Map.of("groupId", "employee", "type", "candidate")))).containsEntry("candidate", "not-entitled");
        assertThat(errors(api.post("admin", links, Map.of("userId", "emma", "type", "assignee")))).containsEntry("assignee", "not-entitled");
        assertThat(errors(api.post("admin", links, Map.of("userId", "emma", "type", "owner")))).containsEntry("owner", "not-entitled");

        assertThat(taskService.getIdentityLinksForTask(review.getId())).as("only the model's group it")
                .filteredOn(l -> IdentityLinkType.CANDIDATE.equals(l.getType())).allMatch(l -> "it".equals(l.getGroupId()));
        assertThat(reload(review).getAssignee()).isNull();
        assertThat(reload(review).getOwner()).isNull();

        assertThat(api.post("admin", links, Map.of("userId", "iris", "type", "candidate")).getStatusCode())
                .as("an IT operator may be offered it by name").isEqualTo(HttpStatus.NO_CONTENT);
    }

    @Test
    void thePlatformAdministratorOperatesTasksButDecidesNoApproval() throws Exception {
        Task review = accountReviewByIt();
        String path = "/engine-rest/task/" + review.getId();

        assertThat(errors(api.post("admin", path + "/claim", Map.of("userId", "admin")))).containsEntry("assignee", "operator-not-approver");
        assertThat(errors(api.post("admin", path + "/claim", Map.of("userId", "emma")))).containsEntry("assignee", "not-entitled");
        var decided = api.post("admin", path + "/complete", approve());
        assertThat(errors(decided)).containsEntry("actor", "operator-not-approver");
        var submitted = api.post("admin", path + "/submit-form", approve());
        assertThat(errors(submitted)).containsEntry("actor", "operator-not-approver");
        assertThat(reload(review)).as("still open").isNotNull();

        // Cockpit's powers stay: the operator hands the task to someone entitled, who decides
        assertThat(api.post("admin", path + "/assignee", Map.of("userId", "iris")).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(api.post("iris", path + "/complete", approve()).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    }

    @Test
    void whoMayNotWorkATaskCannotCommentOnItNorReadItsSigners() throws Exception {
        Task review = accountReviewByIt();
        String comment = "/engine-rest/task/" + review.getId() + "/comment/create";

        for (String outsider : new String[] {"emma", "head-mkt", "admin"}) {
            var answer = api.post(outsider, comment, Map.of("message", "已由 IT 负责人批准"));
            assertThat(answer.getStatusCode().is4xxClientError()).as(outsider + ": " + answer.getBody()).isTrue();
        }
        assertThat(taskService.getTaskComments(review.getId())).as("no comment stored").isEmpty();
        // Camunda's REST resource first reads the task's history, which IT may not: the engine call is what Tasklist's worker reaches
        Acting.as(identityService, "ivan", () -> taskService.createComment(review.getId(), review.getProcessInstanceId(), "核对中"));
        assertThat(taskService.getTaskComments(review.getId())).hasSize(1);

        assertThat(api.get("emma", "/api/tasks/" + review.getId() + "/signers").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(api.get("sam", "/api/tasks/" + review.getId() + "/signers").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(api.get("ivan", "/api/tasks/" + review.getId() + "/signers").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(api.get("head-mkt", "/api/tasks/" + review.getId() + "/signers").getStatusCode())
                .as("the requester follows their request").isEqualTo(HttpStatus.OK);
    }

    @Test
    void aSignersSubtaskStaysWithTheSignerItWasMadeFor() throws Exception {
        Task review = accountReviewByIt();
        assertThat(api.post("ivan", "/engine-rest/task/" + review.getId() + "/claim", Map.of("userId", "ivan")).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        var added = api.post("ivan", "/api/tasks/" + review.getId() + "/signers", Map.of("userIds", java.util.List.of("iris"),
                "position", "BEFORE", "mode", "SEQUENTIAL"));
        assertThat(added.getStatusCode()).as(added.getBody()).isEqualTo(HttpStatus.OK);
        Task signature = taskService.createTaskQuery().taskParentTaskId(review.getId()).singleResult();
        assertThat(signature.getAssignee()).isEqualTo("iris");

        var byIris = api.post("iris", "/engine-rest/task/" + signature.getId() + "/assignee", Map.of("userId", "emma"));
        assertThat(byIris.getStatusCode().is4xxClientError()).as(byIris.getBody()).isTrue();
        assertThat(errors(api.post("admin", "/engine-rest/task/" + signature.getId() + "/assignee", Map.of("userId", "emma"))))
                .containsEntry("assignee", "not-entitled");
        assertThat(errors(api.post("admin", "/engine-rest/task/" + signature.getId() + "/identity-links",
                Map.of("userId", "emma", "type", "candidate")))).containsEntry("candidate", "not-entitled");
        var delegated = api.post("iris", "/engine-rest/task/" + signature.getId() + "/delegate", Map.of("userId", "emma"));
        assertThat(delegated.getStatusCode().is4xxClientError()).as(delegated.getBody()).isTrue();
        assertThat(reload(signature).getAssignee()).as("nothing changed").isEqualTo("iris");
        assertThat(taskService.getIdentityLinksForTask(signature.getId())).noneMatch(l -> "emma".equals(l.getUserId()));
    }

    @Test
    void theAdministratorsCancellationsAndModificationsAreAuditedWithTheirReason() throws Exception {
        Task review = accountReviewByIt();
        String pi = review.getProcessInstanceId();
        var modified = api.post("admin", "/engine-rest/process-instance/" + pi + "/modification", Map.of(
                "annotation", "重新进入 IT 审核（工单 OPS-17）",
                "instructions", java.util.List.of(Map.of("type", "startBeforeActivity", "activityId", "Task_ReviewByIt"))));
        assertThat(modified.getStatusCode()).as(modified.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(api.delete("admin", "/engine-rest/process-instance/" + pi).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

        String trail = api.get("sofia", "/api/audit/entries?objectId=" + pi + "&size=100").getBody();
        assertThat(trail).contains("PROCESS_INSTANCE_MODIFIED").contains("OPS-17").contains("PROCESS_INSTANCE_CANCELLED")
                .contains("no reason given").contains("\"actor\":\"admin\"");
    }

    private Task accountReviewByIt() throws Exception {
        var started = api.post("head-mkt", "/engine-rest/process-definition/key/account-opening/start", Map.of("variables", Map.of(
                "employeeId", var(EmployeeIds.newEmployeeId(), "String"), "fullName", var("张三", "String"),
                "department", var("MKT", "String"), "accountType", var("EMPLOYEE", "String"))));
        assertThat(started.getStatusCode()).as(started.getBody()).isEqualTo(HttpStatus.OK);
        String pi = json.readTree(started.getBody()).get("id").asText();
        Task review = taskService.createTaskQuery().processInstanceId(pi).taskDefinitionKey("Task_ReviewByIt").singleResult();
        assertThat(review).isNotNull();
        return review;
    }

    private Task reload(Task task) {
        return taskService.createTaskQuery().taskId(task.getId()).singleResult();
    }

    private static Map<String, Object> approve() {
        return Map.of("variables", Map.of("approved", var(true, "Boolean"), "comment", var("同意", "String")));
    }

    private Map<String, String> errors(ResponseEntity<String> response) throws Exception {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        var errors = new HashMap<String, String>();
        json.readTree(response.getBody()).get("errors").forEach(e -> errors.put(e.get("field").asText(), e.get("rule").asText()));
        return errors;
    }
}
