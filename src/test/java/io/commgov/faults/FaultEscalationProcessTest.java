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
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.commgov.notify.NotifyProperties;
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

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(processEngine);
        mail = new MailToLocalSmtp(notifyProperties, smtp);
        ClockUtil.setCurrentTime(at(0));
    }

    @AfterEach
    void tearDown() {
        ClockUtil.reset();
        identityService.clearAuthentication();
        mail.restore();
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
        assertThat(MailToLocalSmtp.bodiesOf(smtp, "原因与预计修复时间").get(0)).isNotBlank();

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

        assertThatThrownBy(() -> complete(task("Task_RunEmergencyPlan", pi), withVariables("commandCentreOpened", true)))
                .hasRootCauseInstanceOf(ContractViolationException.class).hasMessageContaining("vendorEngaged");

        // every IT step of a major fault goes to the reporter and the department heads
        complete(task("Task_RespondToFault", pi), withVariables("response", "全员排查中"));
        assertThat(MailToLocalSmtp.recipientsOf(smtp, "进展")).contains(emailOf("emma")).containsAll(heads);

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
