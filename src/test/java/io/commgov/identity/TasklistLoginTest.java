package io.commgov.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.commgov.support.ApplicationProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fresh start on the default configuration ({@code application.yaml}: file H2 under {@code ./data}, demo identities,
 * job executor on; no test profile) serves Tasklist, and a person logs in the way the browser does: page, CSRF cookie,
 * login form, session.
 */
class TasklistLoginTest {

    @TempDir
    static Path workingDirectory;

    static ApplicationProcess app;

    @BeforeAll
    static void startAsSpringBootRunDoes() throws Exception {
        app = ApplicationProcess.start(workingDirectory, Path.of("target/tasklist-login/application.log"), Duration.ofMinutes(5));
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void emmaLogsIntoTasklistAndTheTasklistPageAndApiAnswerHerSession() throws Exception {
        assertThat(workingDirectory.resolve("data/commgov.mv.db")).as("file H2 under ./data").exists();
        var http = browser();
        String csrf = openTasklist(http);
        var before = http.send(get("/camunda/api/engine/engine/default/task/count"), HttpResponse.BodyHandlers.ofString());
        assertThat(before.statusCode()).as("the webapp API without a login").isEqualTo(401);

        var login = http.send(login(csrf, "emma", "demo"), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        assertThat(login.body()).contains("\"userId\":\"emma\"").contains("tasklist");

        var page = http.send(get("/camunda/app/tasklist/default/"), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).containsIgnoringCase("tasklist");
        var whoAmI = http.send(get("/camunda/api/admin/auth/user/default"), HttpResponse.BodyHandlers.ofString());
        assertThat(whoAmI.statusCode()).isEqualTo(200);
        assertThat(whoAmI.body()).contains("\"userId\":\"emma\"");
        var definitions = http.send(get("/camunda/api/engine/engine/default/process-definition?latestVersion=true&startableInTasklist=true"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(definitions.statusCode()).isEqualTo(200);
        assertThat(definitions.body()).as("emma may start a fault report").contains("\"key\":\"fault-escalation\"");
        var tasks = http.send(get("/camunda/api/engine/engine/default/task/count"), HttpResponse.BodyHandlers.ofString());
        assertThat(tasks.statusCode()).isEqualTo(200);
        assertThat(tasks.body()).contains("count");
    }

    @Test
    void aWrongPasswordDoesNotLogIn() throws Exception {
        var http = browser();
        String csrf = openTasklist(http);
        var login = http.send(login(csrf, "head-fin", "wrong"), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(401);
    }

    @Test
    void theApplicationIsHealthyAndItsEngineApiClosedToAnonymousCalls() throws Exception {
        var http = browser();
        var health = http.send(get("/actuator/health"), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
        assertThat(http.send(get("/engine-rest/task"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        assertThat(Files.readString(app.log())).contains("processes/faults/fault-escalation.bpmn");
    }

    private static HttpClient browser() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** Loads the Tasklist page as a browser arriving does; answers the CSRF token it was given. */
    private static String openTasklist(HttpClient http) throws Exception {
        var page = http.send(get("/camunda/app/tasklist/default/"), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        var cookies = ((CookieManager) http.cookieHandler().orElseThrow()).getCookieStore().getCookies();
        return cookies.stream().filter(c -> c.getName().equals("XSRF-TOKEN")).map(HttpCookie::getValue).findFirst().orElseThrow();
    }

    private static HttpRequest login(String csrf, String user, String password) {
        return HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/default/login/tasklist"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-XSRF-TOKEN", csrf)
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + password)).build();
    }

    private static HttpRequest get(String path) {
        return HttpRequest.newBuilder(uri(path)).build();
    }

    private static URI uri(String path) {
        return URI.create("http://localhost:" + app.port() + path);
    }
}
