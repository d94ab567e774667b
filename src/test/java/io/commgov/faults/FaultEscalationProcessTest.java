package io.commgov.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.commgov.notify.NotifyProperties;
import io.commgov.notify.WebhookServer;
import io.commgov.sla.Sla;
import io.commgov.sla.SlaRecord;
import io.commgov.support.Api;
import io.commgov.support.CommGovIntegrationTest;
import io.commgov.support.MailToLocalSmtp;
import io.commgov.validation.ContractViolationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;

/** R-FLT on {@code fault-escalation}: every path, the engine clock moved, mail on a real SMTP server on 127.0.0.1. */
@CommGovIntegrationTest
class FaultEscalationProcessTest {

    private static final OffsetDateTime REPORTED = OffsetDateTime.parse("2026-11-24T10:00:00+08:00");

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    @Autowired ProcessEngine processEngine;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired IdentityService identityService;
    @Autowired NotifyProperties notifyProperties;
    @Autowired Sla sla;
    @Autowired TestRestTemplate rest;
    @Autowired ObjectMapper json;
    MailToLocalSmtp mail;
    WebhookServer robot;
    Map<String, NotifyProperties.Channel> savedChannels;

    @BeforeEach
    void setUp() throws Exception {
        BpmnAwareTests.init(processEngine);
        mail = new MailToLocalSmtp(notifyProperties, smtp);
        ClockUtil.setCurrentTime(at(0));
        // the IM robot of the faults channel, on 127.0.0.1
        robot = new WebhookServer();
        savedChannels = new LinkedHashMap<>(notifyProperties.getIm().getChannels());
        var channel = new NotifyProperties.Channel();
        channel.setUrl(robot.url());
        channel.setSecret("test-faults-secret");
        var channels = new LinkedHashMap<>(savedChannels);
        channels.put("faults", channel);
        notifyProperties.getIm().setChannels(channels);
    }

    @AfterEach
    void tearDown() {
        ClockUtil.reset();
        identityService.clearAuthentication();
        mail.restore();
        notifyProperties.getIm().setChannels(savedChannels);
        robot.close();
    }

    @Test
    void shouldCloseAFaultRespondedAndDiagnosedInTimeAndTellTheReporter() {
        ProcessInstance pi = report(false);
        assertThat(pi).isWaitingAt("Task_RespondToFault");
        assertThat(task(pi)).hasCandidateGroup("it");
        assertThat(record(pi, "response").dueAt()).isEqualTo(at(30).toInstant());
        assertThat(record(pi, "diagnosis").dueAt()).isEqualTo(at(120).toInstant());
        assertThat(record(pi, "response").calendar()).isEqualTo("24x7");
        assertThat(task(pi).getDueDate()).isEqualTo(at(30));
        assertThat(task(pi).getFollowUpDate()).isEqualTo(at(24));

        ClockUtil.setCurrentTime(at(10));
        complete(task(pi), withVariables("response", "我们正在查看"));
        assertThat(record(pi, "response").state()).isEqualTo(SlaRecord.State.MET);
        assertThat(pi).isWaitingAt("Task_DiagnoseFault");
        assertThat(task(pi).getDueDate()).as("the enclosing 2-hour SLA").isEqualTo(at(120));

        ClockUtil.setCurrentTime(at(60));
        complete(task(pi), withVariables("cause", "证书过期", "expectedFixAt", "2026-11-24T12:00:00+08:00"));
        assertThat(record(pi, "diagnosis").state()).isEqualTo(SlaRecord.State.MET);
        assertThat(pi).hasPassed("Task_InformReporterOfCause").isWaitingAt("Task_FixFault");
        assertThat(MailToLocalSmtp.recipientsOf(smtp, "原因与预计修复时间")).containsExactly(emailOf("emma"));
        assertThat(MailToLocalSmtp.textsOf(smtp, "原因与预计修复时间")).singleElement().satisfies(body -> assertThat(body)
                .contains("消息发送失败").contains("原因：证书过期").contains("预计修复时间：2026-11-24 12:00（北京时间）")
                .contains("我们正在查看"));

        assertThat(task(pi).getDueDate()).isNull();
        complete(task(pi), withVariables("fixConfirmation", "已更新证书并验证"));
        assertThat(task(pi)).isAssignedTo("emma");
        complete(task(pi), withVariables("fixed", true));
        assertThat(pi).isEnded().hasPassed("EndEvent_FaultClosed").hasNotPassed("Task_ReviewResponseBreach", "SubProcess_EmergencyPlan");
    }

    @Test
    void shouldWarnThenEscalateALateResponseToTheItHeadAndStillAcceptIt() {
        ProcessInstance pi = report(false);
        ClockUtil.setCurrentTime(at(24));
        execute(job("Timer_ResponseSlaWarning", pi));
        assertThat(record(pi, "response").warnedAt()).isEqualTo(at(24).toInstant());
        assertThat(MailToLocalSmtp.recipientsOf(smtp, "即将超时")).contains(emailOf("ivan"), emailOf("iris"));

        ClockUtil.setCurrentTime(at(30));
        execute(job("Timer_ResponseSla", pi));
        assertThat(pi).isWaitingAt("Task_RespondToFault", "Task_ReviewResponseBreach");
        assertThat(task("Task_ReviewResponseBreach", pi)).hasCandidateGroup("it-head");
        assertThat(record(pi, "response").state()).isEqualTo(SlaRecord.State.BREACHED);
        assertThat(MailToLocalSmtp.recipientsOf(smtp, "已超时")).containsExactly(emailOf("ian"));

        ClockUtil.setCurrentTime(at(45));
        complete(task("Task_RespondToFault", pi), withVariables("response", "抱歉，迟了"));
        assertThat(pi).isWaitingAt("Task_DiagnoseFault", "Task_ReviewResponseBreach");
        SlaRecord late = record(pi, "response");
        assertThat(late.state()).isEqualTo(SlaRecord.State.BREACHED);
        assertThat(late.completedAt()).isEqualTo(at(45).toInstant());
        complete(task("Task_ReviewResponseBreach", pi), withVariables("escalationAction", "已调配值班人员"));
        assertThat(pi).hasPassed("EndEvent_ResponseBreachReviewed");
    }

    @Test
    void shouldEscalateADiagnosisNotGivenWithinTwoHoursOfTheReport() {
        ProcessInstance pi = report(false);
        ClockUtil.setCurrentTime(at(5));
        complete(task(pi), withVariables("response", "收到"));
        ClockUtil.setCurrentTime(at(96));
        execute(job("Timer_DiagnosisSlaWarning", pi));
        ClockUtil.setCurrentTime(at(120));
        execute(job("Timer_DiagnosisSla", pi));
        assertThat(pi).isWaitingAt("Task_DiagnoseFault", "Task_ReviewDiagnosisBreach");
        assertThat(task("Task_ReviewDiagnosisBreach", pi)).hasCandidateGroup("it-head");
        assertThat(record(pi, "diagnosis").state()).isEqualTo(SlaRecord.State.BREACHED);
        assertThat(record(pi, "diagnosis").warnedAt()).isEqualTo(at(96).toInstant());
        assertThat(MailToLocalSmtp.recipientsOf(smtp, "已超时")).containsExactly(emailOf("ian"));
    }

    @Test
    void shouldStartTheEmergencyPlanAtOnceForAPlatformOutage() {
        ProcessInstance pi = report(true);
        assertThat(pi).isWaitingAt("Task_RespondToFault", "Task_RunEmergencyPlan");
        assertThat(task("Task_RunEmergencyPlan", pi)).hasCandidateGroup("it-head");
        List<String> heads = identityService.createUserQuery().memberOfGroup("dept-head").list().stream().map(User::getEmail).toList();
        assertThat(heads).hasSizeGreaterThanOrEqualTo(8);
        assertThat(MailToLocalSmtp.recipientsOf(smtp, "已启动应急预案")).containsExactlyInAnyOrderElementsOf(heads);
        assertThat(robot.received()).as("the faults IM channel").singleElement()
                .satisfies(post -> assertThat(post.body()).contains("重大故障").contains("消息发送失败").contains("COMPANY"));

        assertThatThrownBy(() -> complete(task("Task_RunEmergencyPlan", pi), withVariables("commandCentreOpened", true)))
                .hasRootCauseInstanceOf(ContractViolationException.class).hasMessageContaining("vendorEngaged");

        // every IT step of a major fault goes to the reporter and the department heads
        complete(task("Task_RespondToFault", pi), withVariables("response", "全员排查中"));
        assertThat(MailToLocalSmtp.recipientsOf(smtp, "进展")).contains(emailOf("emma")).containsAll(heads);
        assertThat(robot.received()).hasSize(2).last().satisfies(post -> assertThat(post.body()).contains("故障进展"));

        complete(task("Task_RunEmergencyPlan", pi), withVariables("commandCentreOpened", true, "backupChannelAnnounced", true,
                "vendorEngaged", true, "departmentsBriefed", true));
        assertThat(pi).hasPassed("EndEvent_EmergencyPlanDone").isWaitingAt("Task_DiagnoseFault");
    }

    @Test
    void shouldStartTheEmergencyPlanWhenItUpgradesAFaultMidway() {
        ProcessInstance pi = report(false);
        complete(task(pi), withVariables("response", "收到"));
        assertThat(pi).isWaitingAt("Task_DiagnoseFault").hasNotPassed("Task_NotifyDepartmentHeads");
        complete(task(pi), withVariables("cause", "机房断电", "expectedFixAt", "2026-11-24T18:00:00+08:00", "upgradeToMajor", true));
        assertThat(pi).hasPassed("Task_NotifyDepartmentHeads").isWaitingAt("Task_FixFault", "Task_RunEmergencyPlan");
        assertThat(MailToLocalSmtp.recipientsOf(smtp, "已启动应急预案")).contains(emailOf("head-mkt"), emailOf("head-fin"));
        // only once, however often it is upgraded
        complete(task("Task_FixFault", pi), withVariables("fixConfirmation", "已恢复供电", "upgradeToMajor", true));
        assertThat(taskService.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey("Task_RunEmergencyPlan").count()).isOne();
    }

    @Test
    void shouldReopenWithANewTwoHourDiagnosisWhenTheReporterSaysItIsNotFixed() {
        ProcessInstance pi = report(false);
        complete(task(pi), withVariables("response", "收到"));
        complete(task(pi), withVariables("cause", "配置错误", "expectedFixAt", "2026-11-24T11:00:00+08:00"));
        complete(task(pi), withVariables("fixConfirmation", "已修正配置"));
        ClockUtil.setCurrentTime(at(50));

        assertThatThrownBy(() -> complete(task(pi), withVariables("fixed", false)))
                .hasRootCauseInstanceOf(ContractViolationException.class).hasMessageContaining("comment");
        complete(task(pi), withVariables("fixed", false, "comment", "仍然无法登录"));

        assertThat(pi).isWaitingAt("Task_DiagnoseFault").hasNotPassed("EndEvent_FaultClosed");
        List<SlaRecord> diagnoses = sla.recordsOf(pi.getId()).stream().filter(r -> r.name().equals("diagnosis")).toList();
        assertThat(diagnoses).hasSize(2);
        assertThat(diagnoses.get(1).startedAt()).isEqualTo(at(50).toInstant());
        assertThat(diagnoses.get(1).dueAt()).isEqualTo(at(170).toInstant());
        assertThat(sla.recordsOf(pi.getId()).stream().filter(r -> r.name().equals("response"))).hasSize(1);
    }

    @Test
    void onlyTheReporterConfirmsTheFix() {
        ProcessInstance pi = report(false);
        complete(task(pi), withVariables("response", "收到"));
        complete(task(pi), withVariables("cause", "配置错误", "expectedFixAt", "2026-11-24T11:00:00+08:00"));
        complete(task(pi), withVariables("fixConfirmation", "已修正配置"));
        String confirmation = task(pi).getId();
        identityService.setAuthentication("ivan", List.of("employee", "it", "dept-IT"));
        assertThatThrownBy(() -> taskService.complete(confirmation, Map.of("fixed", true)))
                .isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class);
        // even a platform administrator, who may touch every task, cannot confirm in the reporter's place
        identityService.setAuthentication("admin", List.of("camunda-admin"));
        assertThatThrownBy(() -> taskService.complete(confirmation, Map.of("fixed", true)))
                .hasRootCauseInstanceOf(ContractViolationException.class).hasMessageContaining("reporter-only");
    }

    @Test
    void aDiagnosisNeedsACauseAndAFutureFixTime() {
        ProcessInstance pi = report(false);
        complete(task(pi), withVariables("response", "收到"));
        assertThatThrownBy(() -> complete(task(pi), withVariables("expectedFixAt", "2026-11-24T09:00:00+08:00")))
                .hasRootCauseInstanceOf(ContractViolationException.class).hasMessageContaining("cause").hasMessageContaining("future-date-time");
    }

    @Test
    void aDepartmentHeadAddedAtRuntimeIsToldOfTheNextMajorFault() {
        String userId = "head-new-" + Long.toString(System.nanoTime(), 36);
        User head = identityService.newUser(userId);
        head.setFirstName("新");
        head.setLastName("负责人");
        head.setEmail(userId + "@commgov.example");
        identityService.saveUser(head);
        identityService.createMembership(userId, "dept-head");
        try {
            ProcessInstance pi = report(true);
            assertThat(pi).isWaitingAt("Task_RunEmergencyPlan");
            assertThat(MailToLocalSmtp.recipientsOf(smtp, pi.getId() + "] 已启动应急预案"))
                    .contains(userId + "@commgov.example", emailOf("head-mkt"));
        } finally {
            identityService.deleteMembership(userId, "dept-head");
            identityService.deleteUser(userId);
        }
        // and once gone, not any more
        ProcessInstance next = report(true);
        assertThat(MailToLocalSmtp.recipientsOf(smtp, next.getId() + "] 已启动应急预案"))
                .contains(emailOf("head-mkt")).doesNotContain(userId + "@commgov.example");
    }

    @Test
    void anOrdinaryFaultPostsNothingToTheImChannel() {
        ProcessInstance pi = report(false);
        complete(task(pi), withVariables("response", "收到"));
        assertThat(robot.received()).isEmpty();
    }

    @Test
    void theSlaRecordsThroughTheRestApiAreExactlyThoseOfSpecSectionFour() throws Exception {
        var api = new Api(rest);
        var started = api.post("emma", "/engine-rest/process-definition/key/fault-escalation/start", Map.of("variables", Map.of(
                "symptom", Api.var("会议无法共享屏幕", "String"), "impactScope", Api.var("DEPARTMENT", "String"),
                "platformDown", Api.var(false, "Boolean"))));
        assertThat(started.getStatusCode()).as(started.getBody()).isEqualTo(HttpStatus.OK);
        String id = json.readTree(started.getBody()).get("id").asText();
        ProcessInstance pi = runtimeService.createProcessInstanceQuery().processInstanceId(id).singleResult();

        // as reported: a 30-minute response and a 2-hour diagnosis on 24x7, each warned at 80 %
        assertThat(slaRows(api, id)).containsExactly(
                row("diagnosis", "24x7", "PT2H", "RUNNING", 0, 120, 96, null, null),
                row("response", "24x7", "PT30M", "RUNNING", 0, 30, 24, null, null));

        ClockUtil.setCurrentTime(at(24));
        execute(job("Timer_ResponseSlaWarning", pi));
        ClockUtil.setCurrentTime(at(30));
        execute(job("Timer_ResponseSla", pi));
        ClockUtil.setCurrentTime(at(40));
        complete(task("Task_RespondToFault", pi), withVariables("response", "已在排查"));
        ClockUtil.setCurrentTime(at(96));
        execute(job("Timer_DiagnosisSlaWarning", pi));
        ClockUtil.setCurrentTime(at(100));
        complete(task("Task_DiagnoseFault", pi), withVariables("cause", "投屏服务配置错误", "expectedFixAt", "2026-11-24T13:00:00+08:00"));
        assertThat(slaRows(api, id)).containsExactly(
                row("diagnosis", "24x7", "PT2H", "MET", 0, 120, 96, 96, 100),
                row("response", "24x7", "PT30M", "BREACHED", 0, 30, 24, 24, 40));

        // the reporter reopens: a new 2-hour diagnosis from the reopen, the first two records unchanged
        complete(task("Task_FixFault", pi), withVariables("fixConfirmation", "已修正配置"));
        ClockUtil.setCurrentTime(at(110));
        complete(task("Task_ConfirmFix", pi), withVariables("fixed", false, "comment", "仍然无法共享"));
        assertThat(slaRows(api, id)).containsExactly(
                row("diagnosis", "24x7", "PT2H", "MET", 0, 120, 96, 96, 100),
                row("response", "24x7", "PT30M", "BREACHED", 0, 30, 24, 24, 40),
                row("diagnosis", "24x7", "PT2H", "RUNNING", 110, 230, 206, null, null));
        JsonNode breached = json.readTree(api.get("emma", "/api/sla?processInstanceId=" + id).getBody()).get(1);
        assertThat(OffsetDateTime.parse(breached.get("breachedAt").asText()).toInstant()).isEqualTo(at(30).toInstant());
        assertThat(breached.get("dueAt").asText()).as("Shanghai offset").endsWith("+08:00");
        assertThat(api.get("mia", "/api/sla?processInstanceId=" + id).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    /** name, calendar, duration, state, then started/due/warning/warned/completed as minutes after the report. */
    private List<String> slaRows(Api api, String processInstanceId) throws Exception {
        var answer = api.get("emma", "/api/sla?processInstanceId=" + processInstanceId);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        List<String> rows = new java.util.ArrayList<>();
        for (JsonNode r : json.readTree(answer.getBody())) {
            rows.add(String.join(" ", r.get("name").asText(), r.get("calendar").asText(), r.get("duration").asText(),
                    r.get("state").asText(), minutes(r, "startedAt"), minutes(r, "dueAt"), minutes(r, "warningAt"),
                    minutes(r, "warnedAt"), minutes(r, "completedAt")));
        }
        return rows;
    }

    private static String minutes(JsonNode record, String field) {
        JsonNode value = record.get(field);
        return value == null || value.isNull() ? "-"
                : String.valueOf(java.time.Duration.between(REPORTED.toInstant(), OffsetDateTime.parse(value.asText()).toInstant()).toMinutes());
    }

    private static String row(String name, String calendar, String duration, String state, int started, int due, int warning,
                              Integer warned, Integer completed) {
        return String.join(" ", name, calendar, duration, state, String.valueOf(started), String.valueOf(due), String.valueOf(warning),
                warned == null ? "-" : String.valueOf(warned), completed == null ? "-" : String.valueOf(completed));
    }

    @Test
    void theRestApiRefusesBadReportsAndServesTheSlaRecordsAndTheFaultList() throws Exception {
        var api = new Api(rest);
        var bad = api.post("emma", "/engine-rest/process-definition/key/fault-escalation/start",
                Map.of("variables", Map.of("impactScope", Api.var("EVERYONE", "String"))));
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(bad.getBody()).contains("\"field\":\"symptom\"").contains("\"field\":\"impactScope\"").contains("\"field\":\"platformDown\"");

        var started = api.post("emma", "/engine-rest/process-definition/key/fault-escalation/start", Map.of("variables", Map.of(
                "symptom", Api.var("无法发送消息", "String"), "impactScope", Api.var("DEPARTMENT", "String"),
                "platformDown", Api.var(false, "Boolean"))));
        assertThat(started.getStatusCode()).as(started.getBody()).isEqualTo(HttpStatus.OK);
        String id = json.readTree(started.getBody()).get("id").asText();

        JsonNode slas = json.readTree(api.get("emma", "/api/sla?processInstanceId=" + id).getBody());
        assertThat(slas).hasSize(2);
        for (JsonNode s : slas) {
            assertThat(s.get("calendar").asText()).isEqualTo("24x7");
            assertThat(s.get("state").asText()).isEqualTo("RUNNING");
            assertThat(s.hasNonNull("startedAt")).isTrue();
            assertThat(s.hasNonNull("dueAt")).isTrue();
            assertThat(s.has("warnedAt")).isTrue();
        }
        assertThat(List.of(slas.get(0).get("name").asText(), slas.get(1).get("name").asText())).containsExactlyInAnyOrder("response", "diagnosis");

        var list = api.get("ivan", "/api/faults?state=OPEN");
        assertThat(list.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(list.getBody()).contains(id).contains("\"name\":\"response\"");
        assertThat(api.get("emma", "/api/faults").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(api.get("ivan", "/api/faults?state=MAYBE").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    private ProcessInstance report(boolean platformDown) {
        identityService.setAuthentication("emma", List.of("employee", "dept-MKT"));
        try {
            return runtimeService.startProcessInstanceByKey("fault-escalation", withVariables(
                    "symptom", "消息发送失败", "impactScope", platformDown ? "COMPANY" : "USER", "platformDown", platformDown));
        } finally {
            identityService.clearAuthentication();
        }
    }

    private SlaRecord record(ProcessInstance pi, String name) {
        return sla.recordsOf(pi.getId()).stream().filter(r -> r.name().equals(name)).reduce((a, b) -> b).orElseThrow();
    }

    private String emailOf(String user) {
        return identityService.createUserQuery().userId(user).singleResult().getEmail();
    }

    private static Date at(int minutesAfterReport) {
        return Date.from(REPORTED.plusMinutes(minutesAfterReport).toInstant());
    }
}
