package io.commgov.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.Map;

import io.commgov.support.Api;
import io.commgov.support.CommGovIntegrationTest;
import io.commgov.support.OpenRequests;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Tasklist as people see it, in Debian's headless chromium: an English-language browser still gets Chinese (English on
 * asking with {@code ?lang=en}), CommGov's name, logo and icon and no vendor banner; emma and ivan each see their
 * filters, sorted by due date, and ivan a fault with its due time; Cockpit and Admin are CommGov's too.
 * Screenshots go to target/e2e/.
 */
@CommGovIntegrationTest
class TasklistBrowserTest {

    private static final Path SCREENSHOTS = Path.of("target", "e2e");
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final List<String> GENERAL_FILTERS = List.of("我的待办", "我的组任务", "即将超时", "已超时", "我发起的");
    private static final String BRAND = "CommGov 企业沟通平台运营";

    @LocalServerPort int port;
    @Autowired RuntimeService runtimeService;
    @Autowired HistoryService historyService;
    @Autowired TaskService taskService;
    @Autowired IdentityService identityService;

    private WebDriver browser;
    private Path profile;

    @BeforeEach
    void startBrowser() throws IOException {
        OpenRequests.endAllStartedBy("emma", historyService, runtimeService);
        Files.createDirectories(SCREENSHOTS);
        profile = Files.createTempDirectory("commgov-chromium-");
        var options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1400,900", "--lang=en-US");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US,en"));
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                .withEnvironment(Map.of("TZ", "Europe/Berlin")) // a browser far from Shanghai still shows Shanghai time
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().implicitlyWait(Duration.ZERO);
    }

    @AfterEach
    void stopBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        org.springframework.util.FileSystemUtils.deleteRecursively(profile);
    }

    @Test
    void emmaSeesChineseCommGovTasklistWithHerFiltersAndTheStartDialog() throws IOException {
        ProcessInstance fault = reportFault("打印机无法连接（浏览器测试）");
        open("/camunda/app/tasklist/default/");
        waitFor(By.cssSelector("form[name=signinForm]"));
        assertThat(browser.getTitle()).isEqualTo(BRAND);
        assertThat(waitFor(By.cssSelector("form[name=signinForm] button[type=submit]")).getText()).isEqualTo("登录");
        assertVendorFree();
        screenshot("login");

        logIn("emma");
        List<String> filters = filterNames();
        assertThat(filters).containsAll(GENERAL_FILTERS).doesNotContain("故障工单");
        assertThat(brand()).isEqualTo(BRAND);
        assertThat(browser.getTitle()).isEqualTo(BRAND);
        assertVendorFree();

        clickFilter("我发起的");
        assertSortedByDueDate();
        newestFirst();
        waitForText("响应故障：打印机无法连接（浏览器测试）（市场部）");
        assertThat(body()).contains("申请人").contains("emma").contains("部门").contains("市场部");
        screenshot("tasklist-emma-my-requests");

        click(By.xpath("//*[contains(@class,'start-process-action')]//a | //a[normalize-space()='发起流程']"));
        waitForText("点击要发起的流程。");
        assertThat(body()).contains("故障上报与升级").contains("关闭");
        screenshot("start-dialog");
        assertThat(fault.getId()).isNotBlank();
    }

    @Test
    void ivanSeesTheFaultFiltersAndAFaultTaskWithItsDueTime() throws IOException {
        ProcessInstance fault = reportFault("视频会议无法入会（浏览器测试）");
        Task response = taskService.createTaskQuery().processInstanceId(fault.getId()).singleResult();
        assertThat(response.getDueDate()).isNotNull();

        open("/camunda/app/tasklist/default/");
        waitFor(By.cssSelector("form[name=signinForm]"));
        logIn("ivan");
        assertThat(filterNames()).containsAll(GENERAL_FILTERS).contains("故障工单");

        clickFilter("故障工单");
        assertSortedByDueDate();
        newestFirst();
        String name = "响应故障：视频会议无法入会（浏览器测试）（市场部）";
        waitForText(name);
        screenshot("tasklist-ivan-faults");

        // the list says when it is due; hovering shows the date and time, in Shanghai time for a browser in Berlin
        By dueOfThisTask = By.xpath("//li[.//a[contains(normalize-space(), '" + name + "')]]"
                + "//*[contains(@class,'due-date')]//span[@am-time-ago]");
        assertThat(waitFor(dueOfThisTask).findElement(By.xpath("..")).getText()).matches("到期 \\d+ 分钟后");
        var dueAt = response.getDueDate().toInstant().atZone(SHANGHAI);
        String day = DateTimeFormatter.ofPattern("yyyy年M月d日").format(dueAt);
        // the tooltip of "30 分钟后" (Angular writes the formatted date into its uib-tooltip attribute)
        String shown;
        try {
            shown = new WebDriverWait(browser, Duration.ofSeconds(60)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .until(d -> {
                        String tooltip = d.findElement(dueOfThisTask).getAttribute("uib-tooltip");
                        return tooltip != null && tooltip.contains(day) ? tooltip : null;
                    });
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("due date tooltip without " + day + ": "
                    + browser.findElements(dueOfThisTask).stream().map(el -> el.getAttribute("uib-tooltip")).toList(), e);
        }
        new org.openqa.selenium.interactions.Actions(browser).moveToElement(browser.findElement(dueOfThisTask)).perform();
        assertThat(shown).contains(DateTimeFormatter.ofPattern("HH:mm").format(dueAt));
        screenshot("tasklist-ivan-fault-due");
        click(By.xpath("//a[contains(normalize-space(), '" + name + "')]"));
        waitForText("认领");
        assertThat(body()).contains("认领").doesNotContain("Claim");
        assertVendorFree();
        screenshot("tasklist-ivan-fault-task");
    }

    @Test
    void theWelcomePageAndCockpitAreChineseAndCommGovToo() throws IOException {
        open("/camunda/app/welcome/default/");
        waitFor(By.cssSelector("form[name=signinForm]"));
        logIn("admin");
        waitForText("任务列表");
        assertThat(brand()).isEqualTo(BRAND);
        assertVendorFree();
        screenshot("welcome-admin");

        open("/camunda/app/cockpit/default/");
        waitForText("流程定义");
        assertThat(body()).contains("运行中的流程实例");
        assertVendorFree();
        screenshot("cockpit-admin");

        open("/camunda/app/admin/default/");
        waitForText("用户组");
        assertThat(body()).contains("用户").contains("授权").doesNotContain("Users").doesNotContain("Authorizations");
        assertThat(brand()).isEqualTo(BRAND);
        assertThat(browser.getTitle()).startsWith(BRAND);
        assertVendorFree();
        screenshot("admin");
    }

    @Test
    void englishOnAskingAndChineseAgainAndCommGovsIconEverywhere() throws Exception {
        open("/camunda/app/tasklist/default/?lang=en");
        assertThat(waitFor(By.cssSelector("form[name=signinForm] button[type=submit]")).getText()).isEqualTo("Log in");
        // remembered until asked otherwise
        open("/camunda/app/welcome/default/");
        assertThat(waitFor(By.cssSelector("form[name=signinForm] button[type=submit]")).getText()).isEqualTo("Log in");
        open("/camunda/app/welcome/default/?lang=zh");
        assertThat(waitFor(By.cssSelector("form[name=signinForm] button[type=submit]")).getText()).isEqualTo("登录");
        open("/camunda/app/tasklist/default/");
        assertThat(waitFor(By.cssSelector("form[name=signinForm] button[type=submit]")).getText()).isEqualTo("登录");

        // the tab's icon is CommGov's logo, not the vendor's
        String icon = browser.findElement(By.cssSelector("link[rel~=icon]")).getDomProperty("href");
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

    private void open(String path) {
        browser.get("http://localhost:" + port + path);
    }

    private void logIn(String user) {
        WebElement username = waitFor(By.cssSelector("form[name=signinForm] input[type=text]"));
        username.sendKeys(user);
        browser.findElement(By.cssSelector("form[name=signinForm] input[type=password]")).sendKeys(Api.passwordOf(user));
        browser.findElement(By.cssSelector("form[name=signinForm] button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(90))
                .until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("form[name=signinForm]")));
    }

    private List<String> filterNames() {
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> body().contains("我的待办"));
        return browser.findElements(By.cssSelector("[cam-tasklist-filters] .name, .filters .name")).stream()
                .map(WebElement::getText).map(name -> name.replaceAll("\\s*\\(?\\d+\\)?$", "").strip())
                .filter(name -> !name.isEmpty()).toList();
    }

    private void clickFilter(String name) {
        // the name is followed by the number of tasks once Tasklist has counted them
        click(By.xpath("(//*[contains(@class,'filters')]//*[contains(@class,'name')][starts-with(normalize-space(), '" + name + "')])[1]"));
    }

    /** What Tasklist does by itself, before this test changes it: the list sorted by due date, earliest first. */
    private void assertSortedByDueDate() {
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> d.getCurrentUrl().contains("sorting="));
        String url = browser.getCurrentUrl();
        String sorting = url.substring(url.indexOf("sorting=") + "sorting=".length()).replaceAll("&.*", "");
        assertThat(java.net.URLDecoder.decode(sorting, java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("[{\"sortBy\":\"dueDate\",\"sortOrder\":\"asc\"}]");
        waitForText("到期时间");
    }

    /** Other tests of the run leave tasks too: show the newest first so this test's task is on the first page. */
    private void newestFirst() {
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> d.getCurrentUrl().contains("filter="));
        String url = browser.getCurrentUrl().replaceAll("sorting=[^&]*", "sorting=" + java.net.URLEncoder.encode(
                "[{\"sortBy\":\"created\",\"sortOrder\":\"desc\"}]", java.nio.charset.StandardCharsets.UTF_8));
        browser.get(url);
    }

    private String brand() {
        return waitFor(By.cssSelector("[cam-widget-header] .navbar-brand")).getText().strip();
    }

    /** No vendor banner, no link to the vendor, and no vendor name in anything visible. */
    private void assertVendorFree() {
        assertThat(browser.findElements(By.cssSelector(".ce-eol-banner")).stream().filter(WebElement::isDisplayed).toList())
                .as("vendor banner").isEmpty();
        assertThat(browser.findElements(By.cssSelector("a[href*='camunda.org'], a[href*='camunda.com'], a[href*='camunda.io']"))
                .stream().filter(WebElement::isDisplayed).toList()).as("links to the vendor").isEmpty();
        assertThat(body()).doesNotContain("Camunda").doesNotContain("migrate");
    }

    private void waitForText(String text) {
        try {
            new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> body().contains(text));
        } catch (org.openqa.selenium.TimeoutException e) {
            try {
                screenshot("failed-waiting");
            } catch (IOException ignored) {
                // the text below says enough
            }
            throw new AssertionError("'" + text + "' not shown at " + browser.getCurrentUrl() + "; the page shows:\n" + body(), e);
        }
    }

    private WebElement waitFor(By by) {
        return new WebDriverWait(browser, Duration.ofSeconds(60)).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    private void click(By by) {
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(ExpectedConditions.elementToBeClickable(by)).click();
    }

    private String body() {
        return browser.findElement(By.tagName("body")).getText();
    }

    private void screenshot(String name) throws IOException {
        Path file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(file, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
