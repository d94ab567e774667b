package io.commgov.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.commgov.support.CommGovIntegrationTest;
import io.commgov.support.Models;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 19, finding 5: no input makes a request (or a timer of a model) do unbounded work. Each input that drives work has a
 * documented bound; past it the answer is a 400 naming the field, the rule and the bound, before any work. The HTTP client
 * gives up after a few seconds, so a request that would hang fails the test instead of stalling the run.
 */
@CommGovIntegrationTest
class UnboundedWorkTest {

    private static final String FROM = "from=2026-04-03T10:00:00%2B08:00";

    @LocalServerPort int port;
    @Autowired ObjectMapper json;
    @Autowired RepositoryService repositoryService;
    @Autowired RuntimeService runtimeService;
    @Autowired HistoryService historyService;
    @Autowired ManagementService managementService;
    @Autowired AuthorizationService authorizationService;

    private final List<String> deployments = new ArrayList<>();

    @AfterEach
    void removeTestModels() {
        deployments.forEach(id -> repositoryService.deleteDeployment(id, true, true, true));
    }

    private Http http() {
        return new Http(port, Duration.ofSeconds(10));
    }

    @Test
    void aDueDateTenThousandMillionDaysAheadIsRefusedNamingTheBound() throws Exception {
        var http = http();
        for (String calendar : new String[] {"workdays", "24x7"}) {
            for (String duration : new String[] {"P9999999999D", "P3654D", "P522W", "PT87673H", "P3653DT1S", "PT9999999999M",
                    "PT999999999999S", "P99999999999999999999D"}) {
                var answer = http.get("emma", "/api/calendars/" + calendar + "/due?" + FROM + "&duration=" + duration);
                assertRefused(answer, "duration", "max-duration", "P3653D");
            }
            var tooLongText = http.get("emma", "/api/calendars/" + calendar + "/due?" + FROM + "&duration=P" + "0".repeat(100) + "1D");
            assertRefused(tooLongText, "duration", "max-length", "32");
            // the longest duration allowed still answers
            var longest = http.get("emma", "/api/calendars/" + calendar + "/due?" + FROM + "&duration=P3653D");
            assertThat(longest.status()).as(longest.toString()).isEqualTo(200);
            assertThat(json.readTree(longest.body()).path("due").asText()).startsWith("20");
        }
        assertRefused(http.get("emma", "/api/calendars/workdays/due?from=" + "9".repeat(65) + "&duration=P1D"), "from", "max-length", "64");
        assertRefused(http.get("emma", "/api/calendars/" + "w".repeat(65) + "/due?" + FROM + "&duration=P1D"), "calendar", "max-length", "64");
    }

    /** A timer of a model that asks the calendar for an unbounded due date fails at once with the bound, through REST and the job executor. */
    @Test
    void aModelTimerBeyondTheBoundFailsWithTheBoundInsteadOfHangingTheEngine() throws Exception {
        String key = "unbounded-timer-test";
        deployments.add(repositoryService.createDeployment().name(key).addString(key + ".bpmn", timerModel(key, false)).deploy().getId());
        Models.allowStart(authorizationService, "employee", key);
        long before = historyService.createHistoricProcessInstanceQuery().processDefinitionKey(key).count();
        var start = http().post("emma", "/engine-rest/process-definition/key/" + key + "/start", "{\"variables\":{}}");
        assertRefused(start, "duration", "max-duration", "P3653D");
        assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey(key).count()).isEqualTo(before);

        // the same timer behind an asynchronous continuation: the job fails with the bound, it does not run for minutes
        String asyncKey = "unbounded-timer-async-test";
        deployments.add(repositoryService.createDeployment().name(asyncKey).addString(asyncKey + ".bpmn", timerModel(asyncKey, true))
                .deploy().getId());
        // a suspended job definition creates its jobs suspended: the job executor leaves this one to the test
        managementService.suspendJobDefinitionByProcessDefinitionKey(asyncKey, false);
        String instance = runtimeService.startProcessInstanceByKey(asyncKey).getId();
        var job = managementService.createJobQuery().processInstanceId(instance).singleResult();
        assertThatThrownBy(() -> managementService.executeJob(job.getId())).isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("duration").hasMessageContaining("P3653D");
    }

    private static String timerModel(String key, boolean async) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                    id="Definitions_UnboundedTimer" targetNamespace="http://commgov.io/test">
                  <bpmn:process id="%s" isExecutable="true" camunda:historyTimeToLive="180">
                    <bpmn:startEvent id="StartEvent_TimerAsked" camunda:asyncAfter="%s"/>
                    <bpmn:sequenceFlow id="Flow_ToTimer" sourceRef="StartEvent_TimerAsked" targetRef="Timer_TenThousandMillionDays"/>
                    <bpmn:intermediateCatchEvent id="Timer_TenThousandMillionDays">
                      <bpmn:timerEventDefinition id="TimerDefinition_TenThousandMillionDays">
                        <bpmn:timeDate xsi:type="bpmn:tFormalExpression" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${sla.due('workdays', 'P9999999999D')}</bpmn:timeDate>
                      </bpmn:timerEventDefinition>
                    </bpmn:intermediateCatchEvent>
                    <bpmn:sequenceFlow id="Flow_ToEnd" sourceRef="Timer_TenThousandMillionDays" targetRef="EndEvent_Never"/>
                    <bpmn:endEvent id="EndEvent_Never"/>
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(key, async);
    }

    @Test
    void aModelWithAnSlaBeyondTheBoundDoesNotDeploy() {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                    id="Definitions_UnboundedSla" targetNamespace="http://commgov.io/test">
                  <bpmn:process id="unbounded-sla-test" isExecutable="true" camunda:historyTimeToLive="180">
                    <bpmn:startEvent id="StartEvent_Asked"/>
                    <bpmn:sequenceFlow id="Flow_ToTask" sourceRef="StartEvent_Asked" targetRef="Task_ForeverAndADay"/>
                    <bpmn:userTask id="Task_ForeverAndADay" camunda:candidateGroups="it">
                      <bpmn:extensionElements>
                        <camunda:properties>
                          <camunda:property name="sla.name" value="forever"/>
                          <camunda:property name="sla.calendar" value="workdays"/>
                          <camunda:property name="sla.duration" value="P9999999999D"/>
                        </camunda:properties>
                      </bpmn:extensionElements>
                    </bpmn:userTask>
                    <bpmn:sequenceFlow id="Flow_ToEnd" sourceRef="Task_ForeverAndADay" targetRef="EndEvent_Done"/>
                    <bpmn:endEvent id="EndEvent_Done"/>
                  </bpmn:process>
                </bpmn:definitions>
                """;
        assertThatThrownBy(() -> deployments.add(repositoryService.createDeployment().name("unbounded-sla-test")
                .addString("unbounded-sla-test.bpmn", xml).deploy().getId()))
                .hasMessageContaining("Task_ForeverAndADay").hasMessageContaining("P3653D");
    }

    /** One oversized or out-of-range input on every CommGov endpoint: refused with the field, the rule and the bound. */
    @Test
    void everyCommGovEndpointRefusesInputPastItsBoundNamingFieldRuleAndBound() throws Exception {
        var http = http();
        String id65 = "x".repeat(65);
        String text1001 = "长".repeat(1001);
        String users51 = json.writeValueAsString(IntStream.range(0, 51).mapToObj(i -> "user" + i).toList());

        // sla
        assertRefused(http.send("admin", "PUT", "/api/calendars/workdays", "{\"workingDays\":[\"MON\",\"TUE\",\"WED\",\"THU\",\"FRI\","
                + "\"SAT\",\"SUN\",\"MON\"]}", "application/json"), "workingDays", "max-size", "7");
        assertRefused(http.send("admin", "PUT", "/api/calendars/workdays", "{\"timeZone\":\"" + "A".repeat(65) + "\"}", "application/json"),
                "timeZone", "max-length", "64");
        assertRefused(http.send("admin", "PUT", "/api/calendars/workdays/days/%2B99999-01-01", "{\"kind\":\"HOLIDAY\"}", "application/json"),
                "date", "max-length", "10");
        assertRefused(http.send("admin", "PUT", "/api/calendars/workdays/days/0001-01-01", "{\"kind\":\"HOLIDAY\"}", "application/json"),
                "date", "date-range", "1900");
        assertRefused(http.get("ivan", "/api/sla?processInstanceId=" + id65), "processInstanceId", "max-length", "64");
        // faults
        assertRefused(http.get("ivan", "/api/faults?firstResult=100001"), "firstResult", "range", "100000");
        assertRefused(http.get("ivan", "/api/faults?maxResults=201"), "maxResults", "range", "200");
        assertRefused(http.get("ivan", "/api/faults?state=" + id65), "state", "max-length", "64");
        // audit search
        assertRefused(http.get("sofia", "/api/audit/entries?actor=" + "a".repeat(201)), "actor", "max-length", "200");
        assertRefused(http.get("sofia", "/api/audit/entries?objectId=" + "a".repeat(201)), "objectId", "max-length", "200");
        assertRefused(http.get("sofia", "/api/audit/entries?page=10001"), "page", "range", "10000");
        assertRefused(http.get("sofia", "/api/audit/entries?size=501"), "size", "range", "500");
        assertRefused(http.get("sofia", "/api/audit/entries?from=0001-01-01T00:00:00Z"), "from", "date-range", "1900");
        assertRefused(http.get("sofia", "/api/audit/entries?from=2026-02-01T00:00:00%2B08:00&to=2026-01-01T00:00:00%2B08:00"),
                "to", "after-from", "from");
        var manyKeys = new StringBuilder("{\"before\":\"2020-01-01T00:00:00+08:00\"");
        IntStream.range(0, 1000).forEach(i -> manyKeys.append(",\"k").append(i).append("\":1"));
        var archive = http.post("sofia", "/api/audit/archive", manyKeys.append('}').toString());
        assertThat(archive.status()).as(archive.toString()).isEqualTo(400);
        assertThat(json.readTree(archive.body()).path("errors").size()).as("errors named at most ten at a time").isBetween(1, 10);
        // kpi
        assertRefused(http.get("ian", "/api/kpi/reports/0001-Q1"), "quarter", "date-range", "1900");
        assertRefused(http.get("ian", "/api/kpi/reports/2026-Q1-and-then-some"), "quarter", "max-length", "7");
        assertRefused(http.post("ivan", "/api/kpi/activity", "{\"userId\":\"emma\",\"feature\":\"login\",\"occurredAt\":\"+99999-01-01T00:00:00Z\"}"),
                "occurredAt", "date-range", "9999");
        // clients, accounts, exports
        assertRefused(http.get("sarah", "/api/clients/no-such-client/personal-data?reason=" + "r".repeat(1001)), "reason", "max-length", "1000");
        assertRefused(http.get("sarah", "/api/clients/" + id65 + "/personal-data?reason=audit"), "id", "max-length", "64");
        assertRefused(http.post("sarah", "/api/clients/" + id65 + "/revoke", null), "id", "max-length", "64");
        assertRefused(http.get("ivan", "/api/accounts?employeeId=" + id65), "employeeId", "max-length", "64");
        assertRefused(http.get("emma", "/api/exports/" + id65 + "/file"), "processInstanceId", "max-length", "64");
        // announcements: the screen's word list and its dry run
        assertRefused(http.get("alice", "/api/announcements/screen-words?category=" + id65), "category", "max-length", "64");
        assertRefused(http.post("alice", "/api/announcements/screen-words", "{\"category\":\"TRADE_SECRET\",\"word\":\"" + "w".repeat(1001) + "\"}"),
                "word", "max-length", "1000");
        assertRefused(http.post("emma", "/api/announcements/screen", "{\"title\":\"t\",\"body\":\"" + "正文".repeat(5001) + "\"}"),
                "body", "max-length", "10000");
        // approvals: requests, tasks, substitutes
        assertRefused(http.post("emma", "/api/requests/no-such-request/withdraw", "{\"reason\":\"" + text1001 + "\"}"), "reason", "max-length", "1000");
        assertRefused(http.post("emma", "/api/requests/no-such-request/cc", "{\"userIds\":" + users51 + "}"), "userIds", "max-size", "50");
        assertRefused(http.post("emma", "/api/requests/" + id65 + "/remind", null), "processInstanceId", "max-length", "64");
        assertRefused(http.post("ivan", "/api/tasks/no-such-task/signers", "{\"userIds\":" + users51 + ",\"position\":\"BEFORE\",\"mode\":\"PARALLEL\"}"),
                "userIds", "max-size", "50");
        assertRefused(http.post("ivan", "/api/tasks/no-such-task/sign", "{\"approved\":false,\"comment\":\"" + text1001 + "\"}"),
                "comment", "max-length", "1000");
        assertRefused(http.post("ivan", "/api/tasks/" + id65 + "/transfer", "{\"userId\":\"iris\"}"), "taskId", "max-length", "64");
        assertRefused(http.post("ivan", "/api/tasks/no-such-task/delegate", "{\"userId\":\"" + id65 + "\"}"), "userId", "max-length", "64");
        String now = java.time.OffsetDateTime.now().withNano(0).toString();
        String inTwoYears = java.time.OffsetDateTime.now().withNano(0).plusYears(2).toString();
        try {
            assertRefused(http.send("emma", "PUT", "/api/me/substitute", "{\"substituteId\":\"mia\",\"from\":\"" + now + "\",\"until\":\""
                    + inTwoYears + "\"}", "application/json"), "until", "max-period", "366");
        } finally {
            // had it been accepted, emma would hand her tasks over for two years
            http.send("emma", "DELETE", "/api/me/substitute", null, null);
        }
    }

    private void assertRefused(Http.Answer answer, String field, String rule, String bound) throws Exception {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.contentType()).as(answer.toString()).contains("json");
        JsonNode errors = json.readTree(answer.body()).path("errors");
        assertThat(errors.isArray() && !errors.isEmpty()).as(answer.toString()).isTrue();
        JsonNode first = errors.get(0);
        assertThat(first.path("field").asText()).as(answer.toString()).isEqualTo(field);
        assertThat(first.path("rule").asText()).as(answer.toString()).isEqualTo(rule);
        assertThat(first.path("message").asText()).as(answer.toString()).contains(bound);
    }

}
