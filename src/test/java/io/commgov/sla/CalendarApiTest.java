package io.commgov.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.commgov.support.Api;
import io.commgov.support.CommGovIntegrationTest;
import io.commgov.support.Models;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** {@code /api/calendars}: due dates for integrators (SPEC section 4), calendars edited by administrators only. */
@CommGovIntegrationTest
class CalendarApiTest {

    @Autowired TestRestTemplate rest;
    @Autowired ObjectMapper json;
    @Autowired RepositoryService repositoryService;
    @Autowired RuntimeService runtimeService;
    @Autowired ManagementService managementService;
    @Autowired org.camunda.bpm.engine.TaskService taskService;
    @Autowired SlaRecords records;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(rest);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void answersTheDueDateInTheOffsetOfTheQuestion() throws Exception {
        assertThat(due("workdays", "2026-04-03T10:00:00%2B08:00", "P1D")).isEqualTo("2026-04-07T10:00:00+08:00");
        assertThat(due("workdays", "2026-11-20T17:00:00%2B08:00", "P1D")).isEqualTo("2026-11-23T17:00:00+08:00");
        assertThat(due("workdays", "2026-11-21T10:00:00%2B08:00", "P1D")).isEqualTo("2026-11-23T18:00:00+08:00");
        assertThat(due("workdays", "2026-04-03T02:00:00Z", "P1D")).isEqualTo("2026-04-07T02:00:00Z");
        assertThat(due("24x7", "2026-10-01T10:00:00%2B08:00", "PT30M")).isEqualTo("2026-10-01T10:30:00+08:00");
    }

    @Test
    void badParametersAnswer400NamingTheParameter() throws Exception {
        assertThat(error(api.getEncoded("emma", "/api/calendars/workdays/due?from=yesterday&duration=P1D")))
                .containsEntry("from", "date-time-with-offset");
        assertThat(error(api.getEncoded("emma", "/api/calendars/workdays/due?from=2026-04-03T10:00:00%2B08:00&duration=1%20day")))
                .containsEntry("duration", "iso-8601-duration");
        assertThat(error(api.getEncoded("emma", "/api/calendars/moon/due?from=2026-04-03T10:00:00%2B08:00&duration=P1D")))
                .containsEntry("calendar", "unknown-calendar");
        assertThat(error(api.getEncoded("emma", "/api/calendars/workdays/due?from=2026-04-03T10:00:00%2B08:00")))
                .containsEntry("duration", "required");
    }

    @Test
    void onlyAdministratorsListAndEditCalendars() throws Exception {
        assertThat(api.get("emma", "/api/calendars").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(api.put("ivan", "/api/calendars/workdays/days/2026-12-31", Map.of("kind", "HOLIDAY")).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(api.get("emma", "/api/calendars/workdays").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

        var list = api.get("admin", "/api/calendars");
        assertThat(list.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode calendars = json.readTree(list.getBody());
        JsonNode workdays = null;
        for (JsonNode c : calendars) {
            if (c.get("name").asText().equals("workdays")) {
                workdays = c;
            }
        }
        assertThat(workdays).isNotNull();
        assertThat(workdays.get("opening").asText()).isEqualTo("09:00");
        assertThat(workdays.get("days").get("2026-02-14").get("kind").asText()).isEqualTo("WORKDAY");
        assertThat(workdays.get("days").get("2026-10-01").get("kind").asText()).isEqualTo("HOLIDAY");
    }

    @Test
    void invalidCalendarEditsAreRefusedWhole() throws Exception {
        var response = api.put("admin", "/api/calendars/night-shift",
                Map.of("mode", "WORKING_HOURS", "timeZone", "Mars/Olympus", "opening", "22:00", "closing", "06:00",
                        "workingDays", List.of("MON", "FUNDAY")));
        assertThat(error(response)).containsEntry("timeZone", "format").containsEntry("closing", "after-opening")
                .containsEntry("workingDays", "format");
        assertThat(api.get("admin", "/api/calendars/night-shift").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(error(api.put("admin", "/api/calendars/workdays/days/2026-13-01", Map.of("kind", "HOLIDAY"))))
                .containsEntry("date", "format");
        assertThat(error(api.put("admin", "/api/calendars/workdays/days/2027-01-01", Map.of("kind", "DAY_OFF"))))
                .containsEntry("kind", "format");
    }

    @Test
    void editingACalendarReschedulesTheRunningSlasOnIt() throws Exception {
        var created = api.put("admin", "/api/calendars/test-office", Map.of("mode", "WORKING_HOURS", "timeZone", "Asia/Shanghai",
                "opening", "09:00", "closing", "18:00", "workingDays", List.of("MON", "TUE", "WED", "THU", "FRI")));
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.OK);
        Models.deploy(repositoryService, "io/commgov/sla/office-sla-demo.bpmn");
        ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse("2026-11-20T17:00:00+08:00").toInstant()));
        String pi = runtimeService.startProcessInstanceByKey("office-sla-demo", withVariables("subject", "x")).getId();
        var monday1700 = OffsetDateTime.parse("2026-11-23T17:00:00+08:00").toInstant();
        assertThat(records.ofProcessInstance(pi).get(0).dueAt()).isEqualTo(monday1700);

        var holiday = api.put("admin", "/api/calendars/test-office/days/2026-11-23", Map.of("kind", "HOLIDAY", "note", "office move"));
        assertThat(holiday.getStatusCode()).as(holiday.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(json.readTree(holiday.getBody()).get("slasRescheduled").asInt()).isGreaterThanOrEqualTo(1);

        SlaRecord moved = records.ofProcessInstance(pi).get(0);
        var tuesday1700 = OffsetDateTime.parse("2026-11-24T17:00:00+08:00").toInstant();
        assertThat(moved.dueAt()).isEqualTo(tuesday1700);
        assertThat(moved.previousDueAt()).isEqualTo(monday1700);
        assertThat(moved.rescheduledAt()).isNotNull();
        assertThat(managementService.createJobQuery().processInstanceId(pi).activityId("Timer_HandlingSla").singleResult().getDuedate())
                .isEqualTo(Date.from(tuesday1700));
        assertThat(managementService.createJobQuery().processInstanceId(pi).activityId("Timer_HandlingSlaWarning").singleResult().getDuedate())
                .isEqualTo(Date.from(OffsetDateTime.parse("2026-11-24T15:12:00+08:00").toInstant()));

        assertThat(taskService.createTaskQuery().processInstanceId(pi).singleResult().getDueDate()).isEqualTo(Date.from(tuesday1700));

        assertThat(api.delete("admin", "/api/calendars/test-office/days/2026-11-23").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(records.ofProcessInstance(pi).get(0).dueAt()).isEqualTo(monday1700);
        assertThat(api.delete("admin", "/api/calendars/test-office/days/2026-11-23").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        String trail = api.get("sofia", "/api/audit/entries?objectType=calendar&objectId=test-office&size=50").getBody();
        assertThat(trail).contains("calendar.day-set").contains("office move").contains("calendar.day-removed").contains("\"actor\":\"admin\"");
    }

    @Test
    void aCalendarEditMovesOnlyRunningSlasNeverOnesAlreadyBreachedOrMet() throws Exception {
        var created = api.put("admin", "/api/calendars/test-office", Map.of("mode", "WORKING_HOURS", "timeZone", "Asia/Shanghai",
                "opening", "09:00", "closing", "18:00", "workingDays", List.of("MON", "TUE", "WED", "THU", "FRI")));
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.OK);
        Models.deploy(repositoryService, "io/commgov/sla/office-sla-demo.bpmn");
        ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse("2026-11-20T17:00:00+08:00").toInstant()));
        String breached = runtimeService.startProcessInstanceByKey("office-sla-demo", withVariables("subject", "late")).getId();
        String met = runtimeService.startProcessInstanceByKey("office-sla-demo", withVariables("subject", "in time")).getId();
        taskService.complete(taskService.createTaskQuery().processInstanceId(met).singleResult().getId());
        ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse("2026-11-23T10:00:00+08:00").toInstant()));
        String warned = runtimeService.startProcessInstanceByKey("office-sla-demo", withVariables("subject", "running")).getId();

        ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse("2026-11-23T17:30:00+08:00").toInstant()));
        managementService.executeJob(timer(breached, "Timer_HandlingSla").getId());
        managementService.executeJob(timer(warned, "Timer_HandlingSlaWarning").getId());
        SlaRecord breachedBefore = records.ofProcessInstance(breached).get(0);
        SlaRecord metBefore = records.ofProcessInstance(met).get(0);
        SlaRecord warnedBefore = records.ofProcessInstance(warned).get(0);
        assertThat(breachedBefore.state()).isEqualTo(SlaRecord.State.BREACHED);
        assertThat(metBefore.state()).isEqualTo(SlaRecord.State.MET);
        assertThat(warnedBefore.state()).isEqualTo(SlaRecord.State.RUNNING);
        assertThat(warnedBefore.warnedAt()).isNotNull();
        Date breachedWarningJob = timer(breached, "Timer_HandlingSlaWarning").getDuedate();

        var holiday = api.put("admin", "/api/calendars/test-office/days/2026-11-23", Map.of("kind", "HOLIDAY", "note", "power cut"));
        assertThat(holiday.getStatusCode()).as(holiday.getBody()).isEqualTo(HttpStatus.OK);

        assertThat(records.ofProcessInstance(breached).get(0)).as("a breached SLA keeps the due date it was breached on")
                .isEqualTo(breachedBefore);
        assertThat(timer(breached, "Timer_HandlingSlaWarning").getDuedate()).isEqualTo(breachedWarningJob);
        assertThat(records.ofProcessInstance(met).get(0)).isEqualTo(metBefore);
        SlaRecord moved = records.ofProcessInstance(warned).get(0);
        var tuesday1800 = OffsetDateTime.parse("2026-11-24T18:00:00+08:00").toInstant();
        assertThat(moved.dueAt()).as("started on the new holiday: counted from Tuesday 09:00").isEqualTo(tuesday1800);
        assertThat(moved.previousDueAt()).isEqualTo(warnedBefore.dueAt());
        assertThat(moved.warningAt()).as("the warning already given stays where it was").isEqualTo(warnedBefore.warningAt());
        assertThat(moved.warnedAt()).isEqualTo(warnedBefore.warnedAt());
        assertThat(timer(warned, "Timer_HandlingSla").getDuedate()).isEqualTo(Date.from(tuesday1800));

        assertThat(api.delete("admin", "/api/calendars/test-office/days/2026-11-23").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(records.ofProcessInstance(breached).get(0)).isEqualTo(breachedBefore);
    }

    private org.camunda.bpm.engine.runtime.Job timer(String processInstanceId, String activityId) {
        return managementService.createJobQuery().processInstanceId(processInstanceId).activityId(activityId).singleResult();
    }

    private String due(String calendar, String encodedFrom, String duration) throws Exception {
        var response = api.getEncoded("emma", "/api/calendars/" + calendar + "/due?from=" + encodedFrom + "&duration=" + duration);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        return json.readTree(response.getBody()).get("due").asText();
    }

    private Map<String, String> error(ResponseEntity<String> response) throws Exception {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        var errors = new java.util.HashMap<String, String>();
        json.readTree(response.getBody()).get("errors").forEach(e -> errors.put(e.get("field").asText(), e.get("rule").asText()));
        return errors;
    }
}
