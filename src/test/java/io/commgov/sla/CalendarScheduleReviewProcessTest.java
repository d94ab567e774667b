package io.commgov.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;

import io.commgov.support.CommGovIntegrationTest;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every 1 December the administrators are asked to load next year's schedule until every calendar knows it. */
@CommGovIntegrationTest
class CalendarScheduleReviewProcessTest {

    @Autowired ProcessEngine processEngine;
    @Autowired RuntimeService runtimeService;
    @Autowired ManagementService managementService;
    @Autowired CalendarStore store;

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(processEngine);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void shouldStartOnTheFirstOfDecemberAndReturnUntilTheScheduleIsLoaded() {
        Job timer = managementService.createJobQuery().processDefinitionKey("calendar-schedule-review").timers().singleResult();
        Instant due = timer.getDuedate().toInstant();
        assertThat(due.atZone(java.time.ZoneId.of("Asia/Shanghai")).getMonthValue()).isEqualTo(12);
        assertThat(due.atZone(java.time.ZoneId.of("Asia/Shanghai")).getDayOfMonth()).isEqualTo(1);
        assertThat(due.atZone(java.time.ZoneId.of("Asia/Shanghai")).getHour()).isEqualTo(9);

        // a year for which no calendar has a schedule yet, early enough for MySQL's TIMESTAMP columns (before 2038)
        int year = 2037;
        ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse((year - 1) + "-12-01T09:00:00+08:00").toInstant()));
        managementService.executeJob(timer.getId());
        ProcessInstance pi = runtimeService.createProcessInstanceQuery().processDefinitionKey("calendar-schedule-review")
                .active().list().stream().filter(p -> String.valueOf(year).equals(runtimeService.getVariable(p.getId(), "scheduleYear")))
                .findFirst().orElseThrow();
        assertThat(pi).isWaitingAt("Task_LoadNextYearSchedule");
        assertThat(task(pi)).hasCandidateGroup("camunda-admin");
        @SuppressWarnings("unchecked")
        List<String> missing = (List<String>) runtimeService.getVariable(pi.getId(), "calendarsMissingSchedule");
        assertThat(missing).contains("workdays").doesNotContain("24x7");

        complete(task(pi));
        assertThat(pi).as("nothing loaded yet: the task comes back").isWaitingAt("Task_LoadNextYearSchedule");

        for (String calendar : missing) {
            store.markYearKnown(calendar, year, "admin", Instant.now());
        }
        complete(task(pi));
        assertThat(pi).isEnded().hasPassed("EndEvent_AllCalendarsReady");
        assertThat(managementService.createJobQuery().processDefinitionKey("calendar-schedule-review").timers().count())
                .as("next year's timer").isOne();
    }
}
