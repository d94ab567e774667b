package io.commgov.clients;

import static io.commgov.support.Api.var;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.commgov.support.Api;
import io.commgov.support.CommGovIntegrationTest;
import io.commgov.support.DatabaseScan;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Finding 4 of issue 19: personal data and rejected content never rest in clear, whatever the route. Each test drives
 * one route over HTTP as the demo users (Tasklist's {@code submit-form} for starts and tasks, or the REST start), with
 * unique planted values, and then searches every text and binary column of every table of the database for them.
 */
@CommGovIntegrationTest
class NoClearDataOnAnyRouteTest {

    @Autowired TestRestTemplate rest;
    @Autowired ObjectMapper json;
    @Autowired DataSource dataSource;
    @Autowired JdbcTemplate jdbc;
    @Autowired TaskService taskService;
    @Autowired HistoryService historyService;
    Api api;
    String phone;
    String email;
    String idNumber;
    String tag;

    @BeforeEach
    void setUp() {
        api = new Api(rest);
        var random = ThreadLocalRandom.current();
        phone = "137" + random.nextInt(10_000_000, 99_999_999);
        email = "scan" + random.nextInt(100_000, 999_999) + "@example.com";
        idNumber = ClientOnboardingProcessTest.residentIdNumber("11010819790923" + random.nextInt(100, 999));
        tag = "T" + random.nextInt(100_000, 999_999);
    }

    @Test
    void clientOnboardingThroughTasklistsStartFormAndTaskFormsLeavesNoPersonalDataInClear() throws Exception {
        var started = api.post("sam", "/engine-rest/process-definition/key/client-onboarding/submit-form",
                Map.of("variables", clientVariables()));
        assertThat(started.getStatusCode().value()).as(started.getBody()).isEqualTo(200);
        String pi = json.readTree(started.getBody()).path("id").asText();

        submitTaskForm("sarah", pi, "Task_ReviewBySalesHead");
        submitTaskForm("ivan", pi, "Task_ConfigureClientAccess");

        var details = api.get("admin", "/engine-rest/history/detail?processInstanceId=" + pi);
        assertThat(details.getStatusCode().value()).isEqualTo(200);
        assertThat(details.getBody()).doesNotContain(phone).doesNotContain(email).doesNotContain(idNumber);
        assertThat(json.readTree(details.getBody()).findValuesAsText("type")).doesNotContain("formField");
        assertThat(DatabaseScan.columnsContaining(dataSource, phone, email, idNumber)).as("columns holding the personal data in clear")
                .isEmpty();
        assertThat(DatabaseScan.columnsContaining(dataSource, "李雷-" + tag)).as("the client itself is recorded").isNotEmpty();
    }

    @Test
    void clientOnboardingStartedOverRestLeavesNoPersonalDataInClear() throws Exception {
        var started = api.post("sam", "/engine-rest/process-definition/key/client-onboarding/start", Map.of("variables", clientVariables()));
        assertThat(started.getStatusCode().value()).as(started.getBody()).isEqualTo(200);
        String pi = json.readTree(started.getBody()).path("id").asText();
        var rejected = api.post("sarah", "/engine-rest/task/" + taskOf(pi, "Task_ReviewBySalesHead") + "/complete", Map.of("variables",
                Map.of("approved", var(false, "Boolean"), "comment", var("项目未立项", "String"))));
        assertThat(rejected.getStatusCode().value()).as(rejected.getBody()).isEqualTo(204);

        assertThat(DatabaseScan.columnsContaining(dataSource, phone, email, idNumber)).isEmpty();
    }

    @Test
    void personalDataWrittenAfterTheStartIsRefusedSoItNeverRestsAsAClearVariable() throws Exception {
        var started = api.post("sam", "/engine-rest/process-definition/key/client-onboarding/start", Map.of("variables", clientVariables()));
        assertThat(started.getStatusCode().value()).as(started.getBody()).isEqualTo(200);
        String pi = json.readTree(started.getBody()).path("id").asText();
        String later = "136" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
        String task = taskOf(pi, "Task_ReviewBySalesHead");

        var completion = api.post("sarah", "/engine-rest/task/" + task + "/submit-form", Map.of("variables",
                Map.of("approved", var(true, "Boolean"), "phone", var(later, "String"))));
        assertThat(completion.getStatusCode().value()).as(completion.getBody()).isEqualTo(400);
        assertThat(completion.getBody()).contains("phone").doesNotContain(later);
        var put = api.put("sarah", "/engine-rest/task/" + task + "/variables/phone", var(later, "String"));
        assertThat(put.getStatusCode().value()).as(put.getBody()).isIn(400, 403);

        assertThat(taskService.createTaskQuery().taskId(task).count()).as("the review is still open").isEqualTo(1);
        assertThat(DatabaseScan.columnsContaining(dataSource, phone, email, idNumber, later)).isEmpty();
    }

    @Test
    void anAnnouncementRejectedByTheScreenKeepsItsCustomerDataOnlySealed() throws Exception {
        String body = "请各位回访客户" + tag + "，电话 " + phone + "，身份证 " + idNumber + "。";
        String title = "回访 " + email + " " + phone;
        String pi = submitAnnouncement("emma", title, body);
        assertThat(DatabaseScan.columnsContaining(dataSource, phone, idNumber, email, "回访客户" + tag)).as("rejected content in clear").isEmpty();

        var row = jdbc.queryForMap("SELECT status, title, body, content_record, content_sm3 FROM cg_announcement WHERE process_instance_id = ?", pi);
        assertThat(row.get("status")).isEqualTo("REJECTED_BY_SCREEN");
        assertThat(row.get("content_record")).as("sealed in the encrypted store").isNotNull();
        assertThat(row.get("body")).isEqualTo("");
        assertThat(row.get("content_sm3")).isEqualTo(ContentDigestProbe.sm3(title, body));
    }

    @Test
    void anAnnouncementRejectedByItsReviewerKeepsItsContentOnlySealed() throws Exception {
        String secret = "客户王五住在幸福路" + tag + "号";
        String pi = submitAnnouncement("emma", "客户拜访通知", "下周拜访重点客户：" + secret + "，请准备资料。");
        var review = api.post("alice", "/engine-rest/task/" + taskOf(pi, "Task_ReviewByAdministration") + "/submit-form",
                Map.of("variables", Map.of("approved", var(false, "Boolean"), "comment", var("含客户住址，不得发布。", "String"))));
        assertThat(review.getStatusCode().value()).as(review.getBody()).isEqualTo(204);
        assertThat(DatabaseScan.columnsContaining(dataSource, "幸福路" + tag)).as("rejected content in clear").isEmpty();

        var row = jdbc.queryForMap("SELECT status, content_record FROM cg_announcement WHERE process_instance_id = ?", pi);
        assertThat(row.get("status")).isEqualTo("REJECTED");
        assertThat(row.get("content_record")).isNotNull();
        var variables = api.get("admin", "/engine-rest/history/variable-instance?processInstanceId=" + pi);
        assertThat(variables.getBody()).doesNotContain(secret);
    }

    @Test
    void theScanSeesEveryTableOfTheDatabase() throws Exception {
        List<String> tables = DatabaseScan.tables(dataSource).stream().map(String::toUpperCase).toList();
        assertThat(tables).contains("ACT_RU_VARIABLE", "ACT_HI_VARINST", "ACT_HI_DETAIL", "ACT_GE_BYTEARRAY", "ACT_HI_TASKINST",
                "ACT_HI_OP_LOG", "CG_CLIENT", "CG_ANNOUNCEMENT", "CG_AUDIT_ENTRY", "CG_NOTIFY_DELIVERY", "CG_VAULT_RECORD");
        assertThat(tables.size()).isGreaterThan(60);
    }

    private String submitAnnouncement(String user, String title, String body) throws Exception {
        var started = api.post(user, "/engine-rest/process-definition/key/announcement-review/submit-form", Map.of("variables", Map.of(
                "contentClass", var("ANNOUNCEMENT", "String"), "title", var(title, "String"), "body", var(body, "String"))));
        assertThat(started.getStatusCode().value()).as(started.getBody()).isEqualTo(200);
        return json.readTree(started.getBody()).path("id").asText();
    }

    private void submitTaskForm(String user, String pi, String taskKey) {
        var answer = api.post(user, "/engine-rest/task/" + taskOf(pi, taskKey) + "/submit-form",
                Map.of("variables", Map.of("approved", var(true, "Boolean"), "comment", var("", "String"))));
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(204);
    }

    private String taskOf(String pi, String taskKey) {
        return taskService.createTaskQuery().processInstanceId(pi).taskDefinitionKey(taskKey).singleResult().getId();
    }

    private Map<String, Object> clientVariables() {
        var variables = new HashMap<String, Object>();
        variables.put("clientName", var("李雷-" + tag, "String"));
        variables.put("company", var("示例科技", "String"));
        variables.put("phone", var(phone, "String"));
        variables.put("email", var(email, "String"));
        variables.put("idNumber", var(idNumber, "String"));
        variables.put("projectGroups", var("[\"proj-alpha\"]", "Json"));
        variables.put("projectEndDate", var(LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(90).toString(), "String"));
        variables.put("processingPurpose", var("项目沟通与交付", "String"));
        variables.put("consent", var(true, "Boolean"));
        return variables;
    }

    /** SM3 of title and body as the publication record computes it (the digest stays over the clear content). */
    static final class ContentDigestProbe {
        static String sm3(String title, String body) {
            return io.commgov.crypto.Sm3.hashHex(title + "\n" + body);
        }
    }
}
