package io.commgov.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.commgov.support.Api;
import io.commgov.support.CommGovIntegrationTest;
import io.commgov.support.Models;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Finding 2 of issue 19: the requester and every variable CommGov derives or relies on are read-only through every
 * route of {@code /engine-rest}, over HTTP as the demo users: each attempt answers 400 naming the variable and the rule
 * {@code read-only}, and no variable of the request changes.
 */
@CommGovIntegrationTest
class ProtectedVariablesAttackTest {

    private static final String ROUTES = "protected-variables-routes";

    @Autowired TestRestTemplate rest;
    @Autowired ObjectMapper json;
    @Autowired RepositoryService repositoryService;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired HistoryService historyService;
    @Autowired IdentityService identityService;
    @Autowired ManagementService managementService;
    @Autowired AuthorizationService authorizationService;

    private Api api;
    private final List<String> started = new ArrayList<>();

    @BeforeEach
    void setUp() {
        api = new Api(rest);
        for (String key : new String[] {ROUTES}) {
            if (repositoryService.createProcessDefinitionQuery().processDefinitionKey(key).count() == 0) {
                repositoryService.createDeployment().name("test-" + key)
                        .addClasspathResource("io/commgov/validation/" + key + ".bpmn").deploy();
            }
            // a change-managed deployment waits for approval; these test models are not what that is about
            repositoryService.createProcessDefinitionQuery().processDefinitionKey(key).suspended().list()
                    .forEach(d -> repositoryService.activateProcessDefinitionById(d.getId()));
            Models.allowStart(authorizationService, "it", key);
        }
    }

    @AfterEach
    void cleanUp() {
        for (String id : started) {
            if (runtimeService.createProcessInstanceQuery().processInstanceId(id).count() > 0) {
                runtimeService.deleteProcessInstance(id, "protected-variables test clean-up", true, true);
            }
            if (historyService.createHistoricProcessInstanceQuery().processInstanceId(id).count() > 0) {
                historyService.deleteHistoricProcessInstance(id);
            }
        }
    }

    @Test
    void anAuthorCannotPublishTheirOwnAnnouncementByNamingAnotherInitiator() throws Exception {
        String pi = startOverHttp("alice", "announcement-review", Map.of("contentClass", str("ANNOUNCEMENT"),
                "title", str("制度更新"), "body", str("新版考勤制度自下月起执行。")));
        String task = taskOf(pi, "Task_ReviewByAdministration");
        var before = variablesOf(pi);

        var own = api.post("alice", "/engine-rest/task/" + task + "/complete", Map.of("variables", Map.of(
                "approved", Api.var(true, "Boolean"), "initiator", str("adam"))));

        assertRefused(own, "initiator");
        assertThat(variablesOf(pi)).isEqualTo(before);
        assertThat(taskService.createTaskQuery().taskId(task).count()).isEqualTo(1);
        assertThat(runtimeService.getVariable(pi, "initiator")).isEqualTo("alice");
    }

    @Test
    void anExportRequesterCannotApproveTheirOwnExportThroughATaskLocalInitiator() throws Exception {
        String pi = startOverHttp("sofia", "data-export", Map.of("dataset", str("departments"),
                "ownerDepartment", str("MKT"), "purpose", str("年度部门通讯录核对")));
        String task = taskOf(pi, "Task_ApproveBySecurity");
        var before = variablesOf(pi);

        var local = api.put("sofia", "/engine-rest/task/" + task + "/localVariables/initiator", str("emma"));
        assertRefused(local, "initiator");
        assertThat(variablesOf(pi)).isEqualTo(before);

        var transientShadow = api.post("sofia", "/engine-rest/task/" + task + "/complete", Map.of("variables", Map.of(
                "approved", Api.var(true, "Boolean"),
                "initiator", Map.of("value", "emma", "type", "String", "valueInfo", Map.of("transient", true)))));
        assertThat(transientShadow.getStatusCode().is4xxClientError()).as(transientShadow.getBody()).isTrue();
        assertThat(transientShadow.getBody()).contains("initiator");

        var own = api.post("sofia", "/engine-rest/task/" + task + "/complete", Map.of("variables", Map.of(
                "approved", Api.var(true, "Boolean"))));
        assertThat(own.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(own.getBody()).contains("four-eyes");
        assertThat(variablesOf(pi)).isEqualTo(before);
        assertThat(taskService.createTaskQuery().taskId(task).count()).isEqualTo(1);
    }

    @Test
    void everyRouteRefusesEveryProtectedVariable() throws Exception {
        String pi = seededInstance();
        String task = taskOf(pi, "Task_LookByIt");
        String delegated = seededInstance();
        String delegatedTask = taskOf(delegated, "Task_LookByIt");
        taskService.delegateTask(delegatedTask, "ivan");
        String waving = runtimeService.createExecutionQuery().processInstanceId(pi)
                .signalEventSubscriptionName("ProtectedVariablesRoutes.Wave").singleResult().getId();
        int refused = 0;
        for (String name : ProtectedVariables.NAMES) {
            var value = str("mallory");
            var variables = Map.of("variables", Map.of(name, value));
            var modifications = Map.of("modifications", Map.of(name, value));
            var deletions = Map.of("deletions", List.of(name));
            List<Attempt> attempts = List.of(
                    new Attempt("ivan", "POST", "/engine-rest/task/" + task + "/complete", variables),
                    new Attempt("ivan", "POST", "/engine-rest/task/" + task + "/submit-form", variables),
                    new Attempt("ivan", "POST", "/engine-rest/task/" + delegatedTask + "/resolve", variables),
                    new Attempt("ivan", "PUT", "/engine-rest/task/" + task + "/variables/" + name, value),
                    new Attempt("ivan", "POST", "/engine-rest/task/" + task + "/variables", modifications),
                    new Attempt("ivan", "POST", "/engine-rest/task/" + task + "/variables", deletions),
                    new Attempt("ivan", "DELETE", "/engine-rest/task/" + task + "/variables/" + name, null),
                    new Attempt("ivan", "PUT", "/engine-rest/task/" + task + "/localVariables/" + name, value),
                    new Attempt("ivan", "POST", "/engine-rest/task/" + task + "/localVariables", modifications),
                    new Attempt("ivan", "POST", "/engine-rest/task/" + task + "/localVariables", deletions),
                    new Attempt("ivan", "DELETE", "/engine-rest/task/" + task + "/localVariables/" + name, null),
                    new Attempt("admin", "PUT", "/engine-rest/process-instance/" + pi + "/variables/" + name, value),
                    new Attempt("admin", "POST", "/engine-rest/process-instance/" + pi + "/variables", modifications),
                    new Attempt("admin", "POST", "/engine-rest/process-instance/" + pi + "/variables", deletions),
                    new Attempt("admin", "DELETE", "/engine-rest/process-instance/" + pi + "/variables/" + name, null),
                    new Attempt("admin", "PUT", "/engine-rest/execution/" + pi + "/localVariables/" + name, value),
                    new Attempt("admin", "POST", "/engine-rest/execution/" + pi + "/localVariables", modifications),
                    new Attempt("admin", "DELETE", "/engine-rest/execution/" + pi + "/localVariables/" + name, null),
                    new Attempt("admin", "POST", "/engine-rest/process-instance/" + pi + "/modification", Map.of("instructions", List.of(Map.of(
                            "type", "startBeforeActivity", "activityId", "Task_LookByIt",
                            "variables", Map.of(name, Map.of("value", "mallory", "type", "String", "local", false)))))),
                    new Attempt("admin", "POST", "/engine-rest/process-instance/" + pi + "/modification", Map.of("instructions", List.of(Map.of(
                            "type", "startBeforeActivity", "activityId", "Task_LookByIt",
                            "variables", Map.of(name, Map.of("value", "mallory", "type", "String", "local", true)))))),
                    new Attempt("admin", "POST", "/engine-rest/message", Map.of("messageName", "ProtectedVariablesRoutes.Poke",
                            "processInstanceId", pi, "processVariables", Map.of(name, value))),
                    new Attempt("admin", "POST", "/engine-rest/message", Map.of("messageName", "ProtectedVariablesRoutes.Poke",
                            "processInstanceId", pi, "processVariablesToTriggeredScope", Map.of(name, value))),
                    new Attempt("admin", "POST", "/engine-rest/signal", Map.of("name", "ProtectedVariablesRoutes.Wave",
                            "executionId", waving, "variables", Map.of(name, value))));
            for (Attempt attempt : attempts) {
                var before = variablesOf(pi);
                var beforeDelegated = variablesOf(delegated);
                var answer = attempt.send(api);
                assertRefused(answer, name, attempt.toString());
                assertThat(variablesOf(pi)).as(attempt.toString()).isEqualTo(before);
                assertThat(variablesOf(delegated)).as(attempt.toString()).isEqualTo(beforeDelegated);
                refused++;
            }
        }
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(pi).count()).isEqualTo(1);
        assertThat(runtimeService.createExecutionQuery().processInstanceId(pi).activityId("Event_Poked").count()).isEqualTo(1);
        assertThat(taskService.createTaskQuery().processInstanceId(pi).count()).isEqualTo(1);
        assertThat(refused).isEqualTo(ProtectedVariables.NAMES.size() * 23);
    }

    @Test
    void aBatchCannotWriteAProtectedVariableOnItsCreatorsBehalf() throws Exception {
        String pi = seededInstance();
        var before = variablesOf(pi);
        var answer = api.post("admin", "/engine-rest/process-instance/variables-async", Map.of("processInstanceIds", List.of(pi),
                "variables", Map.of("initiator", str("mallory"))));
        assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.OK);
        JsonNode batch = json.readTree(answer.getBody());
        try {
            // the batch's jobs run without an authenticated user, on the instructions of the one who created it
            for (var seed : managementService.createJobQuery().jobDefinitionId(batch.get("seedJobDefinitionId").asText()).list()) {
                managementService.executeJob(seed.getId());
            }
            var jobs = managementService.createJobQuery().jobDefinitionId(batch.get("batchJobDefinitionId").asText()).list();
            assertThat(jobs).isNotEmpty();
            for (var job : jobs) {
                assertRefusedInJob(job.getId(), "initiator");
            }
            assertThat(variablesOf(pi)).isEqualTo(before);
        } finally {
            managementService.deleteBatch(batch.get("id").asText(), true);
        }
    }

    @Test
    void aMessageStartCannotNameAnotherRequester() throws Exception {
        long before = historyService.createHistoricProcessInstanceQuery().processDefinitionKey("security-audit").count();
        var answer = api.post("sofia", "/engine-rest/message", Map.of("messageName", "security-audit-requested",
                "processVariables", Map.of("initiator", str("emma"))));
        assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getBody()).contains("initiator");
        assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey("security-audit").count()).isEqualTo(before);
    }

    @Test
    void whatAModelsExpressionWritesIsRefusedEvenWithoutAUser() throws Exception {
        String pi = startOverHttp("ivan", ROUTES, Map.of());
        // what ModelCodeInterceptor marks while the engine evaluates a model's expression or script (the model-code
        // deployment rules refuse such expressions first; this is the guard behind them, e.g. in the job executor)
        ProtectedVariables.enterModelCode();
        try {
            assertThatThrownBy(() -> runtimeService.setVariable(pi, "initiator", "mallory"))
                    .isInstanceOf(ContractViolationException.class).hasMessageContaining("initiator").hasMessageContaining("read-only");
            assertThatThrownBy(() -> runtimeService.removeVariable(pi, "initiator"))
                    .isInstanceOf(ContractViolationException.class).hasMessageContaining("read-only");
        } finally {
            ProtectedVariables.leaveModelCode();
        }
        assertThat(runtimeService.getVariable(pi, "initiator")).isEqualTo("ivan");
    }

    @Test
    void aModelThatMapsAValueOntoAProtectedVariableIsNotDeployed() {
        String model = """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                                  id="Definitions_ProtectedVariablesMapping" targetNamespace="http://commgov.io/test">
                  <bpmn:process id="protected-variables-mapping" isExecutable="true" camunda:historyTimeToLive="180">
                    <bpmn:startEvent id="StartEvent_Requested" camunda:initiator="initiator"/>
                    <bpmn:sequenceFlow id="Flow_ToRewrite" sourceRef="StartEvent_Requested" targetRef="Task_RewriteRequester"/>
                    <bpmn:manualTask id="Task_RewriteRequester" camunda:asyncBefore="true">
                      <bpmn:extensionElements><camunda:inputOutput>
                        <camunda:outputParameter name="initiator">mallory</camunda:outputParameter>
                      </camunda:inputOutput></bpmn:extensionElements>
                    </bpmn:manualTask>
                    <bpmn:sequenceFlow id="Flow_ToEnd" sourceRef="Task_RewriteRequester" targetRef="EndEvent_Done"/>
                    <bpmn:endEvent id="EndEvent_Done"/>
                  </bpmn:process>
                </bpmn:definitions>
                """;
        assertThatThrownBy(() -> repositoryService.createDeployment().name("test-protected-variables-mapping")
                .addString("protected-variables-mapping.bpmn", model).deploy())
                .hasMessageContaining("Rule protected-variable").hasMessageContaining("initiator");
        assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("protected-variables-mapping").count()).isZero();
    }

    @Test
    void commGovsOwnWritersAndTheEngineStillWriteThem() throws Exception {
        String pi = startOverHttp("ivan", ROUTES, Map.of());
        assertThat(runtimeService.getVariable(pi, "initiator")).isEqualTo("ivan");
        // a call without an authenticated user is the engine's or CommGov's own (no HTTP route reaches the engine without one)
        runtimeService.setVariable(pi, "summary", "set by the system");
        assertThat(runtimeService.getVariable(pi, "summary")).isEqualTo("set by the system");
        identityService.setAuthentication("admin", List.of("camunda-admin"));
        try {
            assertThatThrownBy(() -> runtimeService.setVariable(pi, "decidedBy", "admin"))
                    .isInstanceOf(ContractViolationException.class).hasMessageContaining("decidedBy");
            ProtectedVariables.writtenByCommGov(() -> runtimeService.setVariable(pi, "decidedBy", "ivan"));
        } finally {
            identityService.clearAuthentication();
        }
        assertThat(runtimeService.getVariable(pi, "decidedBy")).isEqualTo("ivan");
    }

    private String seededInstance() throws Exception {
        String pi = startOverHttp("ivan", ROUTES, Map.of());
        String task = taskOf(pi, "Task_LookByIt");
        for (String name : ProtectedVariables.NAMES) {
            if (!"initiator".equals(name)) {
                runtimeService.setVariable(pi, name, "seeded");
            }
            taskService.setVariableLocal(task, name, "seeded");
        }
        return pi;
    }

    private record Attempt(String user, String method, String path, Object body) {
        ResponseEntity<String> send(Api api) {
            return switch (method) {
                case "POST" -> api.post(user, path, body);
                case "PUT" -> api.put(user, path, body);
                case "DELETE" -> api.delete(user, path);
                default -> throw new IllegalArgumentException(method);
            };
        }

        @Override
        public String toString() {
            return user + " " + method + " " + path + " " + body;
        }
    }

    private void assertRefused(ResponseEntity<String> answer, String name) throws Exception {
        assertRefused(answer, name, name);
    }

    private void assertRefused(ResponseEntity<String> answer, String name, String what) throws Exception {
        assertThat(answer.getStatusCode()).as(what + " -> " + answer.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        JsonNode body = json.readTree(answer.getBody());
        assertThat(body.path("errors").isArray()).as(what + " -> " + answer.getBody()).isTrue();
        boolean named = false;
        for (JsonNode error : body.get("errors")) {
            named |= name.equals(error.path("field").asText()) && "read-only".equals(error.path("rule").asText());
        }
        assertThat(named).as(what + " -> " + answer.getBody()).isTrue();
    }

    // the engine may wrap the refusal (e.g. in the expression's ProcessEngineException): the violation is in the chain
    private void assertRefusedInJob(String jobId, String name) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> managementService.executeJob(jobId));
        assertThat(thrown).as("job " + jobId).isNotNull();
        Throwable violation = thrown;
        while (violation != null && !(violation instanceof ContractViolationException)) {
            violation = violation.getCause();
        }
        assertThat(violation).as(String.valueOf(thrown)).isInstanceOf(ContractViolationException.class);
        assertThat(((ContractViolationException) violation).violations())
                .anySatisfy(v -> assertThat(v.field() + "/" + v.rule()).isEqualTo(name + "/read-only"));
    }

    private String startOverHttp(String user, String key, Map<String, Object> variables) throws Exception {
        var answer = api.post(user, "/engine-rest/process-definition/key/" + key + "/start", Map.of("variables", variables));
        assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.OK);
        String id = json.readTree(answer.getBody()).get("id").asText();
        started.add(id);
        return id;
    }

    private String taskOf(String pi, String step) {
        return taskService.createTaskQuery().processInstanceId(pi).taskDefinitionKey(step).singleResult().getId();
    }

    // every variable of the request, wherever it lives (instance, execution, task), with its value
    private List<String> variablesOf(String pi) {
        return runtimeService.createVariableInstanceQuery().processInstanceIdIn(pi).list().stream()
                .map(v -> v.getName() + "@" + v.getExecutionId() + "/" + v.getTaskId() + "=" + v.getValue())
                .sorted().toList();
    }

    private static Map<String, Object> str(String value) {
        return Api.var(value, "String");
    }
}
