package io.commgov.clients;

import static io.commgov.support.Api.var;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.commgov.support.Api;
import io.commgov.support.CommGovIntegrationTest;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * Finding 6 of issue 19 (R-CLI-1): an external client joins project groups only. Naming the platform's administrator
 * group, a role or a department as a "project group" is refused with 400 naming {@code projectGroups}, on the REST start
 * and on Tasklist's {@code submit-form} alike, and nothing is started.
 */
@CommGovIntegrationTest
class ClientProjectGroupsTest {

    static final String START = "/engine-rest/process-definition/key/client-onboarding/";

    @Autowired TestRestTemplate rest;
    @Autowired ObjectMapper json;
    @Autowired HistoryService historyService;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(rest);
    }

    @Test
    void aRoleOrDepartmentGroupIsNoProjectGroup() throws Exception {
        for (String groups : new String[] {"[\"camunda-admin\"]", "[\"dept-IT\"]", "[\"proj-alpha\",\"it\"]", "[\"security\"]",
                "[\"no-such-group\"]"}) {
            for (String route : new String[] {"start", "submit-form"}) {
                long before = instances();
                var answer = api.post("sam", START + route, Map.of("variables", variables(groups)));
                assertThat(answer.getStatusCode().value()).as(route + " " + groups + ": " + answer.getBody()).isEqualTo(400);
                JsonNode error = error(answer.getBody(), "projectGroups");
                assertThat(error).as(answer.getBody()).isNotNull();
                assertThat(error.path("rule").asText()).isEqualTo("project-group");
                assertThat(instances()).as("nothing started").isEqualTo(before);
            }
        }
    }

    @Test
    void theRefusalNamesTheGroupsThatAreNotProjectGroups() throws Exception {
        var answer = api.post("sam", START + "start", Map.of("variables", variables("[\"proj-alpha\",\"camunda-admin\",\"dept-IT\"]")));
        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        String message = error(answer.getBody(), "projectGroups").path("message").asText();
        assertThat(message).contains("camunda-admin").contains("dept-IT").doesNotContain("proj-alpha");
    }

    @Test
    void realProjectGroupsAreAccepted() throws Exception {
        var answer = api.post("sam", START + "start", Map.of("variables", variables("[\"proj-alpha\",\"proj-gamma\"]")));
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
        String pi = json.readTree(answer.getBody()).path("id").asText();
        assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(pi).variableName("projectGroupsText")
                .singleResult().getValue()).isEqualTo("proj-alpha, proj-gamma");
    }

    private long instances() {
        return historyService.createHistoricProcessInstanceQuery().processDefinitionKey("client-onboarding").count();
    }

    private JsonNode error(String body, String field) throws Exception {
        for (JsonNode e : json.readTree(body).path("errors")) {
            if (field.equals(e.path("field").asText())) {
                return e;
            }
        }
        return null;
    }

    private static Map<String, Object> variables(String projectGroups) {
        var variables = new HashMap<String, Object>();
        variables.put("clientName", var("韩梅梅", "String"));
        variables.put("company", var("示例科技", "String"));
        variables.put("phone", var("13912345678", "String"));
        variables.put("email", var("han@example.com", "String"));
        variables.put("projectGroups", var(projectGroups, "Json"));
        variables.put("projectEndDate", var(LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(60).toString(), "String"));
        variables.put("processingPurpose", var("项目沟通", "String"));
        variables.put("consent", var(true, "Boolean"));
        return variables;
    }
}
