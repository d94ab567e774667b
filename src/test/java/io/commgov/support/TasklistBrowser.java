package io.commgov.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
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

/**
 * Tasklist in Debian's headless chromium (/usr/bin/chromium, /usr/bin/chromedriver, a fresh profile), with the steps
 * browser tests share: log in, pick a filter, wait for text, click. Screenshots go to target/e2e/.
 */
public final class TasklistBrowser implements AutoCloseable {

    private static final Path SCREENSHOTS = Path.of("target", "e2e");
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private final WebDriver browser;
    private final Path profile;
    private final int port;

    private TasklistBrowser(WebDriver browser, Path profile, int port) {
        this.browser = browser;
        this.profile = profile;
        this.port = port;
    }

    public static TasklistBrowser start(int port) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path profile = Files.createTempDirectory("commgov-chromium-");
        var options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1400,900", "--lang=zh-CN");
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                .withEnvironment(Map.of("TZ", "Asia/Shanghai"))
                .usingAnyFreePort()
                .build();
        WebDriver browser = new ChromeDriver(service, options);
        browser.manage().timeouts().implicitlyWait(Duration.ZERO);
        return new TasklistBrowser(browser, profile, port);
    }

    public void open(String path) {
        browser.get("http://localhost:" + port + path);
    }

    public void logIn(String user) {
        WebElement username = waitFor(By.cssSelector("form[name=signinForm] input[type=text]"));
        username.sendKeys(user);
        browser.findElement(By.cssSelector("form[name=signinForm] input[type=password]")).sendKeys(Api.passwordOf(user));
        browser.findElement(By.cssSelector("form[name=signinForm] button[type=submit]")).click();
        new WebDriverWait(browser, PATIENCE)
                .until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("form[name=signinForm]")));
    }

    public void clickFilter(String name) {
        waitForText(name);
        // the name is followed by the number of tasks once Tasklist has counted them
        click(By.xpath("(//*[contains(@class,'filters')]//*[contains(@class,'name')][starts-with(normalize-space(), '" + name + "')])[1]"));
    }

    /** Other tests of the run leave tasks too: the newest first, so this test's task is on the first page. */
    public void newestFirst() {
        new WebDriverWait(browser, PATIENCE).until(d -> d.getCurrentUrl().contains("filter="));
        browser.get(browser.getCurrentUrl().replaceAll("sorting=[^&]*", "sorting=" + java.net.URLEncoder.encode(
                "[{\"sortBy\":\"created\",\"sortOrder\":\"desc\"}]", java.nio.charset.StandardCharsets.UTF_8)));
    }

    public void waitForText(String text) {
        try {
            new WebDriverWait(browser, PATIENCE).until(d -> body().contains(text));
        } catch (org.openqa.selenium.TimeoutException e) {
            screenshot("failed-waiting");
            throw new AssertionError("'" + text + "' not shown at " + browser.getCurrentUrl() + "; the page shows:\n" + body(), e);
        }
    }

    public WebElement waitFor(By by) {
        return new WebDriverWait(browser, PATIENCE).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    public void click(By by) {
        new WebDriverWait(browser, PATIENCE).until(ExpectedConditions.elementToBeClickable(by)).click();
    }

    public void type(By by, String text) {
        WebElement field = waitFor(by);
        field.clear();
        field.sendKeys(text);
    }

    public String body() {
        return browser.findElement(By.tagName("body")).getText();
    }

    public void screenshot(String name) {
        try {
            Path file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(file, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | org.openqa.selenium.WebDriverException e) {
            // a screenshot only illustrates; the assertion says what went wrong
        }
    }

    @Override
    public void close() {
        browser.quit();
        org.springframework.util.FileSystemUtils.deleteRecursively(profile.toFile());
    }
}
