package io.commgov.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.commgov.support.CommGovIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/** E-mail against a real SMTP server (GreenMail) and IM webhooks against a real HTTP server, both on 127.0.0.1. */
@CommGovIntegrationTest
class NotifierTest {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    @Autowired Notifier notifier;
    @Autowired NotifyProperties properties;
    @Autowired Deliveries deliveries;
    @Autowired ObjectMapper json;

    WebhookServer robot;
    NotifyProperties.Mail savedMail;
    LinkedHashMap<String, NotifyProperties.Channel> savedChannels;

    @BeforeEach
    void configure() throws Exception {
        var mail = properties.getMail();
        savedMail = new NotifyProperties.Mail();
        savedMail.setEnabled(mail.isEnabled());
        savedMail.setHost(mail.getHost());
        savedMail.setPort(mail.getPort());
        mail.setEnabled(true);
        mail.setHost("127.0.0.1");
        mail.setPort(smtp.getSmtp().getPort());
        savedChannels = new LinkedHashMap<>(properties.getIm().getChannels());
        robot = new WebhookServer();
    }

    @AfterEach
    void restore() {
        var mail = properties.getMail();
        mail.setEnabled(savedMail.isEnabled());
        mail.setHost(savedMail.getHost());
        mail.setPort(savedMail.getPort());
        properties.getIm().setChannels(savedChannels);
        robot.close();
    }

    @Test
    void anEmailReachesTheSmtpServerAndIsRecorded() throws Exception {
        String to = "emma-" + System.nanoTime() + "@commgov.example";
        var delivery = notifier.email(to, "故障已受理", "您报告的故障已由 IT 受理。");

        assertThat(delivery.status()).isEqualTo(Delivery.Status.DELIVERED);
        assertThat(smtp.waitForIncomingEmail(5000, 1)).isTrue();
        var received = smtp.getReceivedMessagesForDomain("commgov.example");
        var mine = java.util.Arrays.stream(received).filter(m -> {
            try { return m.getAllRecipients()[0].toString().equals(to); } catch (Exception e) { return false; }
        }).findFirst().orElseThrow();
        assertThat(mine.getSubject()).isEqualTo("故障已受理");
        assertThat(GreenMailUtil.getBody(mine)).isNotBlank();
        assertThat(mine.getContent().toString()).contains("IT 受理");
        assertThat(deliveries.forTarget(to)).singleElement().satisfies(d -> {
            assertThat(d.status()).isEqualTo(Delivery.Status.DELIVERED);
            assertThat(d.attempts()).isOne();
            assertThat(d.idempotencyKey()).isEqualTo(delivery.idempotencyKey()).isNotBlank();
        });
        // the receiver's handle for dropping a duplicate: the same key in Message-ID and its own header
        assertThat(mine.getMessageID()).isEqualTo("<" + delivery.idempotencyKey() + "@commgov>");
        assertThat(mine.getHeader(MailChannel.IDEMPOTENCY_HEADER)).containsExactly(delivery.idempotencyKey());
    }

    @Test
    void twoMailsSentOutsideAProcessStepAreTwoMessagesNotDuplicates() {
        String to = "twice-" + System.nanoTime() + "@commgov.example";
        var first = notifier.email(to, "[催办] 申请", "请尽快处理。");
        var second = notifier.email(to, "[催办] 申请", "请尽快处理。");

        assertThat(first.idempotencyKey()).isNotEqualTo(second.idempotencyKey());
    }

    @Test
    void withMailOffNothingIsSentAndTheSkipIsRecorded() {
        properties.getMail().setEnabled(false);
        String to = "off-" + System.nanoTime() + "@commgov.example";
        var delivery = notifier.email(to, "subject", "body");

        assertThat(delivery.status()).isEqualTo(Delivery.Status.SKIPPED);
        assertThat(smtp.getReceivedMessages()).noneMatch(m -> m.toString().contains(to));
        assertThat(deliveries.forTarget(to)).singleElement().extracting(Delivery::status).isEqualTo(Delivery.Status.SKIPPED);
    }

    @Test
    void anUnreachableSmtpServerIsAFailedDeliveryNotAnException() throws Exception {
        int closedPort;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        properties.getMail().setPort(closedPort);
        String to = "down-" + System.nanoTime() + "@commgov.example";
        var delivery = notifier.email(to, "subject", "body");

        assertThat(delivery.status()).isEqualTo(Delivery.Status.FAILED);
        assertThat(delivery.error()).isNotBlank();
        assertThat(deliveries.forTarget(to)).singleElement().extracting(Delivery::status).isEqualTo(Delivery.Status.FAILED);
    }

    @Test
    void aDingTalkMessageIsSignedTheRobotsWayAndOurs() throws Exception {
        channel("ding", ImFormat.DINGTALK, "s3cret");
        var delivery = notifier.im("ding", "公告：本周五 18:00 停电检修");

        assertThat(delivery.status()).isEqualTo(Delivery.Status.DELIVERED);
        assertThat(delivery.attempts()).isOne();
        var request = robot.received().get(0);
        JsonNode body = json.readTree(request.body());
        assertThat(body.get("msgtype").asText()).isEqualTo("text");
        assertThat(body.at("/text/content").asText()).isEqualTo("公告：本周五 18:00 停电检修");

        assertThat(request.header(ImWebhook.IDEMPOTENCY_HEADER)).isEqualTo(delivery.idempotencyKey()).isNotBlank();
        String timestamp = request.header(ImWebhook.TIMESTAMP_HEADER);
        assertThat(request.header(ImWebhook.SIGNATURE_HEADER)).isEqualTo(ImWebhook.signature("s3cret", Long.parseLong(timestamp), request.body()));
        var query = java.util.Arrays.stream(request.query().split("&")).map(p -> p.split("=", 2))
                .collect(java.util.stream.Collectors.toMap(p -> p[0], p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
        assertThat(query.get("timestamp")).isEqualTo(timestamp);
        var mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec("s3cret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = Base64.getEncoder().encodeToString(mac.doFinal((timestamp + "\ns3cret").getBytes(StandardCharsets.UTF_8)));
        assertThat(query.get("sign")).isEqualTo(expected);
    }

    @Test
    void aFeishuMessageCarriesTimestampAndSignInTheBody() throws Exception {
        channel("lark", ImFormat.FEISHU, "k3y");
        robot.okBody("{\"code\":0,\"msg\":\"success\"}");
        assertThat(notifier.im("lark", "hello").delivered()).isTrue();

        JsonNode body = json.readTree(robot.received().get(0).body());
        assertThat(body.get("msg_type").asText()).isEqualTo("text");
        assertThat(body.at("/content/text").asText()).isEqualTo("hello");
        String seconds = body.get("timestamp").asText();
        var mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec((seconds + "\nk3y").getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertThat(body.get("sign").asText()).isEqualTo(Base64.getEncoder().encodeToString(mac.doFinal(new byte[0])));
    }

    @Test
    void aServerErrorIsRetriedWithBackoffUntilItSucceeds() {
        channel("retry", ImFormat.WECOM, null);
        robot.thenAnswer(500, 503);
        var delivery = notifier.im("retry", "third time lucky");

        assertThat(delivery.status()).isEqualTo(Delivery.Status.DELIVERED);
        assertThat(delivery.attempts()).isEqualTo(3);
        assertThat(robot.received()).hasSize(3);
        assertThat(robot.received().get(0).header(ImWebhook.SIGNATURE_HEADER)).as("no secret, no signature").isNull();
        assertThat(robot.received()).as("every attempt under the same key, so the robot can drop a repeat")
                .extracting(r -> r.header(ImWebhook.IDEMPOTENCY_HEADER)).containsOnly(delivery.idempotencyKey());
    }

    @Test
    void afterTheLastAttemptTheDeliveryIsFailedAndRecorded() {
        channel("down-" + System.nanoTime(), ImFormat.DINGTALK, "x");
        String name = properties.getIm().getChannels().keySet().stream().filter(k -> k.startsWith("down-")).findFirst().orElseThrow();
        robot.alwaysAnswer(500);
        var delivery = notifier.im(name, "lost?");

        assertThat(delivery.status()).isEqualTo(Delivery.Status.FAILED);
        assertThat(delivery.attempts()).isEqualTo(properties.getIm().getMaxAttempts());
        assertThat(delivery.error()).contains("HTTP 500");
        assertThat(deliveries.forTarget(name)).singleElement().extracting(Delivery::status).isEqualTo(Delivery.Status.FAILED);
    }

    @Test
    void aRobotThatAnswers200WithAnErrorCodeHasRefused() {
        channel("refusing", ImFormat.DINGTALK, "x");
        robot.okBody("{\"errcode\":310000,\"errmsg\":\"sign not match\"}");
        var delivery = notifier.im("refusing", "x");

        assertThat(delivery.status()).isEqualTo(Delivery.Status.FAILED);
        assertThat(delivery.error()).contains("310000");
    }

    @Test
    void anUnknownChannelIsSkippedAndRecorded() {
        var delivery = notifier.im("nowhere", "x");
        assertThat(delivery.status()).isEqualTo(Delivery.Status.SKIPPED);
        assertThat(robot.received()).isEmpty();
    }

    private void channel(String name, ImFormat format, String secret) {
        var channel = new NotifyProperties.Channel();
        channel.setUrl(robot.url());
        channel.setFormat(format);
        channel.setSecret(secret);
        var channels = new LinkedHashMap<>(properties.getIm().getChannels());
        channels.put(name, channel);
        properties.getIm().setChannels(channels);
    }
}
