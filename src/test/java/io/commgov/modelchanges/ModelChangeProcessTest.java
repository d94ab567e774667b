package io.commgov.modelchanges;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.commgov.audit.AuditSearch;
import io.commgov.support.Api;
import io.commgov.support.CommGovIntegrationTest;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

/**
 * model-change (R-SOD): a process owner's deployment from Modeler is accepted (200) but held suspended (no start, no
 * timer) until another process owner or a security officer approves it; a rejection deletes it; the deployer can
 * neither hold nor decide their own change; every step is on the audit trail. Driven over HTTP as the demo users.
 */
@CommGovIntegrationTest
class ModelChangeProcessTest {

    @Autowired ProcessEngine processEngine;
    @Autowired RepositoryService repositoryService;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired HistoryService historyService;
    @Autowired AuditSearch auditSearch;
    @Autowired TestRestTemplate rest;
    @Autowired ObjectMapper json;
    Api api;

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(processEngine);
        api = new Api(rest);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void aModelerDeploymentAnswers200AndStaysSuspendedWithoutTimersUntilASecondOwnerApprovesIt() throws Exception {
        String key = "change-demo-approved";
        var deployed = deployAs("peter", key, "change-demo.v1.bpmn");
        assertThat(deployed.getStatusCode()).as(deployed.getBody()).isEqualTo(HttpStatus.OK);
        String deploymentId = json.readTree(deployed.getBody()).get("id").asText();

        ProcessDefinition held = latest(key);
        assertThat(held.isSuspended()).as("held until approved").isTrue();
        assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey(key)).isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("suspended");
        var adminStart = api.post("admin", "/engine-rest/process-definition/key/" + key + "/start", Map.of());
        assertThat(adminStart.getStatusCode()).as("nobody, not even the platform administrator, starts it").isEqualTo(HttpStatus.CONFLICT);
        assertThat(adminStart.getBody()).contains("suspended", "model-change");
        // the timer start job exists, held: once due the job executor would not pick it up
        ClockUtil.setCurrentTime(Date.from(new Date().toInstant().plus(Duration.ofHours(2))));
        assertThat(managementService.createJobQuery().processDefinitionId(held.getId()).timers().suspended().count()).isEqualTo(1);
        assertThat(managementService.createJobQuery().processDefinitionId(held.getId()).active().count()).isZero();
        assertThat(managementService.createJobDefinitionQuery().processDefinitionId(held.getId()).active().count()).isZero();
        String timerId = managementService.createJobQuery().processDefinitionId(held.getId()).timers().singleResult().getId();
        managementService.executeJob(timerId);
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionId(held.getId()).count())
                .as("even run by hand, the held timer starts nothing").isZero();
        assertThat(managementService.createJobQuery().processDefinitionId(held.getId()).timers().count()).isEqualTo(1);
        assertThat(managementService.createJobQuery().processDefinitionId(held.getId()).active().count()).isZero();

        ProcessInstance approval = approvalOf(deploymentId);
        assertThat(approval).isWaitingAt("Task_ApproveModelChange");
        Task task = taskService.createTaskQuery().processInstanceId(approval.getId()).singleResult();
        assertThat(task.getName()).isEqualTo("审批模型变更：" + key + " v1");
        assertThat(taskService.getIdentityLinksForTask(task.getId())).filteredOn(l -> IdentityLinkType.CANDIDATE.equals(l.getType()))
                .extracting(l -> l.getGroupId()).containsExactlyInAnyOrder("process-owner", "security");
        String changes = (String) runtimeService.getVariable(approval.getId(), "changes");
        assertThat(changes).contains("部署人 peter", "流程 " + key + " 版本 1（新流程）", "R/PT1H", "PT4H", "camunda:candidateGroups",
                "「it」", "historyTimeToLive");

        assertThat(decide("paula", task.getId(), true, "核对无误").getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(approval).isEnded().hasPassed("Task_ActivateModelChange", "EndEvent_ChangeLive");
        assertThat(latest(key).isSuspended()).isFalse();
        assertThat(managementService.createJobQuery().processDefinitionId(held.getId()).timers().active().count()).isEqualTo(1);
        assertThat(runtimeService.startProcessInstanceByKey(key)).isWaitingAt("Task_HandleRequest");
        assertThat(audit("model-change.submitted", deploymentId)).singleElement()
                .satisfies(e -> assertThat(e.actor()).isEqualTo("peter"));
        assertThat(audit("model-change.activated", deploymentId)).singleElement()
                .satisfies(e -> assertThat(e.actor()).isEqualTo("paula"));
    }

    @Test
    void aRejectedChangeIsDeletedWithItsDeploymentAndTheLiveVersionStays() throws Exception {
        String key = "change-demo-rejected";
        repositoryService.createDeployment().name("test-" + key).addString(key + ".bpmn", model(key, "change-demo.v1.bpmn")).deploy();
        ProcessDefinition live = latest(key);
        assertThat(live.isSuspended()).as("a deployment without a person goes live at once").isFalse();

        var deployed = deployAs("peter", key, "change-demo.v2.bpmn");
        assertThat(deployed.getStatusCode()).as(deployed.getBody()).isEqualTo(HttpStatus.OK);
        String deploymentId = json.readTree(deployed.getBody()).get("id").asText();
        ProcessInstance approval = approvalOf(deploymentId);
        String changes = (String) runtimeService.getVariable(approval.getId(), "changes");
        assertThat(changes).contains("与线上版本 1 相比", "新增元素：Task_ConfirmHandled", "新增元素：Gateway_NeedsConfirmation",
                "候选人：Task_HandleRequest camunda:candidateGroups：「it」 → 「it,security」",
                "候选人：Task_ConfirmHandled camunda:candidateUsers：（无） → 「ian」",
                "时限（SLA）：TimerEventDefinition_HandleSla bpmn:timeDuration：「PT4H」 → 「PT8H」",
                "表达式：Flow_Confirm bpmn:conditionExpression：（无） → 「${urgent}」",
                "保留期限：change-demo-rejected camunda:historyTimeToLive：「P180D」 → 「P200D」")
                .doesNotContain("R/PT1H");
        String taskId = taskService.createTaskQuery().processInstanceId(approval.getId()).singleResult().getId();

        var withoutReason = decide("sofia", taskId, false, null);
        assertThat(withoutReason.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(withoutReason.getBody()).contains("comment", "required-when-rejected");

        assertThat(decide("sofia", taskId, false, "候选组不应加入 security").getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(approval).isEnded().hasPassed("Task_DiscardModelChange", "EndEvent_ChangeDiscarded");
        assertThat(repositoryService.createDeploymentQuery().deploymentId(deploymentId).count()).isZero();
        assertThat(latest(key).getId()).isEqualTo(live.getId());
        assertThat(managementService.createJobQuery().processDefinitionId(live.getId()).timers().active().count())
                .as("the live version's timer start is back").isEqualTo(1);
        assertThat(audit("model-change.rejected", deploymentId)).singleElement().satisfies(e -> assertThat(e.actor()).isEqualTo("sofia"));
    }

    @Test
    void theDeployerCanNeitherClaimNorBeAssignedNorApproveTheirOwnChange() throws Exception {
        String key = "change-demo-self";
        var deployed = deployAs("peter", key, "change-demo.v1.bpmn");
        String deploymentId = json.readTree(deployed.getBody()).get("id").asText();
        ProcessInstance approval = approvalOf(deploymentId);
        String taskId = taskService.createTaskQuery().processInstanceId(approval.getId()).singleResult().getId();

        var claim = api.post("peter", "/engine-rest/task/" + taskId + "/claim", Map.of("userId", "peter"));
        assertThat(claim.getStatusCode()).as(claim.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(claim.getBody()).contains("assignee", "four-eyes");
        var assign = api.post("paula", "/engine-rest/task/" + taskId + "/assignee", Map.of("userId", "peter"));
        assertThat(assign.getStatusCode()).as(assign.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(assign.getBody()).contains("four-eyes");
        var complete = decide("peter", taskId, true, null);
        assertThat(complete.getStatusCode()).as(complete.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(complete.getBody()).contains("approved", "four-eyes");

        // nor switch the held definition and its jobs on around the approval
        String heldId = latest(key).getId();
        var activate = api.put("peter", "/engine-rest/process-definition/" + heldId + "/suspended",
                Map.of("suspended", false, "includeProcessInstances", false));
        assertThat(activate.getStatusCode()).as(activate.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
        var activateJobs = api.put("peter", "/engine-rest/job-definition/suspended",
                Map.of("processDefinitionId", heldId, "suspended", false, "includeJobs", true));
        assertThat(activateJobs.getStatusCode().is2xxSuccessful()).as(activateJobs.getBody()).isFalse();
        assertThat(managementService.createJobQuery().processDefinitionId(heldId).active().count()).isZero();

        assertThat(taskService.createTaskQuery().taskId(taskId).singleResult().getAssignee()).as("nothing changed").isNull();
        assertThat(latest(key).isSuspended()).isTrue();
        assertThat(audit("model-change.four-eyes.refused", deploymentId)).hasSize(3).allSatisfy(e -> assertThat(e.actor()).isEqualTo("peter"));

        // nor through Tasklist's form route, nor as a delegate
        var submit = api.post("peter", "/engine-rest/task/" + taskId + "/submit-form",
                Map.of("variables", Map.of("approved", Api.var(true, "Boolean"))));
        assertThat(submit.getStatusCode()).as(submit.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(submit.getBody()).contains("four-eyes");
        var delegate = api.post("paula", "/engine-rest/task/" + taskId + "/delegate", Map.of("userId", "peter"));
        assertThat(delegate.getStatusCode()).as(delegate.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(taskService.createTaskQuery().taskId(taskId).singleResult().getAssignee()).as("still nobody's").isNull();
        assertThat(latest(key).isSuspended()).isTrue();

        // nor can a task holder rewrite what the approver is shown
        var rewrite = api.put("peter", "/engine-rest/task/" + taskId + "/variables/changes", Api.var("无改动", "String"));
        if (rewrite.getStatusCode().is2xxSuccessful()) {
            var onRewritten = decide("sofia", taskId, true, null);
            assertThat(onRewritten.getStatusCode()).as(onRewritten.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(onRewritten.getBody()).contains("changed-after-deployment");
            assertThat(latest(key).isSuspended()).isTrue();
        }
        assertThat(api.post("paula", "/engine-rest/task/" + taskId + "/claim", Map.of("userId", "paula")).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        runtimeService.setVariable(approval.getId(), "changes", changesAsWritten(approval, deploymentId));
        assertThat(decide("paula", taskId, false, "测试结束").getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(approval).isEnded();
    }

    @Test
    void aRedeployIsAChangeLikeAnyOtherAndNobodyStartsTheApprovalByHand() throws Exception {
        String key = "change-demo-redeploy";
        repositoryService.createDeployment().name("test-" + key).addString(key + ".bpmn", model(key, "change-demo.v1.bpmn")).deploy();
        String liveDeployment = latest(key).getDeploymentId();

        var redeployed = api.post("peter", "/engine-rest/deployment/" + liveDeployment + "/redeploy", Map.of());
        assertThat(redeployed.getStatusCode()).as(redeployed.getBody()).isEqualTo(HttpStatus.OK);
        String deploymentId = json.readTree(redeployed.getBody()).get("id").asText();
        assertThat(latest(key).isSuspended()).isTrue();
        ProcessInstance approval = approvalOf(deploymentId);
        assertThat((String) runtimeService.getVariable(approval.getId(), "changes")).contains("与上一版本内容相同（无改动）");

        var byHand = api.post("admin", "/engine-rest/process-definition/key/model-change/start",
                Map.of("businessKey", liveDeployment, "variables", Map.of("changes", Api.var("无改动", "String"))));
        assertThat(byHand.getStatusCode()).as(byHand.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(byHand.getBody()).contains("started-by-deployment");

        String taskId = taskService.createTaskQuery().processInstanceId(approval.getId()).singleResult().getId();
        assertThat(decide("paula", taskId, true, null).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(latest(key).isSuspended()).isFalse();
    }

    @Test
    void aPersonMayAddADecisionButNotChangeALiveOne() throws Exception {
        long before = repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey("Decision_ChangeDemoScore").count();
        var added = deploy("peter", "change-demo-score.dmn", new ClassPathResource("io/commgov/modelchanges/change-demo-score.dmn")
                .getContentAsByteArray());
        if (before == 0) {
            assertThat(added.getStatusCode()).as(added.getBody()).isEqualTo(HttpStatus.OK);
            ProcessInstance approval = approvalOf(json.readTree(added.getBody()).get("id").asText());
            assertThat((String) runtimeService.getVariable(approval.getId(), "changes")).contains("新增决策 Decision_ChangeDemoScore 版本 1");
            String taskId = taskService.createTaskQuery().processInstanceId(approval.getId()).singleResult().getId();
            assertThat(decide("sofia", taskId, true, null).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        }
        long deployments = repositoryService.createDeploymentQuery().count();
        var changed = deploy("peter", "change-demo-score.dmn", new ClassPathResource("io/commgov/modelchanges/change-demo-score.dmn")
                .getContentAsString(StandardCharsets.UTF_8).replace("&lt; 100", "&lt; 200").getBytes(StandardCharsets.UTF_8));
        assertThat(changed.getStatusCode()).as(changed.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(changed.getBody()).contains("model-change-live-decision", "Decision_ChangeDemoScore");
        assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(deployments);
    }

    private String changesAsWritten(ProcessInstance approval, String deploymentId) {
        // the first value the engine wrote at the start, from the history of the variable
        return historyService.createHistoricDetailQuery().processInstanceId(approval.getId()).variableUpdates().list().stream()
                .map(d -> (org.camunda.bpm.engine.history.HistoricVariableUpdate) d)
                .filter(d -> d.getVariableName().equals("changes")).sorted(java.util.Comparator.comparingInt(d -> d.getRevision()))
                .map(d -> (String) d.getValue()).findFirst().orElseThrow(() -> new AssertionError("no history of changes for " + deploymentId));
    }

    private java.util.List<io.commgov.audit.AuditEntry> audit(String eventType, String deploymentId) {
        return auditSearch.find(new AuditSearch.Query(null, "deployment", deploymentId, eventType, null, null), 0, 10).entries();
    }

    private ProcessInstance approvalOf(String deploymentId) {
        ProcessInstance approval = runtimeService.createProcessInstanceQuery().processDefinitionKey("model-change")
                .processInstanceBusinessKey(deploymentId).singleResult();
        assertThat(approval).as("model-change for deployment " + deploymentId).isNotNull();
        return approval;
    }

    private ProcessDefinition latest(String key) {
        return repositoryService.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion().singleResult();
    }

    private ResponseEntity<String> decide(String user, String taskId, boolean approved, String comment) {
        Map<String, Object> variables = new java.util.HashMap<>();
        variables.put("approved", Api.var(approved, "Boolean"));
        if (comment != null) {
            variables.put("comment", Api.var(comment, "String"));
        }
        return api.post(user, "/engine-rest/task/" + taskId + "/complete", Map.of("variables", variables));
    }

    private static String model(String key, String resource) throws IOException {
        return new ClassPathResource("io/commgov/modelchanges/" + resource).getContentAsString(StandardCharsets.UTF_8)
                .replace("\"change-demo\"", "\"" + key + "\"");
    }

    /** As Camunda Modeler deploys: multipart, deploy-changed-only, its source name. */
    private ResponseEntity<String> deployAs(String user, String key, String resource) throws IOException {
        return deploy(user, key + ".bpmn", model(key, resource).getBytes(StandardCharsets.UTF_8));
    }

    private ResponseEntity<String> deploy(String user, String fileName, byte[] content) {
        var form = new LinkedMultiValueMap<String, Object>();
        form.add("deployment-name", fileName);
        form.add("deployment-source", "Camunda Modeler");
        form.add("deploy-changed-only", "true");
        form.add(fileName, new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return fileName;
            }
        });
        var headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return rest.withBasicAuth(user, Api.passwordOf(user))
                .postForEntity("/engine-rest/deployment/create", new HttpEntity<>(form, headers), String.class);
    }
}
