package io.commgov.kpi;

import static io.commgov.support.Api.var;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.commgov.support.Api;
import io.commgov.support.CommGovIntegrationTest;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;

/** A KPI below target: the responsible department's head writes the gap analysis and the action into Template 3. */
@CommGovIntegrationTest
class KpiImprovementProcessTest {

    @Autowired ProcessEngine processEngine;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired IdentityService identityService;
    @Autowired KpiService kpis;
    @Autowired TestRestTemplate rest;

    @BeforeEach
    void init() {
        BpmnAwareTests.init(processEngine);
    }

    @Test
    void shouldRecordTheActionInTemplate3WhenTheHeadCompletesTheImprovement() {
        runtimeService.startProcessInstanceByKey("kpi-review", Map.of("quarter", "2032-Q1"));   // no facts: satisfaction has no answers
        ProcessInstance improvement = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey("2032-Q1:satisfaction").singleResult();
        BpmnAwareTests.assertThat(improvement).isWaitingAt("Task_ImproveKpi");
        String task = BpmnAwareTests.task(improvement).getId();

        var api = new Api(rest);
        var missing = api.post("head-it", "/engine-rest/task/" + task + "/complete",
                Map.of("variables", Map.of("gapAnalysis", var("未开展调查", "String"))));
        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(missing.getBody()).contains("\"field\":\"action\"").contains("\"rule\":\"required\"");
        assertThat(api.post("emma", "/engine-rest/task/" + task + "/complete", Map.of("variables", Map.of(
                "gapAnalysis", var("x", "String"), "action", var("y", "String")))).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

        var done = api.post("head-it", "/engine-rest/task/" + task + "/complete", Map.of("variables", Map.of(
                "gapAnalysis", var("本季度未发放满意度问卷", "String"), "action", var("每月向全员推送一次满意度问卷", "String"))));
        assertThat(done.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

        BpmnAwareTests.assertThat(improvement).isEnded().hasPassed("EndEvent_ActionRecorded");
        assertThat(kpis.stored(Quarter.parse("2032-Q1"))).filteredOn(r -> r.indicator().equals("satisfaction")).singleElement()
                .satisfies(r -> {
                    assertThat(r.action()).isEqualTo("每月向全员推送一次满意度问卷");
                    assertThat(r.gapAnalysis()).isEqualTo("本季度未发放满意度问卷");
                });
        // a later recomputation of the quarter keeps the action
        kpis.computeAndStore(Quarter.parse("2032-Q1"));
        assertThat(kpis.stored(Quarter.parse("2032-Q1"))).filteredOn(r -> r.indicator().equals("satisfaction"))
                .extracting(KpiRow::action).containsExactly("每月向全员推送一次满意度问卷");
    }
}
