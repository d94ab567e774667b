package io.commgov.validation;

import static io.commgov.support.Api.var;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.commgov.support.Api;
import io.commgov.support.CommGovIntegrationTest;
import io.commgov.support.Models;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** Contracts are enforced by the engine for every caller: 400 naming field and rule, nothing started or completed. */
@CommGovIntegrationTest
class ContractValidationTest {

    private static final String START = "/engine-rest/process-definition/key/contract-demo/start";

    @Autowired TestRestTemplate rest;
    @Autowired RepositoryService repositoryService;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired AuthorizationService authorizationService;
    @Autowired ObjectMapper json;
    Api api;

    @BeforeEach
    void deploy() {
        Models.deploy(repositoryService, "io/commgov/validation/contract-demo.bpmn");
        Models.allowStart(authorizationService, "employee", "contract-demo");
        api = new Api(rest);
    }

    @Test
    void anInvalidStartAnswers400NamingEveryFieldAndRuleAndStartsNothing() throws Exception {
        long before = runtimeService.createProcessInstanceQuery().processDefinitionKey("contract-demo").count();
        var response = start("emma", Map.of(
                "kind", var("C", "String"),
                "due", var("2020-01-01", "String"),
                "employeeId", var("12345", "String")));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        JsonNode body = json.readTree(response.getBody());
        assertThat(body.get("type").asText()).isEqualTo(ErrorBody.TYPE);
        assertThat(errors(body)).containsEntry("title", "required")
                .containsEntry("kind", "one-of")
                .containsEntry("due", "future-date")
                .containsEntry("employeeId", "pattern");
        assertThat(body.get("message").asText()).contains("title").contains("required");
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("contract-demo").count()).isEqualTo(before);
    }

    @Test
    void unknownVariablesAndAForgedInitiatorAreRefused() throws Exception {
        var variables = new HashMap<>(valid());
        variables.put("titel", var("typo", "String"));
        var response = start("emma", variables);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(errors(json.readTree(response.getBody()))).containsEntry("titel", "unknown-field");

        // the requester is protected as soon as it is written (ProtectedVariableGuard), before the start contract runs
        variables.put("initiator", var("ian", "String"));
        var forged = start("emma", variables);
        assertThat(forged.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(errors(json.readTree(forged.getBody()))).containsEntry("initiator", "read-only");
    }

    @Test
    void aWrongTypeIsNamed() throws Exception {
        var variables = new HashMap<>(valid());
        variables.put("tags", var("not a list", "String"));
        var response = start("emma", variables);
        assertThat(errors(json.readTree(response.getBody()))).containsEntry("tags", "type-list");
    }

    @Test
    void anApprovalNeedsADecisionAndAReasonForARejection() throws Exception {
        String instance = startedBy("emma");
        String task = taskService.createTaskQuery().processInstanceId(instance).singleResult().getId();

        var noDecision = complete("ivan", task, Map.of());
        assertThat(noDecision.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(errors(json.readTree(noDecision.getBody()))).containsEntry("approved", "required");

        var rejectionWithoutReason = complete("ivan", task, Map.of("approved", var(false, "Boolean")));
        assertThat(errors(json.readTree(rejectionWithoutReason.getBody()))).containsEntry("comment", "required-when-rejected");
        assertThat(taskService.createTaskQuery().taskId(task).count()).as("nothing completed").isOne();

        var approval = complete("ivan", task, Map.of("approved", var(true, "Boolean")));
        assertThat(approval.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    }

    @Test
    void eachApprovalStepDecidesAfreshAndAnEarlierDecisionDoesNotCount() throws Exception {
        String instance = startedBy("emma");
        String first = taskService.createTaskQuery().processInstanceId(instance).singleResult().getId();
        assertThat(complete("ivan", first, Map.of("approved", var(true, "Boolean"))).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

        String second = taskService.createTaskQuery().processInstanceId(instance).singleResult().getId();
        var response = complete("ian", second, Map.of());
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(errors(json.readTree(response.getBody()))).containsEntry("approved", "required");
    }

    @Test
    void theRequesterCanNeitherApproveNorClaimTheirOwnRequest() throws Exception {
        String instance = startedBy("ivan");
        String task = taskService.createTaskQuery().processInstanceId(instance).singleResult().getId();

        var ownApproval = complete("ivan", task, Map.of("approved", var(true, "Boolean")));
        assertThat(ownApproval.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(errors(json.readTree(ownApproval.getBody()))).containsEntry("approved", "four-eyes");

        var ownClaim = api.post("ivan", "/engine-rest/task/" + task + "/claim", Map.of("userId", "ivan"));
        assertThat(ownClaim.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(taskService.createTaskQuery().taskId(task).singleResult().getAssignee()).isNull();

        assertThat(complete("iris", task, Map.of("approved", var(true, "Boolean"))).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    }

    @Test
    void anEmployeeCannotSeeOrCompleteATaskOfTheItGroup() throws Exception {
        String instance = startedBy("emma");
        String task = taskService.createTaskQuery().processInstanceId(instance).singleResult().getId();

        assertThat(api.get("emma", "/engine-rest/task?processInstanceId=" + instance).getBody()).isEqualTo("[]");
        assertThat(api.get("emma", "/engine-rest/task/" + task).getStatusCode()).isIn(HttpStatus.NOT_FOUND, HttpStatus.FORBIDDEN);
        assertThat(complete("emma", task, Map.of("approved", var(true, "Boolean"))).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(api.get("ivan", "/engine-rest/task?processInstanceId=" + instance).getBody()).contains(task);
    }

    private Map<String, Object> valid() {
        return Map.of(
                "title", var("New laptop", "String"),
                "kind", var("A", "String"),
                "due", var(LocalDate.now().plusDays(30).toString(), "String"),
                "employeeId", var("E12345", "String"),
                "tags", var("[\"a\",\"b\"]", "Json"));
    }

    private String startedBy(String user) throws Exception {
        var response = start(user, valid());
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        return json.readTree(response.getBody()).get("id").asText();
    }

    private ResponseEntity<String> start(String user, Map<String, Object> variables) {
        return api.post(user, START, Map.of("variables", variables));
    }

    private ResponseEntity<String> complete(String user, String task, Map<String, Object> variables) {
        return api.post(user, "/engine-rest/task/" + task + "/complete", Map.of("variables", variables));
    }

    private static Map<String, String> errors(JsonNode body) {
        var errors = new HashMap<String, String>();
        body.get("errors").forEach(e -> errors.put(e.get("field").asText(), e.get("rule").asText()));
        return errors;
    }
}
