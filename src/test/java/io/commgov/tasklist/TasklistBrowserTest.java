package io.commgov.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import io.commgov.support.Browser;
import io.commgov.support.BrowserSession;
import io.commgov.support.CommGovIntegrationTest;
import io.commgov.support.OpenRequests;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Tasklist as people see it, in Debian's headless chromium: an English-language browser still gets Chinese (English on
 * asking with {@code ?lang=en}), CommGov's name, logo and icon and no vendor banner; emma and ivan each see their
 * filters, sorted by due date, and ivan a fault with its due time; Cockpit and Admin are CommGov's too.
 * Screenshots go to target/e2e/.
 */
@CommGovIntegrationTest
class TasklistBrowserTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final List<String> GENERAL_FILTERS = List.of("我的待办", "我的组任务", "即将超时", "已超时", "我发起的");
    private static final String BRAND = "CommGov 企业沟通平台运营";

    @Autowired RuntimeService runtimeService;
    @Autowired HistoryService historyService;
    @Autowired TaskService taskService;
    @Autowired IdentityService identityService;

    // an English-language browser far from Shanghai still gets Chinese and Shanghai time
    @RegisterExtension
    final BrowserSession session = BrowserSession.of("en-US", "Europe/Berlin");
    private Browser browser;

    @BeforeEach
    void endEmmasEarlierRequests() {
        OpenRequests.endAllStartedBy("emma", historyService, runtimeService);
        browser = session.browser();
    }

    @Test
    void emmaSeesChineseCommGovTasklistWithHerFiltersAndTheStartDialog() {
        ProcessInstance fault = reportFault("打印机无法连接（浏览器测试）");
        browser.open("/camunda/app/tasklist/default/");
        browser.waitFor(By.cssSelector("form[name=signinForm]"));
        assertThat(browser.driver().getTitle()).isEqualTo(BRAND);
        assertThat(browser.waitFor(By.cssSelector("form[name=signinForm] button[type=submit]")).getText()).isEqualTo("登录");
        assertVendorFree();
        browser.screenshot("login");

        browser.logIn("emma");
        List<String> filters = browser.filterNames();
        assertThat(filters).containsAll(GENERAL_FILTERS).doesNotContain("故障工单");
        assertThat(brand()).isEqualTo(BRAND);
        assertThat(browser.driver().getTitle()).isEqualTo(BRAND);
        assertVendorFree();

        browser.clickFilter("我发起的");
        assertSortedByDueDate();
        browser.newestFirst();
        browser.waitForText("响应故障：打印机无法连接（浏览器测试）（市场部）");
        assertThat(browser.body()).contains("申请人").contains("emma").contains("部门").contains("市场部");
        browser.screenshot("tasklist-emma-my-requests");

        browser.click(By.xpath("//*[contains(@class,'start-process-action')]//a | //a[normalize-space()='发起流程']"));
        browser.waitForText("点击要发起的流程。");
        assertThat(browser.body()).contains("故障上报与升级").contains("关闭");
        browser.screenshot("start-dialog");
        assertThat(fault.getId()).isNotBlank();
    }

    @Test
    void ivanSeesTheFaultFiltersAndAFaultTaskWithItsDueTime() {
        ProcessInstance fault = reportFault("视频会议无法入会（浏览器测试）");
        Task response = taskService.createTaskQuery().processInstanceId(fault.getId()).singleResult();
        assertThat(response.getDueDate()).isNotNull();

        browser.open("/camunda/app/tasklist/default/");
        browser.waitFor(By.cssSelector("form[name=signinForm]"));
        browser.logIn("ivan");
        assertThat(browser.filterNames()).containsAll(GENERAL_FILTERS).contains("故障工单");

        browser.clickFilter("故障工单");
        assertSortedByDueDate();
        browser.newestFirst();
        String name = "响应故障：视频会议无法入会（浏览器测试）（市场部）";
        browser.waitForText(name);
        browser.screenshot("tasklist-ivan-faults");

        // the list says when it is due; hovering shows the date and time, in Shanghai time for a browser in Berlin
        By dueOfThisTask = By.xpath("//li[.//a[contains(normalize-space(), '" + name + "')]]"
                + "//*[contains(@class,'due-date')]//span[@am-time-ago]");
        assertThat(browser.waitFor(dueOfThisTask).findElement(By.xpath("..")).getText()).matches("到期 \\d+ 分钟后");
        var dueAt = response.getDueDate().toInstant().atZone(SHANGHAI);
        String day = DateTimeFormatter.ofPattern("yyyy年M月d日").format(dueAt);
        // the tooltip of "30 分钟后" (Angular writes the formatted date into its uib-tooltip attribute)
        String shown;
        try {
            shown = new WebDriverWait(browser.driver(), Duration.ofSeconds(60)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .until(d -> {
                        String tooltip = d.findElement(dueOfThisTask).getAttribute("uib-tooltip");
                        return tooltip != null && tooltip.contains(day) ? tooltip : null;
                    });
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("due date tooltip without " + day + ": "
                    + browser.driver().findElements(dueOfThisTask).stream().map(el -> el.getAttribute("uib-tooltip")).toList(), e);
        }
        new org.openqa.selenium.interactions.Actions(browser.driver()).moveToElement(browser.driver().findElement(dueOfThisTask)).perform();
        assertThat(shown).contains(DateTimeFormatter.ofPattern("HH:mm").format(dueAt));
        browser.screenshot("tasklist-ivan-fault-due");
        browser.click(By.xpath("//a[contains(normalize-space(), '" + name + "')]"));
        browser.waitForText("认领");
        assertThat(browser.body()).contains("认领").doesNotContain("Claim");
        assertVendorFree();
        browser.screenshot("tasklist-ivan-fault-task");
    }

    @Test
    void theWelcomePageAndCockpitAreChineseAndCommGovToo() {
        browser.open("/camunda/app/welcome/default/");
        browser.waitFor(By.cssSelector("form[name=signinForm]"));
        browser.logIn("admin");
        browser.waitForText("任务列表");
        assertThat(brand()).isEqualTo(BRAND);
        assertVendorFree();
        browser.screenshot("welcome-admin");

        browser.open("/camunda/app/cockpit/default/");
        browser.waitForText("流程定义");
        assertThat(browser.body()).contains("运行中的流程实例");
        assertVendorFree();
        browser.screenshot("cockpit-admin");

        browser.open("/camunda/app/admin/default/");
        browser.waitForText("用户组");
        assertThat(browser.body()).contains("用户").contains("授权").doesNotContain("Users").doesNotContain("Authorizations");
        assertThat(brand()).isEqualTo(BRAND);
        assertThat(browser.driver().getTitle()).startsWith(BRAND);
        assertVendorFree();
        browser.screenshot("admin");
    }

    @Test
    void englishOnAskingAndChineseAgainAndCommGovsIconEverywhere() throws Exception {
        browser.open("/camunda/app/tasklist/default/?lang=en");
        assertThat(browser.waitFor(By.cssSelector("form[name=signinForm] button[type=submit]")).getText()).isEqualTo("Log in");
        // remembered until asked otherwise
        browser.open("/camunda/app/welcome/default/");
        assertThat(browser.waitFor(By.cssSelector("form[name=signinForm] button[type=submit]")).getText()).isEqualTo("Log in");
        browser.open("/camunda/app/welcome/default/?lang=zh");
        assertThat(browser.waitFor(By.cssSelector("form[name=signinForm] button[type=submit]")).getText()).isEqualTo("登录");
        browser.open("/camunda/app/tasklist/default/");
        assertThat(browser.waitFor(By.cssSelector("form[name=signinForm] button[type=submit]")).getText()).isEqualTo("登录");

        // the tab's icon is CommGov's logo, not the vendor's
        String icon = browser.driver().findElement(By.cssSelector("link[rel~=icon]")).getDomProperty("href");
        var answer = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(icon)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(Files.readAllBytes(Path.of("src/main/resources/META-INF/resources/webjars/camunda/favicon.ico")));
    }

    private ProcessInstance reportFault(String symptom) {
        identityService.setAuthentication("emma", List.of("employee", "dept-MKT"));
        try {
            return runtimeService.startProcessInstanceByKey("fault-escalation",
                    Map.of("symptom", symptom, "impactScope", "USER", "platformDown", false));
        } finally {
            identityService.clearAuthentication();
        }
    }





    /** What Tasklist does by itself, before this test changes it: the list sorted by due date, earliest first. */
    private void assertSortedByDueDate() {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(60)).until(d -> d.getCurrentUrl().contains("sorting="));
        String url = browser.driver().getCurrentUrl();
        String sorting = url.substring(url.indexOf("sorting=") + "sorting=".length()).replaceAll("&.*", "");
        assertThat(java.net.URLDecoder.decode(sorting, java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("[{\"sortBy\":\"dueDate\",\"sortOrder\":\"asc\"}]");
        browser.waitForText("到期时间");
    }


    private String brand() {
        return browser.waitFor(By.cssSelector("[cam-widget-header] .navbar-brand")).getText().strip();
    }

    /** No vendor banner, no link to the vendor, and no vendor name in anything visible. */
    private void assertVendorFree() {
        assertThat(browser.driver().findElements(By.cssSelector(".ce-eol-banner")).stream().filter(WebElement::isDisplayed).toList())
                .as("vendor banner").isEmpty();
        assertThat(browser.driver().findElements(By.cssSelector("a[href*='camunda.org'], a[href*='camunda.com'], a[href*='camunda.io']"))
                .stream().filter(WebElement::isDisplayed).toList()).as("links to the vendor").isEmpty();
        assertThat(browser.body()).doesNotContain("Camunda").doesNotContain("migrate");
    }





}
