package io.commgov.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.commgov.support.ApplicationProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding 8: the {@code tls} profile serves HTTPS with a keystore named by the environment. The application runs in a
 * JVM of its own with a throwaway PKCS12 key made by {@code keytool} for this run (never a committed one); the client
 * trusts that key only. Answers carry HSTS and nosniff, cookies carry Secure, and plain HTTP is not served.
 */
class TlsProfileTest {

    @TempDir
    static Path workingDirectory;

    static ApplicationProcess app;
    static HttpClient trusting;
    static String keystorePassword = UUID.randomUUID().toString();

    @BeforeAll
    static void startWithTheTlsProfile() throws Exception {
        Path keystore = workingDirectory.resolve("tls.p12");
        var keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "commgov", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", keystorePassword, "-keypass", keystorePassword)
                .redirectErrorStream(true).start();
        String keytoolOutput = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor()).as(keytoolOutput).isZero();

        trusting = HttpClient.newBuilder().sslContext(trusting(keystore)).version(HttpClient.Version.HTTP_1_1).build();
        Files.createDirectories(workingDirectory.resolve("app"));
        app = ApplicationProcess.start(workingDirectory.resolve("app"), Path.of("target/tls-profile/application.log"), Duration.ofMinutes(5),
                List.of("--spring.profiles.active=tls"),
                Map.of("COMMGOV_TLS_KEYSTORE", keystore.toString(), "COMMGOV_TLS_KEYSTORE_PASSWORD", keystorePassword),
                trusting, "https");
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void theApisAnswerOverHttpsWithHstsAndNosniff() throws Exception {
        var anonymous = trusting.send(get("/engine-rest/task").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Strict-Transport-Security")).hasValueSatisfying(v -> assertThat(v).startsWith("max-age="));
        assertThat(anonymous.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");

        var emma = trusting.send(get("/engine-rest/task").header("Authorization", basic("emma", "demo")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(emma.statusCode()).isEqualTo(200);
        assertThat(emma.headers().firstValue("Strict-Transport-Security")).isPresent();
        var api = trusting.send(get("/api/me/decisions").header("Authorization", basic("emma", "demo")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(api.headers().firstValue("Strict-Transport-Security")).isPresent();
        assertThat(api.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(trusting.send(get("/actuator/health").build(), HttpResponse.BodyHandlers.ofString())
                .headers().firstValue("Strict-Transport-Security")).isPresent();
    }

    @Test
    void theWebappCookiesAreSecureAndALoginWorks() throws Exception {
        var cookies = new CookieManager();
        var browser = HttpClient.newBuilder().sslContext(trusting(workingDirectory.resolve("tls.p12"))).cookieHandler(cookies)
                .version(HttpClient.Version.HTTP_1_1).build();
        var page = browser.send(get("/camunda/app/tasklist/default/").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Strict-Transport-Security")).isPresent();
        var setCookies = new ArrayList<>(page.headers().allValues("Set-Cookie"));
        String csrf = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue).findFirst().orElseThrow();
        var login = browser.send(HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/default/login/tasklist"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", csrf)
                .POST(HttpRequest.BodyPublishers.ofString("username=emma&password=demo")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        setCookies.addAll(login.headers().allValues("Set-Cookie"));

        assertThat(setCookies).anySatisfy(c -> assertThat(c).startsWith("XSRF-TOKEN="));
        assertThat(setCookies).anySatisfy(c -> assertThat(c).startsWith("JSESSIONID="));
        assertThat(setCookies).as("every cookie only over HTTPS").allSatisfy(c -> assertThat(c).containsPattern("(?i);\\s*Secure(;|$)"));
        var whoAmI = browser.send(get("/camunda/api/admin/auth/user/default").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(whoAmI.body()).contains("\"userId\":\"emma\"");
    }

    @Test
    void plainHttpIsNotServed() throws Exception {
        HttpResponse<String> plain;
        try {
            plain = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port()
                    + "/engine-rest/task")).header("Authorization", basic("emma", "demo")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException refused) {
            return;
        }
        // Tomcat answers a plain request on its TLS port with a 400 of its own; the application never sees it
        assertThat(plain.statusCode()).isEqualTo(400);
        assertThat(plain.body()).contains("TLS").doesNotContain("[");
    }

    @Test
    void aClientThatDoesNotTrustTheKeyIsRefused() {
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(get("/actuator/health").build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
    }

    private static SSLContext trusting(Path keystore) throws Exception {
        var store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, keystorePassword.toCharArray());
        }
        var certificate = store.getCertificate("commgov");
        var trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("commgov", certificate);
        var factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        var context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
    }

    private static URI uri(String path) {
        return URI.create("https://localhost:" + app.port() + path);
    }
}
