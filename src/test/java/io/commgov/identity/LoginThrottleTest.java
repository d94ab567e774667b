package io.commgov.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.commgov.support.Api;
import io.commgov.support.CommGovIntegrationTest;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Finding 7: guessing a user's password must not lock the user out (Camunda's guard locked them for good after five
 * wrong passwords, the administrator included). The guesser's address waits instead, for a bounded time; the user
 * logs in from anywhere else. Every test call comes from 127.0.0.1, which the test profile trusts as a proxy, so the
 * attacker's address is named in X-Forwarded-For. The engine clock stands still during each test and is moved by hand.
 */
@CommGovIntegrationTest
class LoginThrottleTest {

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identityService;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;

    /** Addresses and user names of this run only, so counts left by an earlier run on the same database do not matter. */
    static final int RUN = new java.util.Random().nextInt(1 << 16);

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    Date start;

    @BeforeEach
    void freezeTheClock() {
        start = new Date();
        ClockUtil.setCurrentTime(start);
    }

    @AfterEach
    void resetTheClock() {
        ClockUtil.reset();
    }

    @Test
    void fiftyGuessesAtTheAdministratorsPasswordDoNotLockTheAdministratorOut() throws Exception {
        String attacker = address(10);
        var statuses = new ArrayList<Integer>();
        for (int i = 0; i < 50; i++) {
            var answer = send(basic("/engine-rest/user/count", "admin", "guess-" + i).header("X-Forwarded-For", attacker));
            statuses.add(answer.statusCode());
            if (answer.statusCode() == 429) {
                assertThat(Integer.parseInt(answer.headers().firstValue("Retry-After").orElseThrow())).isBetween(1, 60);
                assertThat(answer.body()).contains("\"rule\":\"login-throttle\"").contains("\"field\":\"username\"");
            }
        }
        assertThat(statuses.subList(0, 5)).as("five free attempts").containsOnly(401);
        assertThat(statuses.subList(5, 50)).as("then the guesser waits").containsOnly(429);

        // the administrator, from another address, and from the webapps' login form
        assertThat(send(basic("/engine-rest/user/count", "admin", Api.passwordOf("admin"))).statusCode()).isEqualTo(200);
        assertThat(send(basic("/engine-rest/user/count", "admin", Api.passwordOf("admin")).header("X-Forwarded-For", address(101)))
                .statusCode()).isEqualTo(200);
        assertThat(webappLogin("admin", Api.passwordOf("admin"), "cockpit", null).statusCode()).isEqualTo(200);
        assertThat(identityService.checkPassword("admin", Api.passwordOf("admin"))).as("no lock in the engine").isTrue();

        // even an hour of guessing later (one guess whenever the wait is over) the administrator still logs in
        for (int i = 0; i < 60; i++) {
            ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + 61_000));
            send(basic("/engine-rest/user/count", "admin", "later-guess-" + i).header("X-Forwarded-For", attacker));
        }
        assertThat(send(basic("/engine-rest/user/count", "admin", Api.passwordOf("admin"))).statusCode()).isEqualTo(200);
        assertThat(identityService.checkPassword("admin", Api.passwordOf("admin"))).isTrue();
    }

    @Test
    void theWaitDoublesUpToSixtySecondsAndEndsWhenItIsOver() throws Exception {
        String user = probe("throttle-probe-wait");
        String attacker = address(11);
        for (int i = 0; i < 5; i++) {
            assertThat(send(basic("/api/me/decisions", user, "wrong").header("X-Forwarded-For", attacker)).statusCode()).isEqualTo(401);
        }
        var waits = new ArrayList<Integer>();
        for (int round = 0; round < 9; round++) {
            var throttled = send(basic("/api/me/decisions", user, "wrong").header("X-Forwarded-For", attacker));
            assertThat(throttled.statusCode()).isEqualTo(429);
            int wait = Integer.parseInt(throttled.headers().firstValue("Retry-After").orElseThrow());
            waits.add(wait);
            ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + wait * 1000L));
            assertThat(send(basic("/api/me/decisions", user, "wrong").header("X-Forwarded-For", attacker)).statusCode())
                    .as("once the wait is over, the password is checked again").isEqualTo(401);
        }
        assertThat(waits).containsExactly(2, 4, 8, 16, 32, 60, 60, 60, 60);

        // the right password after the wait clears the count for that address
        ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + 60_000));
        assertThat(send(basic("/api/me/decisions", user, "demo").header("X-Forwarded-For", attacker)).statusCode()).isEqualTo(200);
        assertThat(send(basic("/api/me/decisions", user, "wrong").header("X-Forwarded-For", attacker)).statusCode()).isEqualTo(401);
        assertThat(send(basic("/api/me/decisions", user, "demo").header("X-Forwarded-For", attacker)).statusCode()).isEqualTo(200);
    }

    @Test
    void onlyTheGuessingAddressWaitsAndItWaitsEvenWithTheRightPassword() throws Exception {
        String user = probe("throttle-probe-source");
        String attacker = address(12);
        for (int i = 0; i < 5; i++) {
            send(basic("/engine-rest/task", user, "wrong").header("X-Forwarded-For", attacker));
        }
        assertThat(send(basic("/engine-rest/task", user, "demo").header("X-Forwarded-For", attacker)).statusCode())
                .as("the password is not even checked").isEqualTo(429);
        assertThat(send(basic("/engine-rest/task", user, "demo").header("X-Forwarded-For", address(102))).statusCode()).isEqualTo(200);
        assertThat(send(basic("/engine-rest/task", user, "demo")).statusCode()).as("from the proxy itself").isEqualTo(200);
        assertThat(send(basic("/engine-rest/task", "emma", "demo").header("X-Forwarded-For", attacker)).statusCode())
                .as("other names from the address").isEqualTo(200);
    }

    @Test
    void anAddressTryingManyNamesWaitsForAllOfThem() throws Exception {
        String sprayer = address(13);
        for (int i = 0; i < 30; i++) {
            assertThat(send(basic("/engine-rest/task", "nobody-" + RUN + "-" + i, "wrong").header("X-Forwarded-For", sprayer)).statusCode())
                    .isEqualTo(401);
        }
        var throttled = send(basic("/engine-rest/task", "emma", "demo").header("X-Forwarded-For", sprayer));
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(send(basic("/engine-rest/task", "emma", "demo")).statusCode()).isEqualTo(200);
    }

    @Test
    void theWebappLoginFormIsThrottledAndAudited() throws Exception {
        String user = probe("throttle-probe-webapp");
        String attacker = address(14);
        for (int i = 0; i < 5; i++) {
            assertThat(webappLogin(user, "wrong-" + i, "tasklist", attacker).statusCode()).isEqualTo(401);
        }
        var throttled = webappLogin(user, "demo", "tasklist", attacker);
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(Integer.parseInt(throttled.headers().firstValue("Retry-After").orElseThrow())).isBetween(1, 60);
        var elsewhere = webappLogin(user, "demo", "tasklist", address(103));
        assertThat(elsewhere.statusCode()).isEqualTo(200);
        assertThat(elsewhere.body()).contains("\"userId\":\"" + user + "\"");

        List<JsonNode> failed = audit(user, "LOGIN_FAILED");
        assertThat(failed).hasSize(5).allSatisfy(e -> assertThat(e.get("details").asText())
                .contains("channel=webapp").contains("source=" + attacker));
        assertThat(audit(user, "LOGIN_THROTTLED")).singleElement().satisfies(e -> {
            assertThat(e.get("outcome").asText()).isEqualTo("DENIED");
            assertThat(e.get("details").asText()).contains("source=" + attacker);
        });
        assertThat(audit(user, "LOGIN")).singleElement()
                .satisfies(e -> assertThat(e.get("details").asText()).contains("source=" + address(103)));
    }

    @Test
    void failedAndThrottledApiLoginsAreAudited() throws Exception {
        String user = probe("throttle-probe-audit");
        String attacker = address(15);
        for (int i = 0; i < 7; i++) {
            send(basic("/engine-rest/task", user, "wrong").header("X-Forwarded-For", attacker));
        }
        assertThat(audit(user, "LOGIN_FAILED")).hasSize(5).allSatisfy(e -> {
            assertThat(e.get("outcome").asText()).isEqualTo("FAILURE");
            assertThat(e.get("details").asText()).contains("channel=engine-rest").contains("source=" + attacker);
        });
        assertThat(audit(user, "LOGIN_THROTTLED")).hasSize(2);
    }

    @Test
    // Camunda answers whether any user's password is right to whoever may read that user (here the administrator)
    void camundasPasswordCheckForAnyUserIsThrottledAndAuditedToo() throws Exception {
        String target = probe("throttle-probe-verify");
        String attacker = address(16);
        String guess = json.writeValueAsString(java.util.Map.of("username", target, "password", "wrong"));
        for (int i = 0; i < 5; i++) {
            var answer = send(basic("/engine-rest/identity/verify", "admin", Api.passwordOf("admin")).header("X-Forwarded-For", attacker)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(guess)));
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(answer.body()).contains("\"authenticated\":false");
        }
        var throttled = send(basic("/engine-rest/identity/verify", "admin", Api.passwordOf("admin")).header("X-Forwarded-For", attacker)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(guess)));
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(audit(target, "LOGIN_FAILED")).hasSize(5)
                .allSatisfy(e -> assertThat(e.get("details").asText()).contains("channel=engine-rest-verify").contains("by=admin"));
        assertThat(send(basic("/engine-rest/task", target, "demo")).statusCode()).isEqualTo(200);
    }

    @Test
    void theWebappsMountOfThePasswordCheckIsThrottledAndAuditedToo() throws Exception {
        String target = probe("throttle-probe-webverify");
        String attacker = address(18);
        var browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NORMAL).build();
        String csrf = csrfOf(browser, "cockpit");
        var login = browser.send(HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/default/login/cockpit"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", csrf)
                .POST(HttpRequest.BodyPublishers.ofString("username=admin&password="
                        + URLEncoder.encode(Api.passwordOf("admin"), StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(200);
        String session = csrfOf(browser, "cockpit");
        String guess = json.writeValueAsString(java.util.Map.of("username", target, "password", "wrong"));
        var statuses = new ArrayList<Integer>();
        for (int i = 0; i < 6; i++) {
            var answer = browser.send(HttpRequest.newBuilder(uri("/camunda/api/engine/engine/default/identity/verify"))
                    .header("Content-Type", "application/json").header("X-XSRF-TOKEN", session).header("X-Forwarded-For", attacker)
                    .POST(HttpRequest.BodyPublishers.ofString(guess)).build(), HttpResponse.BodyHandlers.ofString());
            statuses.add(answer.statusCode());
            if (i < 5) {
                assertThat(answer.body()).as(answer.body()).contains("\"authenticated\":false");
            }
        }
        assertThat(statuses).containsExactly(200, 200, 200, 200, 200, 429);
        assertThat(audit(target, "LOGIN_FAILED")).hasSize(5)
                .allSatisfy(e -> assertThat(e.get("details").asText()).contains("channel=webapp-verify").contains("source=" + attacker));
        assertThat(audit(target, "LOGIN_THROTTLED")).singleElement()
                .satisfies(e -> assertThat(e.get("details").asText()).contains("channel=webapp-verify"));
    }

    @Test
    void countsAreForgottenAFewMinutesAfterTheLastFailure() throws Exception {
        String user = probe("throttle-probe-forget");
        String attacker = address(17);
        for (int i = 0; i < 5; i++) {
            send(basic("/engine-rest/task", user, "wrong").header("X-Forwarded-For", attacker));
        }
        assertThat(rows(attacker)).isEqualTo(2);
        ClockUtil.setCurrentTime(new Date(start.getTime() + Duration.ofMinutes(16).toMillis()));
        // any later failure anywhere clears old counts
        send(basic("/engine-rest/task", "nobody-at-all", "wrong").header("X-Forwarded-For", address(104)));
        assertThat(rows(attacker)).isZero();
        assertThat(send(basic("/engine-rest/task", user, "demo").header("X-Forwarded-For", attacker)).statusCode()).isEqualTo(200);
    }

    @Test
    void aForwardedForHeaderFromAnUntrustedPeerIsNotBelieved() {
        var guard = new LoginGuard(null, new LoginProperties(null, null, null, null, null, List.of("10.0.0.1")));
        var direct = new org.springframework.mock.web.MockHttpServletRequest();
        direct.setRemoteAddr("192.0.2.9");
        direct.addHeader("X-Forwarded-For", address(105));
        assertThat(guard.clientAddress(direct)).isEqualTo("192.0.2.9");
        var proxied = new org.springframework.mock.web.MockHttpServletRequest();
        proxied.setRemoteAddr("10.0.0.1");
        proxied.addHeader("X-Forwarded-For", "6.6.6.6, " + address(105));
        assertThat(guard.clientAddress(proxied)).as("the client writes the left part, the proxy appends").isEqualTo(address(105));
        var garbage = new org.springframework.mock.web.MockHttpServletRequest();
        garbage.setRemoteAddr("10.0.0.1");
        garbage.addHeader("X-Forwarded-For", "<script>");
        assertThat(guard.clientAddress(garbage)).isEqualTo("10.0.0.1");
    }

    private static String address(int n) {
        return "10." + (RUN >> 8) + "." + (RUN & 0xff) + "." + n;
    }

    private String probe(String name) {
        String id = name + "-" + RUN;
        if (identityService.createUserQuery().userId(id).count() == 0) {
            var user = identityService.newUser(id);
            user.setPassword("demo");
            identityService.saveUser(user);
            identityService.createMembership(id, "employee");
        }
        return id;
    }

    private int rows(String source) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM cg_login_throttle WHERE source = ?", Integer.class, source);
    }

    private List<JsonNode> audit(String actor, String eventType) throws Exception {
        var answer = send(basic("/api/audit/entries?size=100&actor=" + URLEncoder.encode(actor, StandardCharsets.UTF_8)
                + "&eventType=" + eventType, "sofia", "demo"));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        var entries = new ArrayList<JsonNode>();
        json.readTree(answer.body()).get("entries").forEach(entries::add);
        return entries;
    }

    /** Opens the webapp's page as a browser does; answers the CSRF token of the session. */
    private String csrfOf(HttpClient browser, String app) throws Exception {
        browser.send(HttpRequest.newBuilder(uri("/camunda/app/" + app + "/default/")).build(), HttpResponse.BodyHandlers.ofString());
        return ((CookieManager) browser.cookieHandler().orElseThrow()).getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("XSRF-TOKEN")).map(HttpCookie::getValue).reduce((first, last) -> last).orElseThrow();
    }

    private HttpResponse<String> webappLogin(String user, String password, String app, String forwardedFor) throws Exception {
        var browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NORMAL).build();
        String csrf = csrfOf(browser, app);
        var login = HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/default/login/" + app))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", csrf)
                .POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                        + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)));
        if (forwardedFor != null) {
            login.header("X-Forwarded-For", forwardedFor);
        }
        return browser.send(login.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder basic(String path, String user, String password) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
