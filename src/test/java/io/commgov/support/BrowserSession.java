package io.commgov.support;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * A fresh {@link Browser} on the test's running application for each test, closed after it:
 * {@code @RegisterExtension final BrowserSession session = BrowserSession.chinese();} then {@code session.browser()}.
 */
public final class BrowserSession implements BeforeEachCallback, AfterEachCallback {

    private final String language;
    private final String timeZone;
    private Browser browser;

    private BrowserSession(String language, String timeZone) {
        this.language = language;
        this.timeZone = timeZone;
    }

    /** Chinese, in the machine's time zone: how CommGov's users run Tasklist. */
    public static BrowserSession chinese() {
        return new BrowserSession("zh-CN", null);
    }

    /** A browser asking for {@code language} first, running in {@code timeZone}. */
    public static BrowserSession of(String language, String timeZone) {
        return new BrowserSession(language, timeZone);
    }

    public Browser browser() {
        return browser;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        int port = SpringExtension.getApplicationContext(context).getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        browser = new Browser(port, language, timeZone);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }
}
