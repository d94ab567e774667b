package io.commgov.announcements;

import static io.commgov.support.Api.var;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.commgov.audit.AuditSearch;
import io.commgov.support.Api;
import io.commgov.support.CommGovIntegrationTest;
import io.commgov.support.Models;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Resources;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * Finding 6 of issue 19 (R-ANN-2): a DAILY item goes out with no human look only where the model says so explicitly
 * ({@code announcements.auto-publish=clean-daily} on the process) and the screen passed; the audit entry says which
 * model allowed it. A model without the declaration sends the same clean item to Administration.
 */
@CommGovIntegrationTest
class DailyAutoPublishTest {

    static final String UNDECLARED_KEY = "announcement-review-always-reviewed";

    @Autowired TestRestTemplate rest;
    @Autowired ObjectMapper json;
    @Autowired AuditSearch auditSearch;
    @Autowired Announcements announcements;
    @Autowired RepositoryService repositoryService;
    @Autowired AuthorizationService authorizationService;
    @Autowired TaskService taskService;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(rest);
    }

    @Test
    void theShippedModelDeclaresAutoPublicationAndTheAuditEntrySaysSo() throws Exception {
        String pi = startDaily("announcement-review", "周五下午茶", "本周五下午三点茶水间有下午茶，欢迎大家。");

        assertThat(taskService.createTaskQuery().processInstanceId(pi).count()).as("no human task").isZero();
        var record = announcements.find(pi).orElseThrow();
        assertThat(record.status()).isEqualTo(Announcements.Status.PUBLISHED);
        assertThat(record.decidedBy()).isEqualTo(RecordPublicationDelegate.SCREEN_AS_DECIDER);
        var entries = auditSearch.find(new AuditSearch.Query(null, "announcement", pi, "announcement.published", null, null), 0, 5).entries();
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).actor()).isEqualTo(RecordPublicationDelegate.SCREEN_AS_DECIDER);
        assertThat(entries.get(0).details()).contains("auto-published without a human reviewer")
                .contains("announcements.auto-publish=clean-daily").contains("screen CLEAN").contains("author emma");
    }

    @Test
    void aModelThatDoesNotDeclareItSendsEvenACleanDailyItemToAReviewer() throws Exception {
        String bpmn = Files.readString(Path.of("processes/announcements/announcement-review.bpmn"))
                .replace("id=\"announcement-review\"", "id=\"" + UNDECLARED_KEY + "\"")
                .replace("bpmnElement=\"announcement-review\"", "bpmnElement=\"" + UNDECLARED_KEY + "\"")
                .replace("<camunda:property name=\"announcements.auto-publish\" value=\"clean-daily\" />", "");
        assertThat(bpmn).doesNotContain("announcements.auto-publish\" value");
        var deployment = repositoryService.createDeployment().name("test-" + UNDECLARED_KEY)
                .addString(UNDECLARED_KEY + ".bpmn", bpmn)
                .addString("announcement-review-route.dmn", Files.readString(Path.of("processes/announcements/announcement-review-route.dmn")))
                .addString("ReviewAnnouncement.form", Files.readString(Path.of("forms/announcements/ReviewAnnouncement.form")))
                .deploy();
        Models.allowStart(authorizationService, "employee", UNDECLARED_KEY);
        try {
            String pi = startDaily(UNDECLARED_KEY, "周五下午茶", "本周五下午三点茶水间有下午茶，欢迎大家。");
            var task = taskService.createTaskQuery().processInstanceId(pi).singleResult();
            assertThat(task).as("a reviewer looks first").isNotNull();
            assertThat(task.getTaskDefinitionKey()).isEqualTo("Task_ReviewByAdministration");
            assertThat(announcements.find(pi)).as("nothing published").isEmpty();
        } finally {
            repositoryService.deleteDeployment(deployment.getId(), true);
            authorizationService.createAuthorizationQuery().resourceType(Resources.PROCESS_DEFINITION).resourceId(UNDECLARED_KEY).list()
                    .forEach(a -> authorizationService.deleteAuthorization(a.getId()));
        }
    }

    private String startDaily(String key, String title, String body) throws Exception {
        var answer = api.post("emma", "/engine-rest/process-definition/key/" + key + "/start", Map.of("variables", Map.of(
                "contentClass", var("DAILY", "String"), "title", var(title, "String"), "body", var(body, "String"))));
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
        return json.readTree(answer.getBody()).path("id").asText();
    }
}
