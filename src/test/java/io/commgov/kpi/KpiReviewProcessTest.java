package io.commgov.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.Map;

import io.commgov.support.Api;
import io.commgov.support.CommGovIntegrationTest;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;

/**
 * Template 3 from seeded facts, computed by hand (20 platform users, {@code commgov.kpi.total-users} in the tests).
 * <pre>
 * 2031-Q2  2031-04-01: login u01-u16, meeting u01-u15, announcement u01-u14     → 16 active
 *          2031-04-02: login u01-u12, file-sharing u01-u10                      → 12 active
 *          2031-04-15: emma, mia, head-mkt, sam, sarah answer the survey (API) →  5 active
 *          DAU ratio        (16 + 12 + 5) / (3 · 20) = 55.0 %   target ≥ 80 %  below by 25.0 points
 *          meeting          15 / 20 = 75.0 %                 target ≥ 70 %  met
 *          file-sharing     10 / 20 = 50.0 %                 target ≥ 70 %  below by 20.0 points
 *          announcement     14 / 20 = 70.0 %                 target ≥ 70 %  met
 *          satisfaction     (5 + 5 + 4 + 4 + 5) / 5 = 4.60   target ≥ 4.5   met
 *          data leaks       1                                target = 0     below
 * </pre>
 */
@CommGovIntegrationTest
class KpiReviewProcessTest {

    @Autowired ProcessEngine processEngine;
    @Autowired RuntimeService runtimeService;
    @Autowired HistoryService historyService;
    @Autowired ManagementService managementService;
    @Autowired TaskService taskService;
    @Autowired KpiService kpis;
    @Autowired TestRestTemplate rest;
    Api api;

    @BeforeEach
    void init() {
        BpmnAwareTests.init(processEngine);
        api = new Api(rest);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void shouldComputeTemplate3AsByHandAndStartAnImprovementForEachKpiBelowTarget() {
        for (int u = 1; u <= 16; u++) {
            report("u%02d".formatted(u), "login", "2031-04-01T09:30:00+08:00");
        }
        for (int u = 1; u <= 15; u++) {
            report("u%02d".formatted(u), "meeting", "2031-04-01T10:00:00+08:00");
        }
        for (int u = 1; u <= 14; u++) {
            report("u%02d".formatted(u), "announcement", "2031-04-01T11:00:00+08:00");
        }
        for (int u = 1; u <= 12; u++) {
            report("u%02d".formatted(u), "login", "2031-04-02T09:30:00+08:00");
        }
        for (int u = 1; u <= 10; u++) {
            report("u%02d".formatted(u), "file-sharing", "2031-04-02T14:00:00+08:00");
        }
        ClockUtil.setCurrentTime(at("2031-04-15T10:00:00+08:00"));
        Map.of("emma", 5, "mia", 5, "head-mkt", 4, "sam", 4, "sarah", 5).forEach((user, score) ->
                assertThat(api.post(user, "/api/kpi/surveys", Map.of("score", score)).getStatusCode()).isEqualTo(HttpStatus.CREATED));
        ClockUtil.reset();
        assertThat(api.post("sofia", "/api/kpi/incidents", Map.of("kind", "DATA_LEAK", "occurredAt", "2031-05-10T16:00:00+08:00",
                "description", "客户名单经个人邮箱外发")).getStatusCode()).isEqualTo(HttpStatus.CREATED);

        ProcessInstance review = runtimeService.startProcessInstanceByKey("kpi-review", Map.of("quarter", "2031-Q2"));

        BpmnAwareTests.assertThat(review).isEnded().hasPassed("Task_StartImprovements", "EndEvent_ImprovementsStarted");
        assertThat(kpis.stored(Quarter.parse("2031-Q2")))
                .extracting(KpiRow::indicator, KpiRow::target, KpiRow::actual, KpiRow::met)
                .containsExactlyInAnyOrder(
                        tuple("dau-ratio", "≥ 80%", "55.0%", false),
                        tuple("penetration-meeting", "≥ 70%", "75.0%", true),
                        tuple("penetration-file-sharing", "≥ 70%", "50.0%", false),
                        tuple("penetration-announcement", "≥ 70%", "70.0%", true),
                        tuple("satisfaction", "≥ 4.5", "4.60 分", true),
                        tuple("data-leaks", "= 0", "1 起", false));
        assertThat(kpis.stored(Quarter.parse("2031-Q2"))).filteredOn(r -> r.indicator().equals("dau-ratio")).singleElement()
                .satisfies(r -> assertThat(r.gapAnalysis()).isEqualTo("未达标：实际 55.0%，低于目标 25.0 个百分点"));

        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("kpi-improvement").list())
                .extracting(ProcessInstance::getBusinessKey).contains("2031-Q2:dau-ratio", "2031-Q2:penetration-file-sharing", "2031-Q2:data-leaks")
                .noneMatch(key -> key.equals("2031-Q2:satisfaction") || key.equals("2031-Q2:penetration-meeting"));
        var task = taskService.createTaskQuery().processInstanceBusinessKey("2031-Q2:penetration-file-sharing").singleResult();
        assertThat(task.getName()).contains("file-sharing").contains("2031-Q2");
        assertThat(taskService.createTaskQuery().taskId(task.getId()).taskCandidateUser("head-it").count()).isOne();
        assertThat(runtimeService.getVariables(task.getExecutionId())).containsEntry("target", "≥ 70%").containsEntry("actual", "50.0%");

        var json = api.get("ian", "/api/kpi/reports/2031-Q2");
        assertThat(json.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(json.getBody()).contains("\"reviewed\":true").contains("\"actual\":\"55.0%\"").contains("\"indicator\":\"data-leaks\"");
        var page = api.get("head-mkt", "/api/kpi/reports/2031-Q2/page");
        assertThat(page.getBody()).contains("<svg").contains("模板三").contains("未达标").contains("55.0%");

        // a second review of the same quarter opens no second improvement for the same KPI
        runtimeService.startProcessInstanceByKey("kpi-review", Map.of("quarter", "2031-Q2"));
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey("2031-Q2:dau-ratio").count()).isOne();
    }

    @Test
    void shouldReviewTheQuarterJustEndedWhenTheQuarterlyTimerFires() {
        ClockUtil.setCurrentTime(at("2031-10-01T03:00:00+08:00"));
        var before = historyService.createHistoricProcessInstanceQuery().processDefinitionKey("kpi-review").list().stream()
                .map(org.camunda.bpm.engine.history.HistoricProcessInstance::getId).toList();
        var timer = managementService.createJobQuery().processDefinitionKey("kpi-review").timers().singleResult();
        managementService.executeJob(timer.getId());

        var review = historyService.createHistoricProcessInstanceQuery().processDefinitionKey("kpi-review").list().stream()
                .filter(p -> !before.contains(p.getId())).findFirst().orElseThrow();
        assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(review.getId()).variableName("quarter")
                .singleResult().getValue()).isEqualTo("2031-Q3");
        assertThat(review.getEndActivityId()).isEqualTo("EndEvent_ImprovementsStarted");
        // nothing was recorded for 2031-Q3: usage 0 %, no survey answers, no leak
        assertThat(kpis.stored(Quarter.parse("2031-Q3"))).filteredOn(r -> !r.met()).extracting(KpiRow::indicator)
                .containsExactlyInAnyOrder("dau-ratio", "penetration-meeting", "penetration-file-sharing", "penetration-announcement", "satisfaction");
        assertThat(managementService.createJobQuery().processDefinitionKey("kpi-review").timers().singleResult().getDuedate())
                .as("the next quarter's timer").isAfter(at("2031-10-01T03:00:00+08:00"));
    }

    @Test
    void shouldEndWithoutImprovementsWhenEveryKpiMeetsItsTarget() {
        Instant day = at("2031-11-03T10:00:00+08:00").toInstant();   // 16 of 20 active: exactly 80 %
        for (int u = 1; u <= 16; u++) {
            kpis.recordActivity("v%02d".formatted(u), "login", day, "test");
        }
        for (String feature : kpis.coreFeatures()) {
            for (int u = 1; u <= 14; u++) {
                kpis.recordActivity("v%02d".formatted(u), feature, day, "test");
            }
        }
        ClockUtil.setCurrentTime(Date.from(day));
        kpis.recordSurvey("v01", 5, null);
        kpis.recordSurvey("v02", 4, null);   // 4.5
        ClockUtil.reset();

        ProcessInstance review = runtimeService.startProcessInstanceByKey("kpi-review", Map.of("quarter", "2031-Q4"));
        BpmnAwareTests.assertThat(review).isEnded().hasPassed("EndEvent_AllTargetsMet").hasNotPassed("Task_StartImprovements");
        assertThat(kpis.stored(Quarter.parse("2031-Q4"))).allMatch(KpiRow::met);
    }

    @Test
    void theFirstApiCallOfADayCountsAsALogin() {
        ClockUtil.setCurrentTime(at("2032-05-06T10:00:00+08:00"));
        api.get("iris", "/api/kpi/reports/2032-Q2");
        api.get("iris", "/api/kpi/reports/2032-Q2");
        ClockUtil.setCurrentTime(at("2032-05-07T10:00:00+08:00"));
        api.get("iris", "/api/kpi/reports/2032-Q2");
        ClockUtil.reset();
        // iris alone on each of two days: (1 + 1) / (2 · 20) = 5.0 %
        assertThat(kpis.compute(Quarter.parse("2032-Q2"))).filteredOn(r -> r.indicator().equals("dau-ratio")).singleElement()
                .satisfies(r -> assertThat(r.actual()).isEqualTo("5.0%"));
    }

    @Test
    void badFactsAnswer400NamingFieldAndRuleAndOnlyTheRightRolesMayReport() {
        var survey = api.post("emma", "/api/kpi/surveys", Map.of("score", 7));
        assertThat(survey.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(survey.getBody()).contains("\"field\":\"score\"").contains("\"rule\":\"range\"");

        var activity = api.post("ivan", "/api/kpi/activity", Map.of("userId", "u01", "feature", "Meeting Room", "occurredAt", "yesterday"));
        assertThat(activity.getBody()).contains("\"field\":\"feature\"").contains("\"rule\":\"date-time-format\"");

        assertThat(api.post("emma", "/api/kpi/activity", Map.of("userId", "u01", "feature", "login")).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(api.post("ivan", "/api/kpi/incidents", Map.of("kind", "DATA_LEAK", "occurredAt", "2031-05-10T16:00:00+08:00",
                "description", "x")).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(api.get("emma", "/api/kpi/reports/2031-Q2").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(api.anonymousGet("/api/kpi/reports/2031-Q2").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(api.get("ian", "/api/kpi/reports/2031-Q5").getBody()).contains("\"rule\":\"quarter-format\"");
    }

    private void report(String user, String feature, String at) {
        var response = api.post("ivan", "/api/kpi/activity", Map.of("userId", user, "feature", feature, "occurredAt", at));
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    static Date at(String dateTime) {
        return Date.from(OffsetDateTime.parse(dateTime).toInstant());
    }
}
