package io.commgov.support;

import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

/** A person's deployment waits for a second person (model-change): tests that deploy as peter have paula approve it. */
public final class ModelChangeApprovals {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelChangeApprovals() {
    }

    /** Approves, as paula over REST (if it still waits), the deployment a {@code POST /engine-rest/deployment/create} answered with. */
    public static void approve(TestRestTemplate rest, RuntimeService runtimeService, TaskService taskService,
                               ResponseEntity<String> deployed) {
        String deploymentId;
        try {
            deploymentId = JSON.readTree(deployed.getBody()).get("id").asText();
        } catch (java.io.IOException e) {
            throw new AssertionError("not a deployment: " + deployed.getBody(), e);
        }
        var approval = runtimeService.createProcessInstanceQuery().processDefinitionKey("model-change")
                .processInstanceBusinessKey(deploymentId).singleResult();
        if (approval == null) {
            return; // deploy-changed-only answered with an earlier deployment, decided already
        }
        String taskId = taskService.createTaskQuery().processInstanceId(approval.getId()).singleResult().getId();
        var answer = new Api(rest).post("paula", "/engine-rest/task/" + taskId + "/complete",
                Map.of("variables", Map.of("approved", Api.var(true, "Boolean"))));
        if (answer.getStatusCode().value() != 204) {
            throw new AssertionError("paula could not approve deployment " + deploymentId + ": " + answer);
        }
    }
}
