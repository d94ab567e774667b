package io.commgov.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.commgov.support.Api;
import io.commgov.support.CommGovIntegrationTest;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;

/** The SLA pattern on {@code sla-demo}: 1 working day on {@code workdays}, warning at 80 %, breach to the IT head. */
@CommGovIntegrationTest
class SlaDemoProcessTest {

    // Friday 17:00 in Shanghai, a week with no holiday
    private static final OffsetDateTime FRIDAY_1700 = OffsetDateTime.parse("2026-11-20T17:00:00+08:00");

    @Autowired ProcessEngine processEngine;
    @Autowired RuntimeService runtimeService;
    @Autowired ManagementService managementService;
    @Autowired SlaRecords records;
    @Autowired TestRestTemplate rest;
    @Autowired ObjectMapper json;

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(processEngine);
        ClockUtil.setCurrentTime(Date.from(FRIDAY_1700.toInstant()));
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void shouldWarnAtEightyPercentAndEscalateToTheItHeadOnMondayAt1700() {
        ProcessInstance pi = start();
        assertThat(pi).isWaitingAt("Task_HandleRequest");
        SlaRecord started = only(pi);
        assertThat(started.state()).isEqualTo(SlaRecord.State.RUNNING);
        assertThat(started.calendar()).isEqualTo("workdays");
        assertThat(started.dueAt()).isEqualTo(OffsetDateTime.parse("2026-11-23T17:00:00+08:00").toInstant());
        assertThat(started.warningAt()).isEqualTo(OffsetDateTime.parse("2026-11-23T15:12:00+08:00").toInstant());
        assertThat(job("Timer_HandlingSla", pi).getDuedate()).isEqualTo(Date.from(started.dueAt()));
        assertThat(job("Timer_HandlingSlaWarning", pi).getDuedate()).isEqualTo(Date.from(started.warningAt()));
        assertThat(task("Task_HandleRequest", pi).getDueDate()).as("Tasklist shows the SLA").isEqualTo(Date.from(started.dueAt()));
        assertThat(task("Task_HandleRequest", pi).getFollowUpDate()).isEqualTo(Date.from(started.warningAt()));
        assertThat(processEngine.getTaskService().getVariableLocal(task("Task_HandleRequest", pi).getId(), Sla.DUE_AT_VARIABLE))
                .as("the form shows the due time").isEqualTo("2026-11-23 17:00");

        moveClockTo("2026-11-23T15:12:00+08:00");
        execute(job("Timer_HandlingSlaWarning", pi));
        assertThat(pi).hasPassed("EndEvent_SlaWarned").isWaitingAt("Task_HandleRequest");
        assertThat(only(pi).warnedAt()).isEqualTo(OffsetDateTime.parse("2026-11-23T15:12:00+08:00").toInstant());
        assertThat(only(pi).state()).isEqualTo(SlaRecord.State.RUNNING);

        moveClockTo("2026-11-23T17:00:00+08:00");
        execute(job("Timer_HandlingSla", pi));
        assertThat(pi).isWaitingAt("Task_HandleRequest", "Task_HandleSlaBreach");
        assertThat(task("Task_HandleSlaBreach", pi)).hasCandidateGroup("it-head");
        assertThat(task("Task_HandleSlaBreach", pi).getDueDate()).as("a task without an SLA has no due date").isNull();
        assertThat(only(pi).state()).isEqualTo(SlaRecord.State.BREACHED);
        assertThat(only(pi).breachedAt()).isEqualTo(OffsetDateTime.parse("2026-11-23T17:00:00+08:00").toInstant());

        // the breach does not stop the work: IT still finishes, and the record stays BREACHED
        moveClockTo("2026-11-23T17:30:00+08:00");
        complete(task("Task_HandleRequest", pi), withVariables("resolution", "done late"));
        complete(task("Task_HandleSlaBreach", pi), withVariables("escalationAction", "talked to IT"));
        assertThat(pi).isEnded().hasPassed("EndEvent_RequestHandled", "EndEvent_BreachHandled");
        SlaRecord done = only(pi);
        assertThat(done.state()).isEqualTo(SlaRecord.State.BREACHED);
        assertThat(done.completedAt()).isEqualTo(OffsetDateTime.parse("2026-11-23T17:30:00+08:00").toInstant());
    }

    @Test
    void shouldRecordMetAndLeaveNoTimerWhenHandledInTime() {
        ProcessInstance pi = start();
        moveClockTo("2026-11-23T10:00:00+08:00");
        complete(task("Task_HandleRequest", pi), withVariables("resolution", "done"));

        assertThat(pi).isEnded().hasPassed("EndEvent_RequestHandled").hasNotPassed("Task_HandleSlaBreach");
        assertThat(managementService.createJobQuery().processInstanceId(pi.getId()).count()).isZero();
        SlaRecord met = only(pi);
        assertThat(met.state()).isEqualTo(SlaRecord.State.MET);
        assertThat(met.warnedAt()).isNull();
        assertThat(met.completedAt()).isEqualTo(OffsetDateTime.parse("2026-11-23T10:00:00+08:00").toInstant());
    }

    @Test
    void shouldStillRecordMetAfterAWarning() {
        ProcessInstance pi = start();
        moveClockTo("2026-11-23T15:12:00+08:00");
        execute(job("Timer_HandlingSlaWarning", pi));
        moveClockTo("2026-11-23T16:00:00+08:00");
        complete(task("Task_HandleRequest", pi), withVariables("resolution", "done"));
        SlaRecord met = only(pi);
        assertThat(met.state()).isEqualTo(SlaRecord.State.MET);
        assertThat(met.warnedAt()).isNotNull();
    }

    @Test
    void theSlaRecordsAreServedToThoseInvolvedOnly() throws Exception {
        ProcessInstance pi = start();
        var api = new Api(rest);
        var asIt = api.get("iris", "/api/sla?processInstanceId=" + pi.getId());
        assertThat(asIt.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode body = json.readTree(asIt.getBody());
        assertThat(body).hasSize(1);
        assertThat(body.get(0).get("name").asText()).isEqualTo("handling");
        assertThat(body.get(0).get("calendar").asText()).isEqualTo("workdays");
        assertThat(body.get(0).get("state").asText()).isEqualTo("RUNNING");
        assertThat(body.get(0).get("startedAt").asText()).isEqualTo("2026-11-20T17:00+08:00");
        assertThat(body.get(0).get("dueAt").asText()).isEqualTo("2026-11-23T17:00+08:00");
        assertThat(body.get(0).get("warningAt").asText()).isEqualTo("2026-11-23T15:12+08:00");

        assertThat(api.get("emma", "/api/sla?processInstanceId=" + pi.getId()).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(api.get("iris", "/api/sla?processInstanceId=no-such-instance").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(api.get("iris", "/api/sla").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void theSlaRecordSaysWhoMetItWhenAPersonCompletesTheTaskOverRest() throws Exception {
        ProcessInstance pi = start();
        var api = new Api(rest);
        String taskId = task("Task_HandleRequest", pi).getId();
        moveClockTo("2026-11-23T10:00:00+08:00");
        assertThat(api.post("ivan", "/engine-rest/task/" + taskId + "/claim", java.util.Map.of("userId", "ivan")).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        var completed = api.post("ivan", "/engine-rest/task/" + taskId + "/complete",
                java.util.Map.of("variables", java.util.Map.of("resolution", Api.var("password reset", "String"))));
        assertThat(completed.getStatusCode()).as(completed.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(pi).isEnded().hasPassed("EndEvent_RequestHandled");

        var served = api.get("ivan", "/api/sla?processInstanceId=" + pi.getId());
        assertThat(served.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode record = json.readTree(served.getBody()).get(0);
        assertThat(record.get("state").asText()).isEqualTo("MET");
        assertThat(record.get("completedBy").asText()).isEqualTo("ivan");
        assertThat(record.get("completedAt").asText()).isEqualTo("2026-11-23T10:00+08:00");
        assertThat(managementService.createJobQuery().processInstanceId(pi.getId()).count()).as("a met SLA cancels its timers").isZero();
    }

    private ProcessInstance start() {
        return runtimeService.startProcessInstanceByKey("sla-demo", withVariables("subject", "reset my password"));
    }

    private SlaRecord only(ProcessInstance pi) {
        List<SlaRecord> all = records.ofProcessInstance(pi.getId());
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    private static void moveClockTo(String instant) {
        ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse(instant).toInstant()));
    }
}
