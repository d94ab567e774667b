package io.commgov.announcements;

import static io.commgov.support.Api.var;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.commgov.notify.NotifyProperties;
import io.commgov.notify.WebhookServer;
import io.commgov.support.Api;
import io.commgov.support.CommGovIntegrationTest;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;

/** announcement-review, one method per path: each class, approval, rejection, hard hit, four-eyes, delivery retried and given up. */
@CommGovIntegrationTest
class AnnouncementReviewProcessTest {

    @Autowired ProcessEngine processEngine;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired IdentityService identityService;
    @Autowired ManagementService managementService;
    @Autowired NotifyProperties notifyProperties;
    @Autowired Announcements announcements;
    @Autowired TestRestTemplate rest;
    @Autowired ObjectMapper json;

    WebhookServer robot;
    Map<String, NotifyProperties.Channel> savedChannels;
    Api api;

    @BeforeEach
    void setUp() throws Exception {
        BpmnAwareTests.init(processEngine);
        api = new Api(rest);
        robot = new WebhookServer();
        savedChannels = new LinkedHashMap<>(notifyProperties.getIm().getChannels());
        var channel = new NotifyProperties.Channel();
        channel.setUrl(robot.url());
        channel.setSecret("test-robot-secret");
        var channels = new LinkedHashMap<>(savedChannels);
        channels.put("announcements", channel);
        notifyProperties.getIm().setChannels(channels);
    }

    @AfterEach
    void tearDown() {
        identityService.clearAuthentication();
        notifyProperties.getIm().setChannels(savedChannels);
        robot.close();
        ClockUtil.reset();
    }

    @Test
    void anAnnouncementApprovedByAdministrationIsRecordedAndDelivered() throws Exception {
        var pi = start("emma", "ANNOUNCEMENT", "国庆节放假安排", "10月1日至10月7日放假调休，共7天。", null);
        assertThat(pi).isWaitingAt("Task_ReviewByAdministration");
        assertThat(task()).hasCandidateGroup("administration");
        assertThat(pi).variables().containsEntry("screenVerdict", "CLEAN");

        complete(pi, "alice", Map.of("approved", true));
        assertThat(pi).isWaitingAt("Task_DeliverToPlatform");
        execute(job());

        assertThat(pi).hasPassedInOrder("Task_ScreenContent", "Task_ReviewByAdministration", "Task_RecordPublication", "Task_DeliverToPlatform")
                .isEnded().hasPassed("EndEvent_Published");
        var record = announcements.find(pi.getId()).orElseThrow();
        assertThat(record.status()).isEqualTo(Announcements.Status.DELIVERED);
        assertThat(record.decidedBy()).isEqualTo("alice");
        assertThat(record.decidedAt()).isNotNull();
        assertThat(record.contentSm3()).isEqualTo(ContentDigest.sm3("国庆节放假安排", "10月1日至10月7日放假调休，共7天。")).hasSize(64);
        assertThat(record.deliveryAttempts()).isOne();

        assertThat(robot.received()).hasSize(1);
        JsonNode message = json.readTree(robot.received().get(0).body());
        assertThat(message.at("/text/content").asText()).contains("【公告】国庆节放假安排").contains("发布人：emma").contains(record.contentSm3());
        assertThat(robot.received().get(0).query()).contains("sign=");
    }

    @Test
    void aWorkItemIsApprovedByTheHeadOfItsAudience() {
        var pi = start("emma", "WORK", "接口联调安排", "请研发部同事周四前完成接口联调。", "[\"dept-RND\"]");
        assertThat(pi).isWaitingAt("Task_ReviewByDepartmentHead");
        assertThat(task()).hasCandidateUser("head-rnd");
        assertThat(taskService.createTaskQuery().processInstanceId(pi.getId()).taskCandidateUser("head-mkt").count())
                .as("only the audience's head").isZero();

        complete(pi, "head-rnd", Map.of("approved", true));
        execute(job());

        assertThat(pi).isEnded().hasPassed("EndEvent_Published");
        assertThat(announcements.find(pi.getId()).orElseThrow().decidedBy()).isEqualTo("head-rnd");
    }

    @Test
    void aCleanDailyItemNeedsNoReviewerButIsStillScreenedAndRecorded() {
        var pi = start("emma", "DAILY", "周五团建", "周五下午在城市公园团建，欢迎大家参加。", null);

        assertThat(pi).hasPassed("Task_ScreenContent", "Task_DecideReviewRoute", "Task_RecordPublication")
                .hasNotPassed("Task_ReviewByAdministration", "Task_ReviewByDepartmentHead")
                .isWaitingAt("Task_DeliverToPlatform");
        execute(job());
        assertThat(pi).isEnded().hasPassed("EndEvent_Published");
        assertThat(announcements.find(pi.getId()).orElseThrow().decidedBy()).isEqualTo(RecordPublicationDelegate.SCREEN_AS_DECIDER);
    }

    @Test
    void aSoftHitGoesToTheReviewerWithThePassageHighlighted() throws Exception {
        var pi = start("emma", "DAILY", "闲置转让", "有需要的同事欢迎 加 微 信 联系我。", null);

        assertThat(pi).isWaitingAt("Task_ReviewByAdministration");
        assertThat(pi).variables().containsEntry("screenVerdict", "SOFT");
        String taskId = task().getId();
        var form = api.get("alice", "/engine-rest/task/" + taskId + "/form-variables?variableNames=screenReport,screenVerdict");
        assertThat(form.getStatusCode()).isEqualTo(HttpStatus.OK);
        String report = json.readTree(form.getBody()).at("/screenReport/value").asText();
        assertThat(report).contains("SOFT").contains("ADVERTISING_RUMOUR").contains("【加 微 信】");
        assertThat(api.get("alice", "/engine-rest/task/" + taskId + "/form").getBody()).contains("Form_ReviewAnnouncement");
    }

    @Test
    void theReviewerRejectsWithAComment() {
        var pi = start("emma", "ANNOUNCEMENT", "团购活动", "有同事组织水果团购，欢迎参加。", null);
        complete(pi, "alice", Map.of("approved", false, "comment", "与工作无关，请改用日常类发布。"));

        assertThat(pi).isEnded().hasPassed("Task_RecordRejection", "EndEvent_RejectedByReviewer").hasNotPassed("Task_RecordPublication");
        var record = announcements.find(pi.getId()).orElseThrow();
        assertThat(record.status()).isEqualTo(Announcements.Status.REJECTED);
        assertThat(record.reasons()).isEqualTo("与工作无关，请改用日常类发布。");
        assertThat(robot.received()).as("nothing delivered").isEmpty();
    }

    @Test
    void aHardHitIsRejectedAtOnceWithoutAReviewer() {
        var pi = start("emma", "WORK", "客户回访", "请联系客户张先生 138 0013 8000 确认需求。", "[\"dept-SAL\"]");

        assertThat(pi).isEnded().hasPassed("Task_RecordScreenRejection", "EndEvent_RejectedByScreen")
                .hasNotPassed("Task_DecideReviewRoute", "Task_ReviewByDepartmentHead", "Task_RecordPublication");
        var record = announcements.find(pi.getId()).orElseThrow();
        assertThat(record.status()).isEqualTo(Announcements.Status.REJECTED_BY_SCREEN);
        assertThat(record.reasons()).contains("HARD").contains("CUSTOMER_DATA").contains("MOBILE").contains("body 9–22")
                .doesNotContain("138 0013 8000");
        assertThat(robot.received()).isEmpty();
    }

    @Test
    void theAuthorCannotApproveTheirOwnAnnouncement() throws Exception {
        var pi = start("alice", "ANNOUNCEMENT", "制度更新", "新版考勤制度自下月起执行。", null);
        String taskId = taskOf(pi).getId();

        var own = api.post("alice", "/engine-rest/task/" + taskId + "/complete", Map.of("variables", Map.of("approved", var(true, "Boolean"))));
        assertThat(own.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(own.getBody()).contains("four-eyes");
        assertThat(pi).isWaitingAt("Task_ReviewByAdministration");

        var other = api.post("adam", "/engine-rest/task/" + taskId + "/complete", Map.of("variables", Map.of("approved", var(true, "Boolean"))));
        assertThat(other.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(pi).isWaitingAt("Task_DeliverToPlatform");
        assertThat(runtimeService.getVariable(pi.getId(), "decidedBy")).isEqualTo("adam");
    }

    @Test
    void deliveryIsRetriedAfterTheWebhookAnswered500AndThenSucceeds() {
        var pi = approvedAnnouncement();
        robot.thenAnswer(500);
        execute(job());

        assertThat(pi).isEnded().hasPassed("EndEvent_Published");
        assertThat(robot.received()).hasSize(2);
        assertThat(announcements.find(pi.getId()).orElseThrow().deliveryAttempts()).isEqualTo(2);
    }

    @Test
    void afterAFailedRoundTheAnnouncementWaitsAndIsDeliveredLater() {
        var pi = approvedAnnouncement();
        robot.alwaysAnswer(500);
        // whole seconds: MariaDB keeps no fractions
        java.util.Date before = java.util.Date.from(java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        ClockUtil.setCurrentTime(before);
        execute(job());

        assertThat(pi).isWaitingAt("Timer_WaitBeforeRedelivery");
        assertThat(robot.received()).hasSize(notifyProperties.getIm().getMaxAttempts());
        var record = announcements.find(pi.getId()).orElseThrow();
        assertThat(record.status()).as("published, delivery pending").isEqualTo(Announcements.Status.PUBLISHED);
        assertThat(record.lastDeliveryError()).contains("HTTP 500");
        var timer = job();
        assertThat(Duration.between(before.toInstant(), timer.getDuedate().toInstant())).isEqualTo(Duration.ofMinutes(5));

        robot.alwaysAnswer(200);
        execute(timer);
        assertThat(pi).isWaitingAt("Task_DeliverToPlatform");
        execute(job());
        assertThat(pi).isEnded().hasPassed("EndEvent_Published");
        assertThat(announcements.find(pi.getId()).orElseThrow().status()).isEqualTo(Announcements.Status.DELIVERED);
    }

    @Test
    void whenDeliveryIsGivenUpItGetsATaskAndMayRedeliver() {
        var pi = approvedAnnouncement();
        robot.alwaysAnswer(500);
        deliverUntilRoundsAreUsedUp(pi);

        assertThat(pi).isWaitingAt("Task_HandleDeliveryFailure");
        assertThat(task()).hasCandidateGroup("it");
        assertThat(announcements.find(pi.getId()).orElseThrow().status()).isEqualTo(Announcements.Status.DELIVERY_FAILED);

        robot.alwaysAnswer(200);
        complete(pi, "ivan", Map.of("redeliver", true));
        execute(job());
        assertThat(pi).isEnded().hasPassed("EndEvent_Published");
        assertThat(announcements.find(pi.getId()).orElseThrow().status()).isEqualTo(Announcements.Status.DELIVERED);
    }

    @Test
    void itMayAbandonDeliveryOnlyWithAResolution() throws Exception {
        var pi = approvedAnnouncement();
        robot.alwaysAnswer(500);
        deliverUntilRoundsAreUsedUp(pi);
        String taskId = taskOf(pi).getId();

        var noReason = api.post("ivan", "/engine-rest/task/" + taskId + "/complete", Map.of("variables", Map.of("redeliver", var(false, "Boolean"))));
        assertThat(noReason.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(noReason.getBody()).contains("resolution").contains("required-when-abandoned");

        complete(pi, "ivan", Map.of("redeliver", false, "resolution", "平台停用，已改为邮件通知全员。"));
        assertThat(pi).isEnded().hasPassed("Task_RecordDeliveryAbandoned", "EndEvent_DeliveryAbandoned");
        var record = announcements.find(pi.getId()).orElseThrow();
        assertThat(record.status()).isEqualTo(Announcements.Status.DELIVERY_ABANDONED);
        assertThat(record.lastDeliveryError()).contains("平台停用");
    }

    @Test
    void aWorkItemWithoutAudienceOrWithAnUnknownGroupIsRefused() throws Exception {
        String start = "/engine-rest/process-definition/key/announcement-review/start";
        var noAudience = api.post("emma", start, Map.of("variables", Map.of(
                "contentClass", var("WORK", "String"), "title", var("t", "String"), "body", var("b", "String"))));
        assertThat(noAudience.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(errors(noAudience.getBody())).containsEntry("audience", "required");

        var unknown = api.post("emma", start, Map.of("variables", Map.of(
                "contentClass", var("WORK", "String"), "title", var("t", "String"), "body", var("b", "String"),
                "audience", var("[\"dept-RND\",\"dept-NOPE\"]", "Json"))));
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(errors(unknown.getBody())).containsEntry("audience", "unknown-group");
        assertThat(unknown.getBody()).contains("dept-NOPE").doesNotContain("dept-RND,");

        var badClass = api.post("emma", start, Map.of("variables", Map.of(
                "contentClass", var("GOSSIP", "String"), "title", var("t", "String"), "body", var("b", "String"))));
        assertThat(errors(badClass.getBody())).containsEntry("contentClass", "one-of");
    }

    @Test
    void anIntegratorStartsThroughRestAndReadsTheVerdictAtOnce() throws Exception {
        var response = api.post("emma", "/engine-rest/process-definition/key/announcement-review/start", Map.of(
                "variables", Map.of("contentClass", var("DAILY", "String"), "title", var("吐槽", "String"),
                        "body", var("某某同事就是个蠢货", "String")),
                "withVariablesInReturn", true));
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode body = json.readTree(response.getBody());
        assertThat(body.get("ended").asBoolean()).isTrue();
        assertThat(body.at("/variables/screenVerdict/value").asText()).isEqualTo("HARD");
        assertThat(body.at("/variables/screenReport/value").asText()).contains("HARASSMENT").contains("【蠢货】");
    }

    private ProcessInstance approvedAnnouncement() {
        var pi = start("emma", "ANNOUNCEMENT", "系统升级通知", "邮件系统将于周六晚升级。", null);
        complete(pi, "alice", Map.of("approved", true));
        assertThat(pi).isWaitingAt("Task_DeliverToPlatform");
        return pi;
    }

    private void deliverUntilRoundsAreUsedUp(ProcessInstance pi) {
        execute(job());
        for (int round = 2; round <= 3; round++) {
            assertThat(pi).isWaitingAt("Timer_WaitBeforeRedelivery");
            execute(job());
            execute(job());
        }
    }

    private ProcessInstance start(String user, String contentClass, String title, String body, String audienceJson) {
        var variables = Variables.createVariables().putValue("contentClass", contentClass).putValue("title", title).putValue("body", body);
        if (audienceJson != null) {
            variables.putValueTyped("audience", SpinValues.jsonValue(audienceJson).create());
        }
        authenticate(user);
        try {
            return runtimeService.startProcessInstanceByKey("announcement-review", variables);
        } finally {
            identityService.clearAuthentication();
        }
    }

    private void complete(ProcessInstance pi, String user, Map<String, Object> variables) {
        String taskId = taskOf(pi).getId();
        authenticate(user);
        try {
            taskService.complete(taskId, new HashMap<>(variables));
        } finally {
            identityService.clearAuthentication();
        }
    }

    private org.camunda.bpm.engine.task.Task taskOf(ProcessInstance pi) {
        return taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult();
    }

    private void authenticate(String user) {
        identityService.clearAuthentication();
        List<String> groups = identityService.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
        identityService.setAuthentication(user, groups);
    }

    private Map<String, String> errors(String body) throws Exception {
        var errors = new HashMap<String, String>();
        json.readTree(body).get("errors").forEach(e -> errors.put(e.get("field").asText(), e.get("rule").asText()));
        return errors;
    }
}
