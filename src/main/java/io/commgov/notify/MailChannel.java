package io.commgov.notify;

import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/** E-mail over SMTP (Spring Mail); with {@code commgov.notify.mail.enabled=false} nothing is sent and that is logged. */
@Component
class MailChannel {

    private static final Logger log = LoggerFactory.getLogger(MailChannel.class);

    private final NotifyProperties.Mail config;

    MailChannel(NotifyProperties properties) {
        this.config = properties.getMail();
        if (config.isEnabled()) {
            log.info("E-mail delivery on: SMTP {}:{}, from {}", config.getHost(), config.getPort(), config.getFrom());
        } else {
            log.warn("E-mail delivery is OFF (commgov.notify.mail.enabled=false): mails are recorded as SKIPPED, not sent. "
                    + "Set commgov.notify.mail.enabled=true and commgov.notify.mail.host/port to send them.");
        }
    }

    boolean enabled() {
        return config.isEnabled();
    }

    /** Sends one mail; answers null when the SMTP server accepted it, else the error. */
    String send(String to, String subject, String body) {
        var message = new SimpleMailMessage();
        message.setFrom(config.getFrom());
        message.setTo(to);
        message.setSubject(subject);
        message.setText(body);
        try {
            sender().send(message);
            return null;
        } catch (MailException e) {
            return e.getMessage();
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
        sender.setJavaMailProperties(javaMail);
        return sender;
    }
}
