package io.commgov.support;

import java.util.Arrays;
import java.util.List;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.commgov.notify.NotifyProperties;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;

/** Points the application's e-mail at a test's GreenMail server on 127.0.0.1, and puts the settings back after. */
public final class MailToLocalSmtp {

    private final NotifyProperties.Mail mail;
    private final boolean enabled;
    private final String host;
    private final int port;

    public MailToLocalSmtp(NotifyProperties properties, GreenMailExtension smtp) {
        this.mail = properties.getMail();
        this.enabled = mail.isEnabled();
        this.host = mail.getHost();
        this.port = mail.getPort();
        mail.setEnabled(true);
        mail.setHost("127.0.0.1");
        mail.setPort(smtp.getSmtp().getPort());
    }

    public void restore() {
        mail.setEnabled(enabled);
        mail.setHost(host);
        mail.setPort(port);
    }

    /** Recipients of the received messages whose subject contains {@code subjectPart}. */
    public static List<String> recipientsOf(GreenMailExtension smtp, String subjectPart) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> subject(m).contains(subjectPart))
                .flatMap(m -> recipients(m).stream()).toList();
    }

    public static List<String> bodiesOf(GreenMailExtension smtp, String subjectPart) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> subject(m).contains(subjectPart))
                .map(GreenMailUtil::getBody).toList();
    }

    /** The decoded text of the received messages whose subject contains {@code subjectPart}. */
    public static List<String> textsOf(GreenMailExtension smtp, String subjectPart) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> subject(m).contains(subjectPart)).map(m -> {
            try {
                return String.valueOf(m.getContent());
            } catch (MessagingException | java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static String subject(Message m) {
        try {
            return m.getSubject() == null ? "" : m.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> recipients(Message m) {
        try {
            return Arrays.stream(m.getAllRecipients()).map(Object::toString).toList();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
