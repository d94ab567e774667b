package io.commgov.notify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Properties;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/** E-mail over SMTP (Spring Mail); with {@code commgov.notify.mail.enabled=false} nothing is sent and that is logged. */
@Component
class MailChannel {

    private static final Logger log = LoggerFactory.getLogger(MailChannel.class);

    static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

    private final NotifyProperties.Mail config;

    MailChannel(NotifyProperties properties) {
        this.config = properties.getMail();
        if (config.isEnabled()) {
            log.info("E-mail delivery on: SMTP {}:{}, from {}, STARTTLS {}", config.getHost(), config.getPort(), config.getFrom(),
                    config.isStarttlsRequired() ? "required" : "not required (mail and SMTP password may travel in clear)");
        } else {
            log.warn("E-mail delivery is OFF (commgov.notify.mail.enabled=false): mails are recorded as SKIPPED, not sent. "
                    + "Set commgov.notify.mail.enabled=true and commgov.notify.mail.host/port to send them.");
        }
    }

    boolean enabled() {
        return config.isEnabled();
    }

    /**
     * Sends one mail; answers null when the SMTP server accepted it, else the error. The idempotency key is the mail's
     * {@code Message-ID} ({@code <key@commgov>}) and its {@value #IDEMPOTENCY_HEADER} header.
     */
    String send(String to, String subject, String body, String idempotencyKey) {
        try {
            JavaMailSenderImpl sender = sender();
            var message = new MimeMessage(sender.getSession()) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", "<" + idempotencyKey + "@commgov>");
                }
            };
            var mail = new MimeMessageHelper(message, "UTF-8");
            mail.setFrom(config.getFrom());
            mail.setTo(to);
            mail.setSubject(subject);
            mail.setText(body);
            message.setHeader(IDEMPOTENCY_HEADER, idempotencyKey);
            sender.send(message);
            return null;
        } catch (MailException | MessagingException | IllegalStateException e) {
            return e.getMessage();
        }
    }

    /**
     * The JavaMail settings for {@code starttls-required}: the connection is upgraded before anything (the SMTP password,
     * the mail) is sent, a server that does not offer STARTTLS is refused, and its certificate and name are checked.
     */
    static Properties transportSecurity(NotifyProperties.Mail config) {
        Properties javaMail = new Properties();
        if (config.isStarttlsRequired()) {
            javaMail.put("mail.smtp.starttls.enable", "true");
            javaMail.put("mail.smtp.starttls.required", "true");
            javaMail.put("mail.smtp.ssl.checkserveridentity", "true");
            javaMail.put("mail.smtp.ssl.protocols", "TLSv1.3 TLSv1.2");
            if (config.getTrustStore() != null && !config.getTrustStore().isBlank()) {
                javaMail.put("mail.smtp.ssl.socketFactory", trusting(config.getTrustStore(), config.getTrustStorePassword()));
            }
        }
        return javaMail;
    }

    /** A TLS client that trusts the certificates of {@code trustStore} (and nothing else). */
    private static SSLSocketFactory trusting(String trustStore, String password) {
        try (InputStream in = Files.newInputStream(Path.of(trustStore))) {
            var store = KeyStore.getInstance("PKCS12");
            store.load(in, password == null ? new char[0] : password.toCharArray());
            var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            var context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("commgov.notify.mail.trust-store " + trustStore + " cannot be read: " + e.getMessage(), e);
        }
    }

    // built per mail from the current settings: cheap, and a changed server applies at once
    private JavaMailSenderImpl sender() {
        var sender = new JavaMailSenderImpl();
        sender.setHost(config.getHost());
        sender.setPort(config.getPort());
        sender.setDefaultEncoding("UTF-8");
        boolean auth = config.getUsername() != null && !config.getUsername().isBlank();
        if (auth) {
            sender.setUsername(config.getUsername());
            sender.setPassword(config.getPassword());
        }
        Properties javaMail = new Properties();
        String millis = String.valueOf(config.getTimeout().toMillis());
        javaMail.put("mail.smtp.connectiontimeout", millis);
        javaMail.put("mail.smtp.timeout", millis);
        javaMail.put("mail.smtp.writetimeout", millis);
        javaMail.put("mail.smtp.auth", String.valueOf(auth));
        javaMail.putAll(transportSecurity(config));
        sender.setJavaMailProperties(javaMail);
        return sender;
    }
}
