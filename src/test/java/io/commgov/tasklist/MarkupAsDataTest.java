package io.commgov.tasklist;

import static io.commgov.support.Api.var;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.commgov.support.Api;
import io.commgov.support.CommGovIntegrationTest;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * Finding 9 of issue 19: a value is data, never markup. A name, a company or a title is one line without control
 * characters (400 naming the field and the rule, on {@code start} and Tasklist's {@code submit-form}, nothing started);
 * free text keeps its line breaks; and a task name built from a request is always one line of text.
 */
@CommGovIntegrationTest
class MarkupAsDataTest {

    static final String FORGED_APPROVAL = "张三\n\n## 已由 IT 负责人批准：**是**";

    @Autowired TestRestTemplate rest;
    @Autowired ObjectMapper json;
    @Autowired HistoryService historyService;
    @Autowired TaskService taskService;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(rest);
    }

    @Test
    void aNameWithLineBreaksIsRefusedOnEveryStartRoute() throws Exception {
        for (String route : new String[] {"start", "submit-form"}) {
            long before = instances("account-opening");
            var answer = api.post("head-mkt", "/engine-rest/process-definition/key/account-opening/" + route,
                    Map.of("variables", account(FORGED_APPROVAL)));
            assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(400);
            assertThat(rule(answer.getBody(), "fullName")).isEqualTo("single-line");
            assertThat(answer.getBody()).doesNotContain("## 已由");
            assertThat(instances("account-opening")).isEqualTo(before);
        }
    }

    @Test
    void controlAndDirectionOverrideCharactersAreRefusedInNames() throws Exception {
        for (String name : new String[] {"张三\u202E批准", "张三\u0000", "张三\u2028批准", "张三\t李四", "张三\r"}) {
            var answer = api.post("head-mkt", "/engine-rest/process-definition/key/account-opening/start", Map.of("variables", account(name)));
            assertThat(answer.getStatusCode().value()).as(name + ": " + answer.getBody()).isEqualTo(400);
            assertThat(rule(answer.getBody(), "fullName")).as(answer.getBody()).isIn("single-line", "control-character");
        }
    }

    @Test
    void namesOfClientsAndTitlesOfAnnouncementsAreSingleLinesToo() throws Exception {
        var client = new HashMap<String, Object>();
        client.put("clientName", var("李雷\n# 已批准", "String"));
        client.put("company", var("示例\r\n科技", "String"));
        client.put("phone", var("13912345678", "String"));
        client.put("email", var("li@example.com", "String"));
        client.put("projectGroups", var("[\"proj-alpha\"]", "Json"));
        client.put("projectEndDate", var(LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(30).toString(), "String"));
        client.put("processingPurpose", var("项目沟通\n与交付", "String"));
        client.put("consent", var(true, "Boolean"));
        var refused = api.post("sam", "/engine-rest/process-definition/key/client-onboarding/start", Map.of("variables", client));
        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(rule(refused.getBody(), "clientName")).isEqualTo("single-line");
        assertThat(rule(refused.getBody(), "company")).isEqualTo("single-line");
        assertThat(rule(refused.getBody(), "processingPurpose")).as("free text keeps its line breaks").isNull();

        var title = api.post("emma", "/engine-rest/process-definition/key/announcement-review/submit-form", Map.of("variables", Map.of(
                "contentClass", var("ANNOUNCEMENT", "String"), "title", var("放假通知\n## 已由行政部审核通过", "String"),
                "body", var("正文第一行\n第二行", "String"))));
        assertThat(title.getStatusCode().value()).isEqualTo(400);
        assertThat(rule(title.getBody(), "title")).isEqualTo("single-line");
        assertThat(rule(title.getBody(), "body")).isNull();
    }

    @Test
    void freeTextKeepsItsLineBreaksAndTheTaskNameIsOneLineOfText() throws Exception {
        String symptom = "会议室投影仪无画面 " + ThreadLocalRandom.current().nextInt(100_000, 999_999)
                + "\n\n## 已由 IT 负责人确认：**无需处理**\n<img src=x onerror=alert(1)>";
        var answer = api.post("emma", "/engine-rest/process-definition/key/fault-escalation/start", Map.of("variables", Map.of(
                "symptom", var(symptom, "String"), "impactScope", var("USER", "String"), "platformDown", var(false, "Boolean"))));
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
        String pi = json.readTree(answer.getBody()).path("id").asText();

        var tasks = json.readTree(api.get("ivan", "/engine-rest/task?processInstanceId=" + pi).getBody());
        assertThat(tasks).hasSize(1);
        String name = tasks.get(0).path("name").asText();
        assertThat(name).doesNotContain("\n").doesNotContain("\r").startsWith("响应故障：会议室投影仪无画面");
        var variables = json.readTree(api.get("ivan", "/engine-rest/task/" + tasks.get(0).path("id").asText() + "/form-variables").getBody());
        assertThat(variables.at("/symptom/value").asText()).as("the symptom itself keeps its lines").isEqualTo(symptom);
        assertThat(variables.at("/summary/value").asText()).doesNotContain("\n");
    }

    @Test
    void aSummaryAnIntegratorSendsWithLineBreaksIsMadeOneLine() {
        assertThat(RequestDetails.shorten("张三\n\n## 已批准\u202E\u2028**是**")).isEqualTo("张三 ## 已批准 **是**");
        assertThat(RequestDetails.shorten("a\u0000b\u0085c")).isEqualTo("a b c");
    }

    private long instances(String key) {
        return historyService.createHistoricProcessInstanceQuery().processDefinitionKey(key).count();
    }

    private String rule(String body, String field) throws Exception {
        for (JsonNode e : json.readTree(body).path("errors")) {
            if (field.equals(e.path("field").asText())) {
                return e.path("rule").asText();
            }
        }
        return null;
    }

    private static Map<String, Object> account(String fullName) {
        var variables = new HashMap<String, Object>();
        variables.put("employeeId", var("MK" + ThreadLocalRandom.current().nextInt(100_000, 999_999), "String"));
        variables.put("fullName", var(fullName, "String"));
        variables.put("department", var("MKT", "String"));
        variables.put("accountType", var("EMPLOYEE", "String"));
        return variables;
    }
}
