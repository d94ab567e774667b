package io.commgov.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.io.IOException;

import io.commgov.support.Api;
import io.commgov.support.CommGovIntegrationTest;
import io.commgov.support.ModelChangeApprovals;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
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
 * A model that breaks a deployment rule is refused whole, by the engine API and by REST as Camunda Modeler uses it
 * (multipart {@code POST /engine-rest/deployment/create}); a valid change becomes a new version beside the running one.
 */
@CommGovIntegrationTest
class DeploymentRulesTest {

    @Autowired RepositoryService repositoryService;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired TestRestTemplate rest;
    @Autowired ProcessEngine processEngine;

    @BeforeEach
    void useThisEngine() {
        BpmnAwareTests.init(processEngine);
    }

    @Test
    void historyKeptLessThan180DaysIsRefusedNamingTheRule() {
        assertThatThrownBy(() -> repositoryService.createDeployment()
                .addClasspathResource("io/commgov/engine/short-retention.bpmn").deploy())
                .isInstanceOf(ParseException.class)
                .hasMessageContaining("retention-minimum")
                .hasMessageContaining("30 days")
                .hasMessageContaining("at least 180 days");
        assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("short-retention").count()).isZero();
    }

    @Test
    void aUserTaskWithoutAFormIsRefused() {
        assertThatThrownBy(() -> repositoryService.createDeployment()
                .addClasspathResource("io/commgov/engine/task-without-form.bpmn").deploy())
                .isInstanceOf(ParseException.class)
                .hasMessageContaining("user-task-form")
                .hasMessageContaining("Task_DoSomething");
    }

    @Test
    void aProcessOwnerDeployingFromModelerGets400NamingTheRule() {
        assertRefused(deployAs("peter", "io/commgov/engine/short-retention.bpmn"), "short-retention",
                "retention-minimum", "30 days");
    }

    @Test
    void aUserTaskWithoutAFormIsRefusedOverRest() {
        assertRefused(deployAs("peter", "io/commgov/engine/task-without-form.bpmn"), "task-without-form",
                "user-task-form", "Task_DoSomething");
    }

    @Test
    void aUserTaskNobodyMayDoIsRefused() {
        assertRefused(deployAs("peter", "io/commgov/engine/task-without-candidates.bpmn"), "task-without-candidates",
                "user-task-candidate", "Task_NobodysJob");
    }

    @Test
    void anSlaOnAnUnknownCalendarIsRefused() {
        assertRefused(deployAs("peter", "io/commgov/engine/unknown-calendar.bpmn"), "unknown-calendar",
                "sla-calendar", "lunar-new-year", "workdays");
    }

    @Test
    void generatedIdsAreRefused() {
        var response = deployAs("peter", "io/commgov/engine/generated-ids.bpmn");
        assertRefused(response, "generated-ids", "readable-id", "Activity_0kf3x1z", "Flow_0x9y8z7");
        assertThat(response.getBody()).doesNotContain("'Flow_ToEnd'").doesNotContain("'EndEvent_Done'");
    }

    @Test
    void aGeneratedProcessIdIsRefused() {
        assertRefused(deployAs("peter", "io/commgov/engine/generated-process-id.bpmn"), "Process_1xq2n3m",
                "readable-id", "Process_1xq2n3m");
    }

    @Test
    void aDecisionKeptLessThan180DaysIsRefusedAndNothingOfItsDeploymentStays() {
        long deploymentsBefore = repositoryService.createDeploymentQuery().count();
        var response = deployAs("peter", "io/commgov/engine/short-retention.dmn");
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody()).contains("retention-minimum").contains("Decision_ShortRetention").contains("30 days");
        assertThat(repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey("Decision_ShortRetention").count()).isZero();
        assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(deploymentsBefore);

        var kept = deployAs("peter", "io/commgov/engine/long-retention.dmn");
        assertThat(kept.getStatusCode()).as(kept.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey("Decision_LongRetention")
                .latestVersion().singleResult().getHistoryTimeToLive()).isEqualTo(180);
    }

    @Test
    void aProcessOwnerMayDeployAndOthersMayNot() {
        var deployed = deployAs("peter", "io/commgov/validation/contract-demo.bpmn");
        assertThat(deployed.getStatusCode()).isEqualTo(HttpStatus.OK);
        ModelChangeApprovals.approve(rest, runtimeService, taskService, deployed);
        for (String user : new String[] {"emma", "ivan"}) {
            var refused = deployAs(user, "io/commgov/validation/contract-demo.bpmn");
            assertThat(refused.getStatusCode()).as(user + ": " + refused.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
        }
    }

    @Test
    void aChangedModelFromModelerBecomesTheNextVersionAndRunningInstancesStayOnTheirs() throws IOException {
        var first = deployAs("peter", modelerFile("io/commgov/engine/modeler-roundtrip.v1.bpmn"));
        assertThat(first.getStatusCode()).as(first.getBody()).isEqualTo(HttpStatus.OK);
        ModelChangeApprovals.approve(rest, runtimeService, taskService, first);
        ProcessDefinition v1 = latest();
        ProcessInstance onV1 = runtimeService.startProcessInstanceByKey("modeler-roundtrip");
        assertThat(onV1).isWaitingAt("Task_HandleRequest");

        var unchanged = deployAs("peter", modelerFile("io/commgov/engine/modeler-roundtrip.v1.bpmn"));
        assertThat(unchanged.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(latest().getId()).as("deploy-changed-only: the same file is no new version").isEqualTo(v1.getId());

        var second = deployAs("peter", modelerFile("io/commgov/engine/modeler-roundtrip.v2.bpmn"));
        assertThat(second.getStatusCode()).as(second.getBody()).isEqualTo(HttpStatus.OK);
        ModelChangeApprovals.approve(rest, runtimeService, taskService, second);
        ProcessDefinition v2 = latest();
        assertThat(v2.getVersion()).isEqualTo(v1.getVersion() + 1);
        assertThat(second.getBody()).contains(v2.getId());

        // the running instance finishes on v1: one task, then the end
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(onV1.getId()).singleResult()
                .getProcessDefinitionId()).isEqualTo(v1.getId());
        taskService.complete(taskService.createTaskQuery().processInstanceId(onV1.getId()).singleResult().getId());
        assertThat(onV1).isEnded().hasPassed("EndEvent_Done").hasNotPassed("Task_ConfirmHandled");

        // a new start runs v2, with its added task
        ProcessInstance onV2 = runtimeService.startProcessInstanceByKey("modeler-roundtrip");
        assertThat(onV2.getProcessDefinitionId()).isEqualTo(v2.getId());
        taskService.complete(taskService.createTaskQuery().processInstanceId(onV2.getId()).singleResult().getId());
        assertThat(onV2).isWaitingAt("Task_ConfirmHandled");
    }

    private ProcessDefinition latest() {
        return repositoryService.createProcessDefinitionQuery().processDefinitionKey("modeler-roundtrip").latestVersion().singleResult();
    }

    private void assertRefused(ResponseEntity<String> response, String key, String... named) {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody()).contains(named);
        assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey(key).count()).isZero();
    }

    /** The file as Modeler sends it: its content under its own file name, whatever the test resource is called. */
    private static ByteArrayResource modelerFile(String resource) throws IOException {
        byte[] bytes = new ClassPathResource(resource).getContentAsByteArray();
        return new ByteArrayResource(bytes) {
            @Override
            public String getFilename() {
                return "modeler-roundtrip.bpmn";
            }
        };
    }

    private ResponseEntity<String> deployAs(String user, String resource) {
        return deployAs(user, new ClassPathResource(resource));
    }

    private ResponseEntity<String> deployAs(String user, org.springframework.core.io.Resource file) {
        var form = new LinkedMultiValueMap<String, Object>();
        form.add("deployment-name", "modeler-" + user + "-" + file.getFilename());
        form.add("deployment-source", "Camunda Modeler");
        form.add("deploy-changed-only", "true");
        form.add(file.getFilename(), file);
        var headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return rest.withBasicAuth(user, Api.passwordOf(user))
                .postForEntity("/engine-rest/deployment/create", new HttpEntity<>(form, headers), String.class);
    }
}
