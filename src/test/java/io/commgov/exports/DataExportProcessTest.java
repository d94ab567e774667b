package io.commgov.exports;

import static io.commgov.support.Api.var;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.commgov.audit.AuditSearch;
import io.commgov.support.Api;
import io.commgov.support.CommGovIntegrationTest;
import org.camunda.bpm.engine.IdentityService;
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
import org.springframework.http.ResponseEntity;

/** data-export (R-EXP, R-SOD): two distinct approvers, neither the requester; the file for the requester only, for a limited time. */
@CommGovIntegrationTest
class DataExportProcessTest {

    static final String START = "/engine-rest/process-definition/key/data-export/start";

    @Autowired ProcessEngine processEngine;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired IdentityService identityService;
    @Autowired AuditSearch auditSearch;
    @Autowired TestRestTemplate rest;
    @Autowired ObjectMapper json;
    Api api;

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(processEngine);
        api = new Api(rest);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void approvedByTheOwnerHeadThenSecurityTheRequesterDownloadsTheEncryptedExport() throws Exception {
        ProcessInstance pi = requestBy("emma", "MKT");
        assertThat(pi).isWaitingAt("Task_ApproveByOwnerHead", "Task_ApproveBySecurity");
        assertThat(taskService.getIdentityLinksForTask(task(pi, "Task_ApproveByOwnerHead")))
                .filteredOn(link -> org.camunda.bpm.engine.task.IdentityLinkType.CANDIDATE.equals(link.getType()))
                .extracting(link -> link.getUserId()).containsExactly("head-mkt");

        assertThat(decide("head-mkt", pi, "Task_ApproveByOwnerHead", true).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(pi).isWaitingAt("Task_ApproveBySecurity");
        assertThat(decide("sofia", pi, "Task_ApproveBySecurity", true).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

        assertThat(pi).hasPassed("Task_ProduceExport").isWaitingAt("Task_CollectExport");
        assertThat(pi).task().isAssignedTo("emma");
        String digest = (String) runtimeService.getVariable(pi.getId(), "exportDigest");
        assertThat(digest).hasSize(64);
        assertThat(auditSearch.find(new AuditSearch.Query(null, "process-instance", pi.getId(), "EXPORT_PRODUCED", null, null), 0, 10)
                .entries()).singleElement().satisfies(e -> assertThat(e.details()).contains("sm3=" + digest));

        var file = api.get("emma", "/api/exports/" + pi.getId() + "/file");
        assertThat(file.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(file.getBody()).startsWith("code,name,heads").contains("MKT,").contains("head-mkt");
        assertThat(api.get("sofia", "/api/exports/" + pi.getId() + "/file").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

        assertThat(api.post("emma", "/engine-rest/task/" + task(pi, "Task_CollectExport") + "/complete", Map.of()).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(pi).hasPassed("Task_DiscardExport").isEnded();
        assertThat(api.get("emma", "/api/exports/" + pi.getId() + "/file").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void approvedBySecurityFirstThenTheOwnerHead() {
        ProcessInstance pi = requestBy("emma", "FIN");
        assertThat(decide("sofia", pi, "Task_ApproveBySecurity", true).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(pi).isWaitingAt("Task_ApproveByOwnerHead");
        assertThat(decide("head-fin", pi, "Task_ApproveByOwnerHead", true).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(pi).hasPassed("Gateway_JoinApprovals", "Task_ProduceExport").isWaitingAt("Task_CollectExport");
    }

    @Test
    void rejectedByTheOwnerHeadEndsTheRequestAndCancelsTheOtherApproval() {
        ProcessInstance pi = requestBy("emma", "MKT");
        var noReason = decide("head-mkt", pi, "Task_ApproveByOwnerHead", false, null);
        assertThat(noReason.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(noReason.getBody()).contains("required-when-rejected");
        assertThat(decide("head-mkt", pi, "Task_ApproveByOwnerHead", false, "客户数据不得导出").getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(pi).hasPassed("EndEvent_RejectedByOwnerHead").hasNotPassed("Task_ProduceExport").isEnded();
    }

    @Test
    void rejectedBySecurityEndsTheRequest() {
        ProcessInstance pi = requestBy("emma", "MKT");
        assertThat(decide("head-mkt", pi, "Task_ApproveByOwnerHead", true).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(decide("sofia", pi, "Task_ApproveBySecurity", false, "用途不明确").getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(pi).hasPassed("EndEvent_RejectedBySecurity").hasNotPassed("Task_ProduceExport").isEnded();
    }

    @Test
    void aRequesterWhoHoldsAnApprovingGroupCannotApproveTheirOwnRequest() throws Exception {
        ProcessInstance bySecurityOfficer = requestBy("sofia", "MKT");
        var own = decide("sofia", bySecurityOfficer, "Task_ApproveBySecurity", true);
        assertThat(own.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(rules(own)).containsEntry("approved", "four-eyes");
        assertThat(bySecurityOfficer).isWaitingAt("Task_ApproveByOwnerHead", "Task_ApproveBySecurity");

        String secondHead = "head-mkt-2";
        var user = identityService.newUser(secondHead);
        user.setPassword("demo");
        identityService.saveUser(user);
        for (String group : new String[] {"dept-head", "dept-MKT", "employee"}) {
            identityService.createMembership(secondHead, group);
        }
        try {
            ProcessInstance byHead = requestBy("head-mkt", "MKT");
            assertThat(taskService.getIdentityLinksForTask(task(byHead, "Task_ApproveByOwnerHead")))
                    .as("the requester is no candidate for their own department's approval")
                    .noneMatch(l -> "head-mkt".equals(l.getUserId())).anyMatch(l -> secondHead.equals(l.getUserId()));
        } finally {
            identityService.deleteUser(secondHead);
        }
    }

    @Test
    void theOnlyHeadOfTheOwnerDepartmentCannotRequestAnExportNobodyCouldApprove() throws Exception {
        long before = runtimeService.createProcessInstanceQuery().processDefinitionKey("data-export").count();
        var response = api.post("head-mkt", START, Map.of("variables", Map.of(
                "dataset", var("departments", "String"), "ownerDepartment", var("MKT", "String"), "purpose", var("核对", "String"))));
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(rules(response)).containsEntry("ownerDepartment", "no-other-approver");
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("data-export").count()).isEqualTo(before);
    }

    @Test
    void oneAndThePersonCannotGiveBothApprovals() throws Exception {
        String dual = "dual-fin-sec";
        var user = identityService.newUser(dual);
        user.setPassword("demo");
        identityService.saveUser(user);
        for (String group : new String[] {"dept-head", "dept-FIN", "security", "employee"}) {
            identityService.createMembership(dual, group);
        }
        try {
            ProcessInstance pi = requestBy("emma", "FIN");
            assertThat(decide(dual, pi, "Task_ApproveByOwnerHead", true).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
            var second = decide(dual, pi, "Task_ApproveBySecurity", true);
            assertThat(second.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(rules(second)).containsEntry("approved", "distinct-approvers");
            assertThat(pi).isWaitingAt("Task_ApproveBySecurity");

            assertThat(decide("sofia", pi, "Task_ApproveBySecurity", true).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
            assertThat(pi).isWaitingAt("Task_CollectExport");
        } finally {
            identityService.deleteUser(dual);
        }
    }

    @Test
    void anUncollectedExportExpiresAndIsDiscarded() {
        ProcessInstance pi = requestBy("emma", "MKT");
        decide("head-mkt", pi, "Task_ApproveByOwnerHead", true);
        decide("sofia", pi, "Task_ApproveBySecurity", true);
        assertThat(pi).isWaitingAt("Task_CollectExport");

        ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofDays(3)).plus(Duration.ofMinutes(1))));
        execute(job("Timer_ExportExpires"));
        assertThat(pi).hasPassed("Task_DiscardExport").isEnded();
        assertThat(pi).variables().doesNotContainKey("exportFile");
    }

    @Test
    void anUnknownDepartmentOrDatasetIsRefusedNamingFieldAndRule() throws Exception {
        var response = api.post("emma", START, Map.of("variables", Map.of(
                "dataset", var("salaries", "String"), "ownerDepartment", var("XYZ", "String"), "purpose", var("审计", "String"))));
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(rules(response)).containsEntry("dataset", "one-of").containsEntry("ownerDepartment", "unknown-department");
    }

    private ProcessInstance requestBy(String user, String ownerDepartment) {
        var response = api.post(user, START, Map.of("variables", Map.of(
                "dataset", var("departments", "String"),
                "ownerDepartment", var(ownerDepartment, "String"),
                "purpose", var("年度部门通讯录核对", "String"))));
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        try {
            String id = json.readTree(response.getBody()).get("id").asText();
            return runtimeService.createProcessInstanceQuery().processInstanceId(id).singleResult();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private ResponseEntity<String> decide(String user, ProcessInstance pi, String step, boolean approved) {
        return decide(user, pi, step, approved, null);
    }

    private ResponseEntity<String> decide(String user, ProcessInstance pi, String step, boolean approved, String comment) {
        var variables = new HashMap<String, Object>();
        variables.put("approved", var(approved, "Boolean"));
        if (comment != null) {
            variables.put("comment", var(comment, "String"));
        }
        return api.post(user, "/engine-rest/task/" + task(pi, step) + "/complete", Map.of("variables", variables));
    }

    private String task(ProcessInstance pi, String step) {
        return taskService.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(step).singleResult().getId();
    }

    private Map<String, String> rules(ResponseEntity<String> response) throws Exception {
        JsonNode body = json.readTree(response.getBody());
        var rules = new HashMap<String, String>();
        body.get("errors").forEach(e -> rules.put(e.get("field").asText(), e.get("rule").asText()));
        return rules;
    }
}
