package io.commgov.selection;

import static io.commgov.support.Api.var;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.commgov.identity.Departments;
import io.commgov.sla.Sla;
import io.commgov.sla.SlaRecord;
import io.commgov.support.Api;
import io.commgov.support.CommGovIntegrationTest;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;

/** Every path of {@code vendor-selection}; the vendors are those of {@link VendorScoreDecisionTest}, scored by hand there. */
@CommGovIntegrationTest
class VendorSelectionProcessTest {

    static final String A = "{\"name\":\"A\",\"qualification\":90,\"service\":85,\"cost\":70,\"matches\":{\"R1\":\"high\",\"R2\":\"high\",\"R3\":\"low\"}}";
    static final String B = "{\"name\":\"B\",\"qualification\":100,\"service\":100,\"cost\":100,\"matches\":{\"R1\":\"low\",\"R2\":\"high\",\"R3\":\"high\"}}";
    static final String C = "{\"name\":\"C\",\"qualification\":70,\"service\":80,\"cost\":90,\"matches\":{\"R1\":\"medium\",\"R2\":\"medium\",\"R3\":\"low\"}}";
    static final String D = "{\"name\":\"D\",\"qualification\":60,\"service\":50,\"cost\":60,\"matches\":{\"R1\":\"high\",\"R2\":\"low\",\"R3\":\"low\"}}";
    static final String E = "{\"name\":\"E\",\"qualification\":50,\"service\":40,\"cost\":50,\"matches\":{\"R1\":\"medium\",\"R2\":\"low\",\"R3\":\"high\"}}";
    static final String PLAN = "[{\"phase\":\"试点部门\",\"departments\":[\"IT\",\"MKT\"],\"start\":\"2026-04-01\",\"end\":\"2026-04-30\",\"owner\":\"ivan\"},"
            + "{\"phase\":\"全公司\",\"departments\":[\"ADM\",\"PRD\",\"SAL\",\"HR\",\"RND\",\"FIN\"],\"start\":\"2026-05-06\",\"end\":\"2026-06-30\",\"owner\":\"iris\"}]";

    @Autowired ProcessEngine processEngine;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired IdentityService identityService;
    @Autowired TestRestTemplate rest;
    @Autowired Departments departments;
    @Autowired Sla sla;
    final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void init() {
        BpmnAwareTests.init(processEngine);
    }

    @AfterEach
    void reset() {
        ClockUtil.reset();
        identityService.clearAuthentication();
    }

    @Test
    void shouldShortlistThreePilotAndPlanTheRolloutWhenTheReportIsApproved() throws Exception {
        ProcessInstance pi = startWithRequirements();
        enterCandidates(pi, A, B, C, D, E);

        assertThat(variable(pi, "shortlist").toString()).isEqualTo("[\"A\",\"C\",\"D\"]");
        assertThat(variable(pi, "shortlistSize")).isEqualTo(3);
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_RunPilot");

        runPilot(pi, "[\"IT\",\"MKT\"]", result("A", true, 120, 4.6), result("C", true, 100, 3.8), result("D", true, 80, 4.0));
        assertThat(variable(pi, "recommendedVendor")).isEqualTo("A");
        String report = report(pi);
        assertThat(report).contains("86.5").contains("88.0").contains("未满足核心需求").contains("性能测试未达到单场会议 100 人")
                .contains("推荐供应商：<strong>A</strong>");
        // Template 1 with its responsible departments: named on the line, or the submitting head's department
        assertThat(report).contains("<th>责任部门</th>")
                .contains("<tr><td>R1</td><td>会议</td><td>单场会议 100 人</td><td>H</td><td>core</td><td>IT</td></tr>")
                .contains("<tr><td>R2</td><td>文件</td><td>文件在线协作</td><td>M</td><td>expected</td><td>ADM</td></tr>")
                .contains("<tr><td>R3</td><td>外观</td><td>自定义主题</td><td>L</td><td>ignorable</td><td>PRD</td></tr>");
        assertThat(variable(pi, "requirementsSummary").toString()).contains("R2 [expected/M] 文件：文件在线协作（ADM）");

        decide(pi, "ian", true, null);
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_PlanRollout");
        complete(pi, "Task_PlanRollout", "iris", Map.of("rolloutPlan", PLAN));
        BpmnAwareTests.assertThat(pi).hasPassed("Task_ApprovePilotReport").isEnded().hasPassed("EndEvent_RolloutPlanned");
    }

    @Test
    void shouldShortlistTwoWhenTheThirdEligibleVendorScoresBelowSixty() throws Exception {
        ProcessInstance pi = startWithRequirements();
        enterCandidates(pi, A, B, C, E);
        assertThat(variable(pi, "shortlist").toString()).isEqualTo("[\"A\",\"C\"]");
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_RunPilot");
    }

    @Test
    void shouldExcludeTheTopScorerFailingACoreRequirementAndAskForMoreCandidatesWhenFewerThanTwoRemain() throws Exception {
        ProcessInstance pi = startWithRequirements();
        enterCandidates(pi, B, E);   // B fails core R1, E scores 47: nobody shortlisted
        assertThat(variable(pi, "shortlistSize")).isEqualTo(0);
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_EnterCandidates").hasPassed("Task_ScoreVendors");

        enterCandidates(pi, A, B, C);
        var scores = json.readTree(variable(pi, "vendorScores").toString());
        assertThat(scores.get(0).path("name").asText()).isEqualTo("A");
        var b = scores.get(2);
        assertThat(b.path("name").asText()).isEqualTo("B");
        assertThat(b.path("score").asDouble()).isEqualTo(88.0);   // the highest score …
        assertThat(b.path("eligible").asBoolean()).isFalse();    // … and still excluded
        assertThat(b.path("reason").asText()).contains("核心需求").contains("R1");
        assertThat(variable(pi, "shortlist").toString()).isEqualTo("[\"A\",\"C\"]");
    }

    @Test
    void shouldRerunThePilotWhenTheReportIsRejected() throws Exception {
        ProcessInstance pi = startWithRequirements();
        enterCandidates(pi, A, C);
        runPilot(pi, "[\"RND\"]", result("A", false, 120, 4.6), result("C", true, 90, 4.0));
        assertThat(variable(pi, "recommendedVendor")).isNull();
        assertThat(report(pi)).contains("没有供应商通过试点");

        decide(pi, "ian", false, "两家都未通过，换部门重新试点");
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_RunPilot");

        runPilot(pi, "[\"MKT\",\"SAL\"]", result("A", true, 150, 4.7), result("C", true, 110, 3.6));
        assertThat(variable(pi, "pilotRound")).isEqualTo(2);
        assertThat(variable(pi, "recommendedVendor")).isEqualTo("A");
        decide(pi, "ian", true, null);
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_PlanRollout");
    }

    @Test
    void shouldContinueWithTheRequirementsCollectedWhenTheFiveWorkingDayDeadlinePasses() throws Exception {
        ClockUtil.setCurrentTime(at("2026-03-02T10:00:00+08:00"));   // a Monday
        ProcessInstance pi = start("ivan");
        // the requirement deadline is an SLA on the workdays calendar: a record, and every department's task due then
        SlaRecord requirements = sla.recordsOf(pi.getId()).stream().filter(r -> r.name().equals("requirements")).findFirst().orElseThrow();
        assertThat(requirements.calendar()).isEqualTo("workdays");
        assertThat(requirements.dueAt()).isEqualTo(at("2026-03-09T10:00:00+08:00").toInstant());
        assertThat(requirements.state()).isEqualTo(SlaRecord.State.RUNNING);
        List<Task> lists = taskService.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey("Task_CollectRequirements").list();
        assertThat(lists).hasSize((int) departmentCount())
                .allSatisfy(t -> assertThat(t.getDueDate()).isEqualTo(at("2026-03-09T10:00:00+08:00")))
                .allSatisfy(t -> assertThat(t.getFollowUpDate()).isEqualTo(Date.from(requirements.warningAt())));
        submitRequirements(pi, "IT", "会议 | 单场会议 100 人 | H | core");
        assertThat(taskService.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey("Task_CollectRequirements").count()).isEqualTo(departmentCount() - 1);

        var warning = job("Timer_RequirementsSlaWarning", pi);
        assertThat(warning.getDuedate()).isEqualTo(Date.from(requirements.warningAt()));
        ClockUtil.setCurrentTime(warning.getDuedate());
        execute(warning);
        assertThat(record(pi).warnedAt()).isEqualTo(requirements.warningAt());
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_CollectRequirements");

        var timer = job("Timer_RequirementsDeadline", pi);
        assertThat(timer.getDuedate()).isEqualTo(at("2026-03-09T10:00:00+08:00"));
        ClockUtil.setCurrentTime(at("2026-03-09T10:01:00+08:00"));
        execute(timer);

        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_EnterCandidates");
        assertThat(taskService.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey("Task_CollectRequirements").count()).isZero();
        assertThat(variable(pi, "requirementsSummary").toString()).startsWith("R1 [core/H] 会议");
        assertThat(record(pi).state()).isEqualTo(SlaRecord.State.BREACHED);
        assertThat(sla.recordsOf(pi.getId())).as("one requirement SLA, not one per department").hasSize(1);
    }

    @Test
    void requirementListsInBeforeTheDeadlineMeetTheSla() throws Exception {
        ProcessInstance pi = startWithRequirements();
        assertThat(record(pi).state()).isEqualTo(SlaRecord.State.MET);
        assertThat(taskService.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey("Task_EnterCandidates").singleResult()
                .getDueDate()).as("no SLA on entering candidates").isNull();
        assertThat(managementServiceJobs(pi)).as("the SLA timers are gone with the collection").isZero();
    }

    private SlaRecord record(ProcessInstance pi) {
        return sla.recordsOf(pi.getId()).stream().filter(r -> r.name().equals("requirements")).reduce((a, b) -> b).orElseThrow();
    }

    private long managementServiceJobs(ProcessInstance pi) {
        return processEngine.getManagementService().createJobQuery().processInstanceId(pi.getId()).count();
    }

    private static Date at(String dateTime) {
        return Date.from(OffsetDateTime.parse(dateTime).toInstant());
    }

    @Test
    void badInputAnswers400NamingFieldAndRuleAndOnlyItMayStart() throws Exception {
        var api = new Api(rest);
        String start = "/engine-rest/process-definition/key/vendor-selection/start";
        var noTitle = api.post("ivan", start, Map.of("variables", Map.of()));
        assertThat(noTitle.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(noTitle.getBody()).contains("\"field\":\"title\"").contains("\"rule\":\"required\"");
        assertThat(api.post("emma", start, Map.of("variables", Map.of("title", var("x", "String")))).getStatusCode())
                .isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);

        ProcessInstance pi = startWithRequirements();
        String task = task(pi, "Task_EnterCandidates").getId();
        var bad = api.post("iris", "/engine-rest/task/" + task + "/complete", Map.of("variables", Map.of("candidates",
                var("[{\"name\":\"A\",\"qualification\":120,\"service\":85,\"cost\":70,\"matches\":{\"R1\":\"high\",\"R2\":\"great\"}}]", "String"))));
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(bad.getBody()).contains("at-least-two").contains("score-range").contains("match-value").contains("match-missing");
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_EnterCandidates");
    }

    @Test
    void aRequirementLineOutsideTemplateOneIsRefusedNamingTheLine() {
        ProcessInstance pi = start("ivan");
        var api = new Api(rest);
        String task = taskService.createTaskQuery().processInstanceId(pi.getId()).taskCandidateUser("head-it").singleResult().getId();
        var bad = api.post("head-it", "/engine-rest/task/" + task + "/complete", Map.of("variables", Map.of("requirementsText",
                var("会议 | 单场会议 100 人 | H | core\n文件 | 在线协作 | X | must", "String"))));
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(bad.getBody()).contains("requirementsText").contains("\"rule\":\"priority\"").contains("\"rule\":\"level\"").contains("line 2");
        var unknown = api.post("head-it", "/engine-rest/task/" + task + "/complete", Map.of("variables", Map.of("requirementsText",
                var("会议 | 单场会议 100 人 | H | core | 外包部", "String"))));
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(unknown.getBody()).contains("requirementsText").contains("\"rule\":\"unknown-department\"").contains("line 1");
        assertThat(taskService.createTaskQuery().taskId(task).count()).as("nothing completed").isOne();
    }

    // --- steps ---

    private ProcessInstance start(String user) {
        as(user);
        ProcessInstance pi = runtimeService.startProcessInstanceByKey("vendor-selection", Map.of("title", "2026 沟通平台选型"));
        identityService.clearAuthentication();
        return pi;
    }

    /** R1 core/H from IT, R2 expected/M from MKT (Administration responsible), R3 ignorable/L from PRD; the others need nothing special. */
    private ProcessInstance startWithRequirements() {
        ProcessInstance pi = start("ivan");
        submitRequirements(pi, "IT", "会议 | 单场会议 100 人 | H | core");
        submitRequirements(pi, "MKT", "文件 | 文件在线协作 | M | expected | adm");
        submitRequirements(pi, "PRD", "外观 | 自定义主题 | L | ignorable |");
        for (Task t : taskService.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey("Task_CollectRequirements").list()) {
            String department = (String) runtimeService.getVariable(t.getExecutionId(), "department");
            submitRequirements(pi, department, "");
        }
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_EnterCandidates");
        assertThat(variable(pi, "requirementsSummary").toString().lines()).hasSize(3);
        return pi;
    }

    private void submitRequirements(ProcessInstance pi, String department, String text) {
        String head = "head-" + department.toLowerCase();
        Task t = taskService.createTaskQuery().processInstanceId(pi.getId()).taskCandidateUser(head).singleResult();
        assertThat(t.getName()).isEqualTo("提交需求清单：2026 沟通平台选型（" + departments.nameOf(department) + "）");
        as(head);
        taskService.complete(t.getId(), Map.of("requirementsText", text));
        identityService.clearAuthentication();
    }

    private void enterCandidates(ProcessInstance pi, String... candidates) {
        complete(pi, "Task_EnterCandidates", "iris", Map.of("candidates", "[" + String.join(",", candidates) + "]"));
    }

    private void runPilot(ProcessInstance pi, String departments, String... results) {
        complete(pi, "Task_RunPilot", "iris", Map.of("pilotDepartments", org.camunda.spin.Spin.JSON(departments),
                "pilotResults", "[" + String.join(",", results) + "]"));
    }

    private void decide(ProcessInstance pi, String user, boolean approved, String comment) {
        var vars = new java.util.HashMap<String, Object>();
        vars.put("approved", approved);
        if (comment != null) {
            vars.put("comment", comment);
        }
        complete(pi, "Task_ApprovePilotReport", user, vars);
    }

    private static String result(String vendor, boolean functional, int participants, double ux) {
        return "{\"vendor\":\"" + vendor + "\",\"functionalPassed\":" + functional + ",\"meetingParticipants\":" + participants
                + ",\"userExperience\":" + ux + ",\"notes\":\"试点记录\"}";
    }

    private void complete(ProcessInstance pi, String taskKey, String user, Map<String, Object> vars) {
        Task t = task(pi, taskKey);
        as(user);
        taskService.complete(t.getId(), vars);
        identityService.clearAuthentication();
    }

    private Task task(ProcessInstance pi, String key) {
        return taskService.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(key).singleResult();
    }

    private String report(ProcessInstance pi) throws Exception {
        FileValue file = runtimeService.getVariableTyped(pi.getId(), "pilotReport");
        assertThat(file.getMimeType()).isEqualTo("text/html");
        return new String(file.getValue().readAllBytes(), StandardCharsets.UTF_8);
    }

    private Object variable(ProcessInstance pi, String name) {
        return runtimeService.getVariable(pi.getId(), name);
    }

    private long departmentCount() {
        return identityService.createGroupQuery().groupType("department").count();
    }

    private void as(String user) {
        List<String> groups = identityService.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
        identityService.setAuthentication(user, groups);
    }
}
