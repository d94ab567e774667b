package io.commgov.tasklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.commgov.support.Api;
import io.commgov.support.Browser;
import io.commgov.support.CommGovIntegrationTest;
import io.commgov.support.OpenRequests;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.FluentWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;

/**
 * Whole journeys in Tasklist, in Debian's headless chromium, the way people do them: requests are started from their
 * start forms and tasks are claimed and completed through their Camunda Forms; nothing is started through the Java API
 * except the request of test (5). Tasks are found by their definition key, never by their name. Screenshots in target/e2e/.
 */
@CommGovIntegrationTest
class TasklistJourneyBrowserTest {

    @LocalServerPort int port;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired HistoryService historyService;
    @Autowired RepositoryService repositoryService;
    @Autowired IdentityService identityService;
    @Autowired ProcessEngine processEngine;
    @Autowired TestRestTemplate rest;
    @Autowired ObjectMapper json;

    private Api api;

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(processEngine);
        api = new Api(rest);
        OpenRequests.endAllStartedBy("emma", historyService, runtimeService);
    }

    @Test
    void emmaReportsAFaultFromTheStartFormAndIvanAnswersItThroughTheTaskForm() {
        String symptom = "会议室投影仪无画面（旅程 " + unique() + "）";
        String instanceId;
        try (Browser emma = new Browser(port)) {
            emma.logInToTasklist("emma");
            emma.openStartForm(processName("fault-escalation"));
            emma.type("故障现象", symptom);
            emma.tick("仅影响个人");
            emma.screenshot("journey-1-emma-fault-start-form");
            emma.startProcess();
            instanceId = eventually(() -> instanceWith("fault-escalation", "symptom", symptom));
            assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(instanceId).singleResult()
                    .getStartUserId()).isEqualTo("emma");
            assertThat(runtimeService.getVariable(instanceId, "impactScope")).isEqualTo("USER");

            emma.clickFilter("我发起的");
            emma.newestFirst();
            emma.waitForText(symptom);
            emma.screenshot("journey-1-emma-sees-her-fault");
        }

        Task response = taskService.createTaskQuery().processInstanceId(instanceId).taskDefinitionKey("Task_RespondToFault").singleResult();
        assertThat(response.getAssignee()).isNull();
        try (Browser ivan = new Browser(port)) {
            ivan.logInToTasklist("ivan");
            ivan.openTask(response.getId());
            ivan.claim();
            // the reviewer sees what he answers, and by when (the SLA), read-only
            ivan.waitForText(symptom);
            ivan.waitForText("处理时限");
            assertThat(ivan.body()).contains((String) taskService.getVariableLocal(response.getId(), "slaDueAt"));
            assertThat(taskService.createTaskQuery().taskId(response.getId()).singleResult().getAssignee()).isEqualTo("ivan");
            ivan.type("响应内容", "已远程重启投影仪，请再试一次");
            ivan.screenshot("journey-2-ivan-answers-the-fault");
            ivan.complete();
            eventually(() -> taskService.createTaskQuery().taskId(response.getId()).count() == 0 ? "done" : null);
            ivan.screenshot("journey-2-ivan-completed");
        }
        ProcessInstance fault = runtimeService.createProcessInstanceQuery().processInstanceId(instanceId).singleResult();
        assertThat(fault).isWaitingAt("Task_DiagnoseFault");
        assertThat(runtimeService.getVariable(instanceId, "response")).isEqualTo("已远程重启投影仪，请再试一次");
        assertThat(historyService.createHistoricTaskInstanceQuery().taskId(response.getId()).singleResult().getAssignee())
                .isEqualTo("ivan");
    }

    @Test
    void aDepartmentHeadRequestsAnAccountFromTheStartFormAndItsApprovalByItOpensIt() throws Exception {
        String employeeId = "JT" + unique();
        String instanceId;
        try (Browser head = new Browser(port)) {
            head.logInToTasklist("head-mkt");
            head.openStartForm(processName("account-opening"));
            // the form checks the employee id's pattern as the server does, before anything is sent
            head.type("工号", "-不是工号");
            head.type("姓名", "旅程测试员");
            head.choose("部门", "市场部");
            head.choose("账号类型", "正式员工");
            head.startProcess();
            head.waitFor(By.xpath("//*[contains(@class,'fjs-form-field-error')]"));
            assertThat(head.errorsOf("工号")).isNotEmpty();
            head.screenshot("journey-3-account-form-pattern-error");
            assertThat(instanceWith("account-opening", "fullName", "旅程测试员", "employeeId", "-不是工号")).isNull();

            head.type("工号", employeeId);
            head.screenshot("journey-3-head-requests-an-account");
            head.startProcess();
            instanceId = eventually(() -> instanceWith("account-opening", "employeeId", employeeId));
        }

        Task review = taskService.createTaskQuery().processInstanceId(instanceId).taskDefinitionKey("Task_ReviewByIt").singleResult();
        try (Browser ivan = new Browser(port)) {
            ivan.logInToTasklist("ivan");
            ivan.openTask(review.getId());
            ivan.claim();
            ivan.waitForText(employeeId);
            ivan.tick("批准并创建账号");
            ivan.screenshot("journey-3-it-approves-the-account");
            ivan.complete();
            eventually(() -> taskService.createTaskQuery().taskId(review.getId()).count() == 0 ? "done" : null);
        }
        assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(instanceId).singleResult().getEndTime()).isNotNull();
        var accounts = api.get("ivan", "/api/accounts?employeeId=" + employeeId);
        assertThat(accounts.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode opened = json.readTree(accounts.getBody());
        assertThat(opened).hasSize(1);
        assertThat(opened.get(0).path("state").asText()).isEqualTo("ACTIVE");
        assertThat(opened.get(0).path("department").asText()).isEqualTo("MKT");
    }

    @Test
    void aStartFormWithoutARequiredFieldShowsTheErrorAndStartsNothing() {
        long before = startedBy("emma", "fault-escalation");
        try (Browser emma = new Browser(port)) {
            emma.logInToTasklist("emma");
            emma.openStartForm(processName("fault-escalation"));
            emma.tick("影响部门");
            emma.startProcess();
            emma.waitFor(By.xpath("//*[contains(@class,'fjs-form-field-error')]"));
            assertThat(emma.errorsOf("故障现象")).isNotEmpty();
            assertThat(emma.errorsOf("影响范围")).isEmpty();
            emma.screenshot("journey-4-required-field-missing");
            // the dialog stays open with the error: nothing was sent
            assertThat(emma.driver().findElements(By.cssSelector(".modal .fjs-form"))).isNotEmpty();
            assertThat(emma.body()).doesNotContain("流程已发起");
        }
        assertThat(startedBy("emma", "fault-escalation")).isEqualTo(before);
    }

    @Test
    void emmaSeesNoTaskOfIt() throws Exception {
        // someone else's fault: an it task emma has nothing to do with
        identityService.setAuthentication("alice", List.of("administration", "employee", "dept-ADM"));
        ProcessInstance fault;
        try {
            fault = runtimeService.startProcessInstanceByKey("fault-escalation",
                    Map.of("symptom", "打印机卡纸（旅程 " + unique() + "）", "impactScope", "USER", "platformDown", false));
        } finally {
            identityService.clearAuthentication();
        }
        Task itTask = taskService.createTaskQuery().processInstanceId(fault.getId()).singleResult();
        assertThat(taskService.getIdentityLinksForTask(itTask.getId())).anyMatch(l -> "it".equals(l.getGroupId()));

        // the engine's REST API: not in any of her filters, not in a task query, not by its id
        JsonNode filters = json.readTree(api.get("emma", "/engine-rest/filter?resourceType=Task").getBody());
        assertThat(filters).isNotEmpty();
        for (JsonNode filter : filters) {
            JsonNode tasks = json.readTree(api.get("emma", "/engine-rest/filter/" + filter.path("id").asText()
                    + "/list?maxResults=2000").getBody());
            assertThat(tasks.findValuesAsText("id")).as("filter " + filter.path("name")).doesNotContain(itTask.getId());
        }
        assertThat(json.readTree(api.get("emma", "/engine-rest/task?processInstanceId=" + fault.getId()).getBody())).isEmpty();
        // IT's tasks she may read are those of her own requests only (filter 我发起的, tasklist.requester-view)
        assertThat(json.readTree(api.get("emma", "/engine-rest/task?candidateGroup=it").getBody()).findValuesAsText("processInstanceId"))
                .allSatisfy(pi -> assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(pi)
                        .singleResult().getStartUserId()).isEqualTo("emma"));
        assertThat(api.get("emma", "/engine-rest/task/" + itTask.getId()).getStatusCode().is4xxClientError()).isTrue();
        assertThat(json.readTree(api.get("ivan", "/engine-rest/task?processInstanceId=" + fault.getId()).getBody()))
                .as("ivan, of it, does see it").hasSize(1);

        // and Tasklist shows it in none of her filters, nor by its link
        try (Browser emma = new Browser(port)) {
            emma.logInToTasklist("emma");
            List<String> names = emma.filterNames();
            assertThat(names).doesNotContain("故障工单");
            for (String name : names) {
                emma.clickFilter(name);
                emma.newestFirst();
                // the list has loaded: its tasks, or the notice that none match
                emma.waitFor(By.xpath("//ol[contains(@class,'tasks-list')] | //*[contains(@class,'well')][contains(., '没有符合筛选条件的任务')]"));
                assertThat(emma.driver().findElements(By.cssSelector("a[href*='" + itTask.getId() + "']"))).as(name).isEmpty();
                assertThat(emma.body()).as(name).doesNotContain(itTask.getName());
            }
            emma.screenshot("journey-5-emma-sees-no-it-task");
            emma.open("/camunda/app/tasklist/default/#/?task=" + itTask.getId());
            emma.waitForText("我的待办");
            assertThat(emma.driver().findElements(By.cssSelector("[cam-tasklist-task] .fjs-form"))).isEmpty();
            assertThat(emma.body()).doesNotContain(itTask.getName());
        }
    }

    private String processName(String key) {
        return repositoryService.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion().singleResult().getName();
    }

    private String instanceWith(String key, String... variableAndValue) {
        var query = runtimeService.createProcessInstanceQuery().processDefinitionKey(key);
        var history = historyService.createHistoricProcessInstanceQuery().processDefinitionKey(key);
        for (int i = 0; i < variableAndValue.length; i += 2) {
            query.variableValueEquals(variableAndValue[i], variableAndValue[i + 1]);
            history.variableValueEquals(variableAndValue[i], variableAndValue[i + 1]);
        }
        var running = query.list();
        if (!running.isEmpty()) {
            return running.get(0).getId();
        }
        var any = history.list();
        return any.isEmpty() ? null : any.get(0).getId();
    }

    private long startedBy(String user, String key) {
        return historyService.createHistoricProcessInstanceQuery().processDefinitionKey(key).startedBy(user).count();
    }

    /** Waits for what the browser's last action set off in the application (it answers asynchronously). */
    private static <T> T eventually(java.util.function.Supplier<T> found) {
        return new FluentWait<>(Boolean.TRUE).withTimeout(Duration.ofSeconds(60)).pollingEvery(Duration.ofMillis(250))
                .withMessage("the application did not get there within 60 s").until(ignored -> found.get());
    }

    private static String unique() {
        return Long.toString(System.currentTimeMillis() % 100_000_000L) + ThreadLocalRandom.current().nextInt(10);
    }
}
