package io.commgov.tasklist;

import static io.commgov.support.Api.var;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.commgov.support.Api;
import io.commgov.support.Browser;
import io.commgov.support.BrowserSession;
import io.commgov.support.CommGovIntegrationTest;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * Finding 9 of issue 19, in Debian's headless chromium: review forms built from hostile values (HTML with an event
 * handler, a Markdown heading, bold and a javascript: link, line breaks) show them literally, as data: no element
 * comes from a value, no script runs, the form's only headings are its own. Screenshots go to target/e2e/.
 */
@CommGovIntegrationTest
class HostileValuesBrowserTest {

    static final String HOSTILE_NAME = "<img src=x onerror=\"window.cgPwned=1\"> [已批准](javascript:window.cgPwned=2) **是** ## 张三";
    static final String HOSTILE_SYMPTOM = "投影仪无画面\n\n## 已由 IT 负责人确认：**无需处理**\n\n[详情](javascript:window.cgPwned=3)\n<img src=x onerror=\"window.cgPwned=4\">";

    @RegisterExtension
    final BrowserSession session = BrowserSession.chinese();
    @Autowired TestRestTemplate rest;
    @Autowired ObjectMapper json;
    @Autowired TaskService taskService;
    Api api;
    Browser browser;

    @BeforeEach
    void setUp() {
        api = new Api(rest);
        browser = session.browser();
    }

    @Test
    void itsReviewFormShowsAHostileNameLiterally() throws Exception {
        var started = api.post("head-mkt", "/engine-rest/process-definition/key/account-opening/start", Map.of("variables", Map.of(
                "employeeId", var("HX" + ThreadLocalRandom.current().nextInt(100_000, 999_999), "String"),
                "fullName", var(HOSTILE_NAME, "String"), "department", var("MKT", "String"), "accountType", var("EMPLOYEE", "String"))));
        assertThat(started.getStatusCode().value()).as("a name may hold such characters on one line: " + started.getBody()).isEqualTo(200);
        String pi = json.readTree(started.getBody()).path("id").asText();
        String taskId = taskService.createTaskQuery().processInstanceId(pi).taskDefinitionKey("Task_ReviewByIt").singleResult().getId();

        browser.logInToTasklist("ivan");
        browser.openTask(taskId);
        browser.claim();
        assertThat(browser.field("姓名").getDomProperty("value")).isEqualTo(HOSTILE_NAME);
        assertNothingFromTheValues(List.of("IT 部审核并创建账号"));
        // the task's name, in the list and the task's header, is text too
        assertThat(browser.body()).contains("审核并创建账号：<img src=x onerror=");
        browser.screenshot("hostile-name-review-form");
    }

    @Test
    void aSymptomWithLineBreaksAHeadingAndHtmlIsShownAsText() throws Exception {
        var started = api.post("emma", "/engine-rest/process-definition/key/fault-escalation/start", Map.of("variables", Map.of(
                "symptom", var(HOSTILE_SYMPTOM, "String"), "impactScope", var("USER", "String"), "platformDown", var(false, "Boolean"))));
        assertThat(started.getStatusCode().value()).as(started.getBody()).isEqualTo(200);
        String pi = json.readTree(started.getBody()).path("id").asText();
        String taskId = taskService.createTaskQuery().processInstanceId(pi).singleResult().getId();

        browser.logInToTasklist("ivan");
        browser.openTask(taskId);
        browser.claim();
        assertThat(browser.field("故障现象").getDomProperty("value")).as("line breaks kept, nothing rendered").isEqualTo(HOSTILE_SYMPTOM);
        assertNothingFromTheValues(List.of());
        assertThat(browser.body()).contains("响应故障：投影仪无画面 ## 已由 IT 负责人确认：**无需处理**");
        browser.screenshot("hostile-symptom-response-form");
    }

    /** Inside the task's form: no image, no javascript: link, no heading but the form's own, and no handler ran. */
    private void assertNothingFromTheValues(List<String> ownHeadings) {
        WebElement form = browser.waitFor(By.cssSelector("[cam-tasklist-task] .fjs-form"));
        assertThat(form.findElements(By.tagName("img"))).as("images in the form").isEmpty();
        assertThat(form.findElements(By.cssSelector("a[href^='javascript'], a[href*='cgPwned']"))).as("links from values").isEmpty();
        List<String> headings = form.findElements(By.cssSelector("h1, h2, h3, h4, h5, h6, strong")).stream().map(WebElement::getText)
                .filter(t -> !t.isBlank()).toList();
        assertThat(headings).as("headings and bold text in the form").allMatch(h -> ownHeadings.contains(h) || h.startsWith("处理时限"));
        assertThat(((JavascriptExecutor) browser.driver()).executeScript("return window.cgPwned === undefined ? null : window.cgPwned"))
                .as("a handler from a value ran").isNull();
    }
}
