package io.commgov.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.commgov.support.CommGovIntegrationTest;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 19, finding 6 (part): the standalone history-cleanup job is the platform administrator's; a Java-serialized
 * variable is the caller's error naming the variable; {@code /error} asked for directly is a clean 404; the process owner
 * and the security officer see definitions, statistics and the operation log, not people's variables.
 */
@CommGovIntegrationTest
class SmallHolesTest {

    /** An empty {@code java.util.HashMap} in Java serialization, as a hostile client would send a gadget chain. */
    private static final String SERIALIZED_MAP = "rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcAUH2sHDFmDRAwACRgAKbG9hZEZhY3RvckkACXRocmVzaG9sZHhwP0AAAAAAAAB3CAAAABAAAAAAeA==";
    private static final String SERIALIZED_VARIABLE = "{\"type\":\"Object\",\"value\":\"" + SERIALIZED_MAP + "\",\"valueInfo\":"
            + "{\"serializationDataFormat\":\"application/x-java-serialized-object\",\"objectTypeName\":\"java.util.HashMap\"}}";

    @LocalServerPort int port;
    @Autowired ObjectMapper json;
    @Autowired HistoryService historyService;
    @Autowired ManagementService managementService;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;

    private final List<String> started = new ArrayList<>();

    @AfterEach
    void removeWhatWasStarted() {
        for (String id : started) {
            if (runtimeService.createProcessInstanceQuery().processInstanceId(id).count() > 0) {
                runtimeService.deleteProcessInstance(id, "small-holes test clean-up", true, true);
            }
            if (historyService.createHistoricProcessInstanceQuery().processInstanceId(id).count() > 0) {
                historyService.deleteHistoricProcessInstance(id);
            }
        }
    }

    private Http http() {
        return new Http(port, Duration.ofSeconds(20));
    }

    @Test
    void onlyThePlatformAdministratorMayActOnTheStandaloneHistoryCleanupJob() throws Exception {
        Job cleanup = historyCleanupJob();
        var http = http();
        String job = "/engine-rest/job/" + cleanup.getId();
        for (String user : new String[] {"emma", "ivan", "ian", "sofia", "peter"}) {
            assertThat(http.post(user, job + "/execute", null).status()).as(user + " executes the history cleanup").isEqualTo(403);
            assertThat(http.send(user, "PUT", job + "/retries", "{\"retries\":0}", "application/json").status())
                    .as(user + " sets its retries").isEqualTo(403);
            assertThat(http.send(user, "PUT", job + "/duedate", "{\"duedate\":\"2099-01-01T00:00:00.000+0800\"}", "application/json").status())
                    .as(user + " moves it").isEqualTo(403);
            assertThat(http.send(user, "PUT", job + "/suspended", "{\"suspended\":true}", "application/json").status())
                    .as(user + " suspends it").isEqualTo(403);
            assertThat(http.send(user, "PUT", job + "/priority", "{\"priority\":-1}", "application/json").status())
                    .as(user + " changes its priority").isEqualTo(403);
            assertThat(http.send(user, "DELETE", job, null, null).status()).as(user + " deletes it").isEqualTo(403);
            assertThat(http.post(user, "/engine-rest/history/cleanup", null).status()).as(user + " schedules a cleanup").isEqualTo(403);
        }
        Job after = managementService.createJobQuery().jobId(cleanup.getId()).singleResult();
        assertThat(after).as("the cleanup job is still there").isNotNull();
        assertThat(after.getDuedate()).isEqualTo(cleanup.getDuedate());
        assertThat(after.getRetries()).isEqualTo(cleanup.getRetries());
        assertThat(after.isSuspended()).isFalse();
        assertThat(after.getPriority()).isEqualTo(cleanup.getPriority());
        // the administrator keeps the operator's powers (same retries: nothing changes)
        assertThat(http.send("admin", "PUT", job + "/retries", "{\"retries\":" + cleanup.getRetries() + "}", "application/json").status())
                .isEqualTo(204);
    }

    @Test
    void aJavaSerializedVariableIsTheCallersErrorNamingTheVariableOnEveryRoute() throws Exception {
        var http = http();
        long before = historyService.createHistoricProcessInstanceQuery().count();
        var start = http.post("emma", "/engine-rest/process-definition/key/fault-escalation/start", "{\"variables\":{"
                + "\"symptom\":{\"value\":\"会议无法加入\",\"type\":\"String\"},\"impactScope\":{\"value\":\"USER\",\"type\":\"String\"},"
                + "\"platformDown\":{\"value\":false,\"type\":\"Boolean\"},\"gadget\":" + SERIALIZED_VARIABLE + "}}");
        assertRefusedNaming(start, "gadget");
        assertThat(historyService.createHistoricProcessInstanceQuery().count()).as("nothing started").isEqualTo(before);

        String fault = startFault(http);
        String task = taskService.createTaskQuery().processInstanceId(fault).taskDefinitionKey("Task_RespondToFault").singleResult().getId();
        assertThat(http.post("ivan", "/engine-rest/task/" + task + "/claim", "{\"userId\":\"ivan\"}").status()).isEqualTo(204);
        assertRefusedNaming(http.post("ivan", "/engine-rest/task/" + task + "/complete", "{\"variables\":{\"gadget\":" + SERIALIZED_VARIABLE + "}}"),
                "gadget");
        assertRefusedNaming(http.send("ivan", "PUT", "/engine-rest/task/" + task + "/variables/gadget", SERIALIZED_VARIABLE, "application/json"),
                "gadget");
        assertRefusedNaming(http.send("ivan", "PUT", "/engine-rest/task/" + task + "/localVariables/gadget", SERIALIZED_VARIABLE,
                "application/json"), "gadget");
        assertRefusedNaming(http.post("ivan", "/engine-rest/task/" + task + "/variables", "{\"modifications\":{\"gadget\":"
                + SERIALIZED_VARIABLE + "}}"), "gadget");
        assertRefusedNaming(http.send("admin", "PUT", "/engine-rest/process-instance/" + fault + "/variables/gadget", SERIALIZED_VARIABLE,
                "application/json"), "gadget");
        assertRefusedNaming(http.post("admin", "/engine-rest/process-instance/" + fault + "/variables", "{\"modifications\":{\"gadget\":"
                + SERIALIZED_VARIABLE + "}}"), "gadget");
        assertThat(taskService.createTaskQuery().taskId(task).count()).as("the task is still open").isEqualTo(1);
        assertThat(runtimeService.getVariable(fault, "gadget")).isNull();
        assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(fault).variableName("gadget").count()).isZero();
    }

    @Test
    void theErrorPageAskedForDirectlyIsACleanNotFound() throws Exception {
        var http = http();
        for (String user : new String[] {null, "emma", "admin"}) {
            for (String path : new String[] {"/error", "/error/", "/error?trace=true", "/error/x"}) {
                var answer = http.get(user, path);
                assertThat(answer.status()).as(answer.toString()).isEqualTo(404);
                assertThat(answer.contentType()).as(answer.toString()).contains("json");
                assertThat(answer.body()).as(answer.toString()).doesNotContain("Exception").doesNotContain("trace").doesNotContain(".java");
                assertThat(json.readTree(answer.body()).path("type").asText()).isEqualTo("NotFound");
            }
        }
        // a real error still renders through /error: an unknown page is a 404, not a 500
        var unknown = http.get("emma", "/api/no-such-endpoint");
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);
    }

    /**
     * The process owner needs definitions and statistics, the security officer the audit trail; neither reads people's
     * variables or instance history (least privilege, R-CLI-2).
     */
    @Test
    void theProcessOwnerAndTheSecurityOfficerSeeNoOnesVariables() throws Exception {
        var http = http();
        String fault = startFault(http);
        String task = taskService.createTaskQuery().processInstanceId(fault).taskDefinitionKey("Task_RespondToFault").singleResult().getId();
        assertThat(http.post("ivan", "/engine-rest/task/" + task + "/claim", "{\"userId\":\"ivan\"}").status()).isEqualTo(204);
        for (String user : new String[] {"peter", "sofia"}) {
            for (String path : new String[] {"/engine-rest/history/variable-instance?processInstanceId=" + fault,
                    "/engine-rest/history/detail?processInstanceId=" + fault,
                    "/engine-rest/history/process-instance?processInstanceId=" + fault,
                    "/engine-rest/history/activity-instance?processInstanceId=" + fault,
                    "/engine-rest/history/task?processInstanceId=" + fault,
                    "/engine-rest/variable-instance?processInstanceIdIn=" + fault,
                    "/engine-rest/process-instance?processInstanceIds=" + fault}) {
                var answer = http.get(user, path);
                assertThat(answer.status()).as(answer.toString()).isIn(200, 403);
                if (answer.status() == 200) {
                    assertThat(json.readTree(answer.body()).size()).as(user + " reads " + answer).isZero();
                }
            }
            var variable = http.get(user, "/engine-rest/process-instance/" + fault + "/variables/symptom");
            assertThat(variable.status()).as(variable.toString()).isIn(403, 404);
            // definitions and Cockpit's statistics stay readable: running instances are counted, not shown
            var definitions = http.get(user, "/engine-rest/process-definition?key=fault-escalation&latestVersion=true");
            assertThat(json.readTree(definitions.body()).size()).as(definitions.toString()).isEqualTo(1);
            var statistics = http.get(user, "/engine-rest/process-definition/statistics");
            assertThat(statistics.status()).as(statistics.toString()).isEqualTo(200);
            JsonNode faults = null;
            for (JsonNode s : json.readTree(statistics.body())) {
                if ("fault-escalation".equals(s.path("definition").path("key").asText()) && (faults == null
                        || s.path("instances").asInt() > faults.path("instances").asInt())) {
                    faults = s;
                }
            }
            assertThat(faults).as(user + " sees the fault-escalation statistics").isNotNull();
            assertThat(faults.path("instances").asInt()).isPositive();
        }
        // the security officer reads the engine's operation log (who did what, no values): ivan's claim is there
        var log = http.get("sofia", "/engine-rest/history/user-operation?taskId=" + task + "&operationType=Claim");
        assertThat(log.status()).as(log.toString()).isEqualTo(200);
        assertThat(json.readTree(log.body()).size()).as(log.toString()).isPositive();
        assertThat(json.readTree(log.body()).get(0).path("userId").asText()).isEqualTo("ivan");
        var ownersLog = http.get("peter", "/engine-rest/history/user-operation?taskId=" + task);
        assertThat(json.readTree(ownersLog.body()).size()).as("the process owner does not read the operation log").isZero();
    }

    private Job historyCleanupJob() {
        List<Job> jobs = historyService.findHistoryCleanupJobs();
        if (jobs.isEmpty()) {
            historyService.cleanUpHistoryAsync();
            jobs = historyService.findHistoryCleanupJobs();
        }
        assertThat(jobs).as("the engine schedules its history cleanup (batch window 01:00-05:00)").isNotEmpty();
        return jobs.get(0);
    }

    private String startFault(Http http) throws Exception {
        var answer = http.post("emma", "/engine-rest/process-definition/key/fault-escalation/start",
                "{\"variables\":{\"symptom\":{\"value\":\"会议无法加入\",\"type\":\"String\"},"
                        + "\"impactScope\":{\"value\":\"USER\",\"type\":\"String\"},\"platformDown\":{\"value\":false,\"type\":\"Boolean\"}}}");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        String id = json.readTree(answer.body()).get("id").asText();
        started.add(id);
        return id;
    }

    private void assertRefusedNaming(Http.Answer answer, String variable) throws Exception {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        JsonNode body = json.readTree(answer.body());
        assertThat(body.path("errors").get(0).path("field").asText()).as(answer.toString()).isEqualTo(variable);
        assertThat(body.path("errors").get(0).path("rule").asText()).as(answer.toString()).isEqualTo("no-java-serialization");
        assertThat(answer.body()).doesNotContain("org.camunda").doesNotContain("Exception:");
    }
}
