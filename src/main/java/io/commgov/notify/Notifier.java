package io.commgov.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;

/**
 * Sends a notification and records how it went ({@code cg_notify_delivery}). Never throws for a delivery problem:
 * the answer says whether it was delivered, so the caller (a process) decides what a failure means.
 */
@Service
@EnableConfigurationProperties(NotifyProperties.class)
public class Notifier {

    private static final Logger log = LoggerFactory.getLogger(Notifier.class);

    private final MailChannel mail;
    private final ImWebhook webhook;
    private final Deliveries deliveries;
    private final NotifyProperties properties;

    Notifier(MailChannel mail, ImWebhook webhook, Deliveries deliveries, NotifyProperties properties) {
        this.mail = mail;
        this.webhook = webhook;
        this.deliveries = deliveries;
        this.properties = properties;
    }

    /** One e-mail, one attempt (the SMTP server queues and retries on its side). */
    public Delivery email(String to, String subject, String body) {
        subject = PlainText.oneLine(subject);
        body = PlainText.text(body);
        Instant started = Instant.now();
        String key = IdempotencyKey.of(Delivery.Kind.EMAIL, to, subject);
        Delivery delivery;
        if (!mail.enabled()) {
            log.warn("E-mail to {} ('{}') NOT sent: e-mail delivery is off (commgov.notify.mail.enabled=false)", to, subject);
            delivery = new Delivery(newId(), Delivery.Kind.EMAIL, to, Delivery.Status.SKIPPED, 0, "e-mail delivery is off", key);
        } else {
            String error = mail.send(to, subject, body, key);
            delivery = new Delivery(newId(), Delivery.Kind.EMAIL, to, error == null ? Delivery.Status.DELIVERED : Delivery.Status.FAILED, 1,
                    error, key);
            if (error != null) {
                log.warn("E-mail to {} ('{}') failed: {}", to, subject, error);
            }
        }
        deliveries.record(delivery, subject, started);
        return delivery;
    }

    /** One message to a configured IM channel, retried with exponential backoff up to {@code commgov.notify.im.max-attempts}. */
    public Delivery im(String channelName, String message) {
        message = PlainText.text(message);
        Instant started = Instant.now();
        var im = properties.getIm();
        var channel = im.getChannels().get(channelName);
        String key = IdempotencyKey.of(Delivery.Kind.IM, channelName, message);
        Delivery delivery;
        if (channel == null || channel.getUrl() == null || channel.getUrl().isBlank()) {
            log.warn("IM message to channel '{}' NOT sent: no webhook configured (commgov.notify.im.channels.{}.url)", channelName, channelName);
            delivery = new Delivery(newId(), Delivery.Kind.IM, channelName, Delivery.Status.SKIPPED, 0, "no webhook configured for this channel", key);
        } else {
            delivery = postWithRetries(channelName, channel, message, key, im);
        }
        deliveries.record(delivery, abbreviate(message), started);
        return delivery;
    }

    /** Every attempt carries the same key: a robot that got an attempt whose answer was lost can drop the next one. */
    private Delivery postWithRetries(String channelName, NotifyProperties.Channel channel, String message, String key, NotifyProperties.Im im) {
        int attempts = Math.max(1, im.getMaxAttempts());
        Duration backoff = im.getInitialBackoff();
        String error = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            error = webhook.post(channel, message, key);
            if (error == null) {
                return new Delivery(newId(), Delivery.Kind.IM, channelName, Delivery.Status.DELIVERED, attempt, null, key);
            }
            log.warn("IM message to channel '{}' attempt {}/{} failed: {}", channelName, attempt, attempts, error);
            if (attempt < attempts && !sleep(backoff)) {
                return new Delivery(newId(), Delivery.Kind.IM, channelName, Delivery.Status.FAILED, attempt, "interrupted after: " + error, key);
            }
            backoff = Duration.ofMillis((long) (backoff.toMillis() * im.getBackoffMultiplier()));
        }
        return new Delivery(newId(), Delivery.Kind.IM, channelName, Delivery.Status.FAILED, attempts, error, key);
    }

    private static boolean sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }

    private static String abbreviate(String s) {
        return s == null || s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }
}
