package io.commgov.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

/**
 * One POST of a message to an IM robot webhook. Besides the robot's own signature, every request carries
 * {@value #TIMESTAMP_HEADER} (epoch milliseconds) and {@value #SIGNATURE_HEADER}: hex HMAC-SHA256 with the channel
 * secret over {@code timestamp + "\n" + body}, so a receiving gateway can check origin and freshness, and
 * {@value #IDEMPOTENCY_HEADER} (see {@link IdempotencyKey}; the GENERIC body carries it as {@code idempotencyKey} too), so it
 * can drop a message it has already seen.
 */
@Component
class ImWebhook {

    static final String TIMESTAMP_HEADER = "X-CommGov-Timestamp";
    static final String SIGNATURE_HEADER = "X-CommGov-Signature";
    static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

    private final ObjectMapper json;
    private final HttpClient http;
    private final NotifyProperties.Im config;

    ImWebhook(ObjectMapper json, NotifyProperties properties) {
        this.json = json;
        this.config = properties.getIm();
        this.http = HttpClient.newBuilder().connectTimeout(config.getTimeout()).build();
    }

    /** Answers null when the robot accepted the message, else why not. */
    String post(NotifyProperties.Channel channel, String message, String idempotencyKey) {
        long timestamp = System.currentTimeMillis();
        String body;
        try {
            var fields = channel.getFormat().body(message, timestamp, channel.getSecret());
            if (channel.getFormat() == ImFormat.GENERIC) {
                fields = new java.util.LinkedHashMap<>(fields);
                fields.put("idempotencyKey", idempotencyKey);
            }
            body = json.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            return "cannot write the message: " + e.getMessage();
        }
        var request = HttpRequest.newBuilder(URI.create(channel.getFormat().url(channel.getUrl(), timestamp, channel.getSecret())))
                .timeout(config.getTimeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header(TIMESTAMP_HEADER, String.valueOf(timestamp))
                .header(IDEMPOTENCY_HEADER, idempotencyKey);
        if (channel.getSecret() != null && !channel.getSecret().isBlank()) {
            request.header(SIGNATURE_HEADER, signature(channel.getSecret(), timestamp, body));
        }
        try {
            var response = http.send(request.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() / 100 != 2) {
                return "HTTP " + response.statusCode() + " " + abbreviate(response.body());
            }
            return robotError(response.body());
        } catch (IOException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    static String signature(String secret, long timestamp, String body) {
        return ImFormat.Signatures.hex(ImFormat.Signatures.hmacSha256(secret.getBytes(StandardCharsets.UTF_8),
                (timestamp + "\n" + body).getBytes(StandardCharsets.UTF_8)));
    }

    /** DingTalk and WeCom answer 200 with {@code errcode}, Feishu with {@code code}; anything but 0 is a refusal. */
    private String robotError(String responseBody) {
        if (responseBody == null || responseBody.isBlank()) {
            return null;
        }
        try {
            JsonNode node = json.readTree(responseBody);
            for (String field : new String[] {"errcode", "code"}) {
                if (node.hasNonNull(field) && node.get(field).asInt(0) != 0) {
                    return "robot refused: " + abbreviate(responseBody);
                }
            }
            return null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
