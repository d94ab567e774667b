package io.commgov.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

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
import org.springframework.util.FileSystemUtils;

/**
 * Debian's headless chromium driving the application's Tasklist on its random port, as a person does: log in, open
 * the start dialog, fill a Camunda Form by its labels, claim and complete. Screenshots go to target/e2e/.
 */
public final class Browser implements AutoCloseable {

    public static final Path SCREENSHOTS = Path.of("target", "e2e");
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final WebDriver driver;
    private final Path profile;
    private final int port;

    /** Chinese, in the machine's time zone: how CommGov's users run Tasklist. */
    public Browser(int port) {
        this(port, "zh-CN", null);
    }

    /**
     * A browser asking for {@code language} (e.g. {@code en-US}) first, and running in {@code timeZone} when it is not
     * {@code null} (chromium reads {@code TZ}).
     */
    public Browser(int port, String language, String timeZone) {
        this.port = port;
        try {
            Files.createDirectories(SCREENSHOTS);
            profile = Files.createTempDirectory("commgov-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1400,1100", "--lang=" + language);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language + "," + language.replaceAll("-.*", "")));
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                .withEnvironment(timeZone == null ? Map.of() : Map.of("TZ", timeZone))
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ZERO);
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String path) {
        driver.get("http://localhost:" + port + path);
    }

    /** Opens Tasklist and logs in with the demo password. */
    public void logInToTasklist(String user) {
        open("/camunda/app/tasklist/default/");
        logIn(user);
        waitForText("我的待办");
    }

    /** Fills in the sign-in form of the page shown (any of the web applications) with the demo password. */
    public void logIn(String user) {
        waitFor(By.cssSelector("form[name=signinForm] input[type=text]")).sendKeys(user);
        driver.findElement(By.cssSelector("form[name=signinForm] input[type=password]")).sendKeys(Api.passwordOf(user));
        driver.findElement(By.cssSelector("form[name=signinForm] button[type=submit]")).click();
        new WebDriverWait(driver, PATIENCE).until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("form[name=signinForm]")));
    }

    /** 发起流程 → the process by its name → its start form. */
    public void openStartForm(String processName) {
        click(By.xpath("//*[contains(@class,'start-process-action')]//a | //a[normalize-space()='发起流程']"));
        waitForText("点击要发起的流程。");
        click(By.xpath("//div[contains(@class,'modal')]//a[normalize-space()='" + processName + "']"));
        waitFor(By.cssSelector(".modal .fjs-form"));
    }

    /** The start dialog's 开始 button. */
    public void startProcess() {
        click(By.xpath("//div[contains(@class,'modal')]//button[normalize-space()='开始']"));
    }

    /** The task's own view, found by its id as a link from anywhere would open it. */
    public void openTask(String taskId) {
        open("/camunda/app/tasklist/default/#/?task=" + taskId);
        waitFor(By.cssSelector("[cam-tasklist-task]"));
    }

    public void claim() {
        click(By.xpath("//*[(self::button or self::a) and normalize-space()='认领']"));
        waitFor(By.cssSelector("[cam-tasklist-task] .fjs-form"));
    }

    public void complete() {
        click(By.xpath("//button[normalize-space()='完成']"));
    }

    /** The input or text area of the form field with this label. */
    public WebElement field(String label) {
        return waitFor(By.xpath(fieldXpath(label) + "//*[self::input or self::textarea][contains(@class,'fjs-input') or contains(@class,'fjs-textarea')]"));
    }

    public void type(By by, String text) {
        WebElement field = waitFor(by);
        field.clear();
        field.sendKeys(text);
    }

    public void type(String label, String text) {
        WebElement input = field(label);
        input.clear();
        input.sendKeys(text);
    }

    /** Chooses an entry of a form-js select (a search box and a drop-down list, not an HTML select). */
    public void choose(String label, String option) {
        click(By.xpath(fieldXpath(label) + "//*[contains(@class,'fjs-input-group')]"));
        click(By.xpath(fieldXpath(label) + "//*[contains(@class,'fjs-dropdownlist-item')][normalize-space()='" + option + "']"));
    }

    /** Picks a radio option or ticks a checkbox by its label. */
    public void tick(String optionLabel) {
        click(By.xpath("//div[contains(@class,'fjs-form-field')]//label[normalize-space()='" + optionLabel + "']"));
    }

    /** The validation messages form-js shows under the field with this label. */
    public List<String> errorsOf(String label) {
        return driver.findElements(By.xpath(fieldXpath(label) + "//*[contains(@class,'fjs-form-field-error')]//li"))
                .stream().map(WebElement::getText).toList();
    }

    /** The form field whose label starts with this text (a required field's label ends with an asterisk). */
    private static String fieldXpath(String label) {
        return "(//label[contains(@class,'fjs-form-field-label')][starts-with(normalize-space(),'" + label + "')]"
                + "/ancestor::div[contains(concat(' ', @class, ' '), ' fjs-form-field ')][1])";
    }

    public void clickFilter(String name) {
        click(By.xpath("(//*[contains(@class,'filters')]//*[contains(@class,'name')][starts-with(normalize-space(), '" + name + "')])[1]"));
        new WebDriverWait(driver, PATIENCE).until(d -> d.getCurrentUrl().contains("filter="));
    }

    /** Other tests leave tasks too: the newest first, so this test's are on the first page. */
    public void newestFirst() {
        String url = driver.getCurrentUrl().replaceAll("sorting=[^&]*", "sorting=" + java.net.URLEncoder.encode(
                "[{\"sortBy\":\"created\",\"sortOrder\":\"desc\"}]", java.nio.charset.StandardCharsets.UTF_8));
        driver.get(url);
    }

    public List<String> filterNames() {
        waitForText("我的待办");
        return driver.findElements(By.cssSelector("[cam-tasklist-filters] .name, .filters .name")).stream()
                .map(WebElement::getText).map(name -> name.replaceAll("\\s*\\(?\\d+\\)?$", "").strip())
                .filter(name -> !name.isEmpty()).toList();
    }

    public void waitForText(String text) {
        try {
            new WebDriverWait(driver, PATIENCE).until(d -> body().contains(text));
        } catch (org.openqa.selenium.TimeoutException e) {
            screenshot("failed-waiting");
            throw new AssertionError("'" + text + "' not shown at " + driver.getCurrentUrl() + "; the page shows:\n" + body(), e);
        }
    }

    public WebElement waitFor(By by) {
        try {
            return new WebDriverWait(driver, PATIENCE).until(ExpectedConditions.visibilityOfElementLocated(by));
        } catch (org.openqa.selenium.TimeoutException e) {
            screenshot("failed-waiting");
            throw new AssertionError(by + " not shown at " + driver.getCurrentUrl() + "; the page shows:\n" + body(), e);
        }
    }

    public void click(By by) {
        waitFor(by);
        new WebDriverWait(driver, PATIENCE).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.ElementClickInterceptedException.class)
                .until(d -> {
                    WebElement element = d.findElement(by);
                    // long forms scroll inside Tasklist's task pane: bring the element into sight first
                    ((org.openqa.selenium.JavascriptExecutor) d).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
                    element.click();
                    return true;
                });
    }

    public String body() {
        return driver.findElement(By.tagName("body")).getText();
    }

    public void screenshot(String name) {
        try {
            Path file = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(file, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            // a missing screenshot must not hide the test's own failure
        }
    }

    @Override
    public void close() {
        driver.quit();
        FileSystemUtils.deleteRecursively(profile.toFile());
    }
}
