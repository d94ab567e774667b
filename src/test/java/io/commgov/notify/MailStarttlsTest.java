package io.commgov.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.UUID;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import io.commgov.support.CommGovIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Finding 8, mail: with {@code commgov.notify.mail.starttls-required} the mail (and any SMTP password) goes only over
 * STARTTLS to a server whose certificate verifies; a server that does not offer STARTTLS, or whose certificate is not
 * trusted, gets nothing. GreenMail has no STARTTLS, so the server is {@link StarttlsSmtp} with a key made for this run.
 */
@CommGovIntegrationTest
class MailStarttlsTest {

    @TempDir
    static Path keys;
    static Path keystore;
    static String password = UUID.randomUUID().toString();
    static SSLContext serverTls;

    @Autowired Notifier notifier;
    @Autowired NotifyProperties properties;
    @Autowired Deliveries deliveries;

    NotifyProperties.Mail saved;

    @BeforeAll
    static void makeTheServersKey() throws Exception {
        keystore = keys.resolve("smtp.p12");
        var keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "smtp", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", password, "-keypass", password).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor()).as(output).isZero();
        var store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, password.toCharArray());
        }
        var keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(store, password.toCharArray());
        serverTls = SSLContext.getInstance("TLS");
        serverTls.init(keyManagers.getKeyManagers(), null, null);
    }

    @BeforeEach
    void save() {
        var mail = properties.getMail();
        saved = new NotifyProperties.Mail();
        saved.setEnabled(mail.isEnabled());
        saved.setHost(mail.getHost());
        saved.setPort(mail.getPort());
        saved.setStarttlsRequired(mail.isStarttlsRequired());
        saved.setTrustStore(mail.getTrustStore());
        saved.setTrustStorePassword(mail.getTrustStorePassword());
        mail.setEnabled(true);
        mail.setHost("localhost");
    }

    @AfterEach
    void restore() {
        var mail = properties.getMail();
        mail.setEnabled(saved.isEnabled());
        mail.setHost(saved.getHost());
        mail.setPort(saved.getPort());
        mail.setStarttlsRequired(saved.isStarttlsRequired());
        mail.setTrustStore(saved.getTrustStore());
        mail.setTrustStorePassword(saved.getTrustStorePassword());
    }

    @Test
    void withStarttlsRequiredTheMailGoesOnlyOverTls() throws Exception {
        try (var smtp = new StarttlsSmtp(serverTls, true)) {
            require(smtp, true);
            String to = "tls-" + System.nanoTime() + "@commgov.example";
            var delivery = notifier.email(to, "故障已受理", "您报告的故障已由 IT 受理。");

            assertThat(delivery.status()).as(String.valueOf(delivery.error())).isEqualTo(Delivery.Status.DELIVERED);
            assertThat(smtp.mails()).singleElement().satisfies(m -> assertThat(m).contains(to));
            assertThat(smtp.commands()).filteredOn(c -> !c.overTls()).extracting(StarttlsSmtp.Command::line)
                    .as("in clear: only the greeting and the upgrade").allSatisfy(l -> assertThat(l).matches("(?i)(EHLO|STARTTLS).*"));
            assertThat(smtp.commands()).filteredOn(StarttlsSmtp.Command::overTls).extracting(StarttlsSmtp.Command::line)
                    .anySatisfy(l -> assertThat(l).startsWithIgnoringCase("MAIL FROM")).contains("DATA");
        }
    }

    @Test
    void aServerWithoutStarttlsGetsNothingWhenItIsRequired() throws Exception {
        try (var smtp = new StarttlsSmtp(serverTls, false)) {
            require(smtp, true);
            String to = "plain-" + System.nanoTime() + "@commgov.example";
            var delivery = notifier.email(to, "subject", "body");

            assertThat(delivery.status()).isEqualTo(Delivery.Status.FAILED);
            assertThat(delivery.error()).containsIgnoringCase("STARTTLS");
            assertThat(smtp.commands()).extracting(StarttlsSmtp.Command::line).noneSatisfy(l -> assertThat(l).startsWithIgnoringCase("MAIL"));
            assertThat(deliveries.forTarget(to)).singleElement().extracting(Delivery::status).isEqualTo(Delivery.Status.FAILED);
        }
    }

    @Test
    void aServerWhoseCertificateIsNotTrustedGetsNothing() throws Exception {
        try (var smtp = new StarttlsSmtp(serverTls, true)) {
            require(smtp, false);
            var delivery = notifier.email("untrusted-" + System.nanoTime() + "@commgov.example", "subject", "body");

            assertThat(delivery.status()).isEqualTo(Delivery.Status.FAILED);
            assertThat(smtp.commands()).extracting(StarttlsSmtp.Command::line).noneSatisfy(l -> assertThat(l).startsWithIgnoringCase("MAIL"));
            assertThat(smtp.mails()).isEmpty();
        }
    }

    @Test
    void withoutTheSettingAPlainServerStillGetsTheMail() throws Exception {
        try (var smtp = new StarttlsSmtp(serverTls, false)) {
            properties.getMail().setPort(smtp.port());
            properties.getMail().setStarttlsRequired(false);
            var delivery = notifier.email("plain-ok-" + System.nanoTime() + "@commgov.example", "subject", "body");

            assertThat(delivery.status()).isEqualTo(Delivery.Status.DELIVERED);
            assertThat(smtp.commands()).extracting(StarttlsSmtp.Command::line).contains("DATA");
        }
    }

    /** STARTTLS required against {@code smtp}; {@code trusted}: its key is in the trust store the channel is given. */
    private void require(StarttlsSmtp smtp, boolean trusted) {
        var mail = properties.getMail();
        mail.setPort(smtp.port());
        mail.setStarttlsRequired(true);
        mail.setTrustStore(trusted ? keystore.toString() : null);
        mail.setTrustStorePassword(trusted ? password : null);
    }
}
