package io.commgov.securityaudit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.commgov.audit.AuditEvent;
import io.commgov.audit.AuditTrail;
import io.commgov.audit.Outcome;
import io.commgov.crypto.Sm2Signer;
import io.commgov.support.Api;
import io.commgov.support.CommGovIntegrationTest;
import io.commgov.support.Models;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.variable.value.BytesValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/** security-audit (R-AUD): starts every quarter by itself, finds each planted anomaly with its evidence, routes it to security, signs the report. */
@CommGovIntegrationTest
class SecurityAuditProcessTest {

    static final String START = "/engine-rest/message";

    @Autowired ProcessEngine processEngine;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired HistoryService historyService;
    @Autowired ManagementService managementService;
    @Autowired RepositoryService repositoryService;
    @Autowired AuthorizationService authorizationService;
    @Autowired IdentityService identityService;
    @Autowired AuditTrail trail;
    @Autowired Sm2Signer signer;
    @Autowired JdbcTemplate jdbc;
    @Autowired TestRestTemplate rest;
    @Autowired ObjectMapper json;
    @Autowired PermissionsBeyondTemplateCheck beyondTemplate;
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
    void theTimerStartsTheAuditOnTheFirstDayOfEveryQuarterAndAQuarterWithoutFindingsStillGetsASignedReport() throws Exception {
        var timer = managementService.createJobQuery().processDefinitionKey("security-audit").timers().singleResult();
        LocalDateTime due = LocalDateTime.ofInstant(timer.getDuedate().toInstant(), ZoneId.systemDefault());
        assertThat(due.getDayOfMonth()).isEqualTo(1);
        assertThat(due.getMonthValue()).isIn(1, 4, 7, 10);
        assertThat(due.getHour()).isEqualTo(9);

        // a quarter in which nothing happened: no account of other tests is left active past its end or beyond its template
        jdbc.update("update cg_account set state = 'DISABLED', active_employee_id = null where state = 'ACTIVE' and valid_until is not null");
        for (Finding beyond : beyondTemplate.run(null)) {
            jdbc.update("update cg_account set state = 'DISABLED', active_employee_id = null where state = 'ACTIVE' and employee_id = ?",
                    beyond.subject());
        }
        var quarter = LocalDateTime.of(2031, 4, 1, 9, 0).atZone(ZoneId.systemDefault()).toInstant();
        ClockUtil.setCurrentTime(Date.from(quarter));
        managementService.executeJob(timer.getId());

        var run = historyService.createHistoricProcessInstanceQuery().processDefinitionKey("security-audit")
                .startedAfter(Date.from(quarter.minusSeconds(1))).singleResult();
        assertThat(run).isNotNull();
        assertThat(run.getEndActivityId()).isEqualTo("EndEvent_NoFindings");
        var report = (BytesValue) historyService.createHistoricVariableInstanceQuery().processInstanceId(run.getId())
                .variableName("report").singleResult().getTypedValue();
        String signature = (String) historyService.createHistoricVariableInstanceQuery().processInstanceId(run.getId())
                .variableName("reportSignature").singleResult().getValue();
        assertThat(signer.verify(report.getValue(), Base64.getDecoder().decode(signature))).isTrue();
        JsonNode content = json.readTree(report.getValue());
        assertThat(content.get("findings")).isEmpty();
        assertThat(content.get("checks").toString()).contains("audit-trail-integrity", "separation-of-duty-groups",
                "separation-of-duty-self-approval", "failed-login-burst", "expired-account-active", "permissions-beyond-template",
                "operator-instance-interventions");

        var next = managementService.createJobQuery().processDefinitionKey("security-audit").timers().singleResult();
        assertThat(LocalDateTime.ofInstant(next.getDuedate().toInstant(), ZoneId.systemDefault()))
                .isEqualTo(LocalDateTime.of(2031, 7, 1, 9, 0));
    }

    @Test
    void eachPlantedFindingIsFoundWithItsEvidenceAndRoutedToSecurity() throws Exception {
        // separation of duty: one person holds the auditor's and the administrator's role
        var conflicted = identityService.newUser("sod-conflict");
        conflicted.setPassword("demo");
        identityService.saveUser(conflicted);
        identityService.createMembership("sod-conflict", "security");
        identityService.createMembership("sod-conflict", "camunda-admin");
        // separation of duty: a requester completed the review of their own request (a model without four-eyes)
        Models.deploy(repositoryService, "io/commgov/securityaudit/self-review-demo.bpmn");
        Models.allowStart(authorizationService, "employee", "self-review-demo");
        var started = api.post("emma", "/engine-rest/process-definition/key/self-review-demo/start", Map.of());
        String selfReviewed = json.readTree(started.getBody()).get("id").asText();
        String review = taskService.createTaskQuery().processInstanceId(selfReviewed).singleResult().getId();
        assertThat(api.post("emma", "/engine-rest/task/" + review + "/complete", Map.of()).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        // a burst of failed logins: five within ten minutes
        Instant now = Instant.now();
        for (int i = 0; i < 5; i++) {
            ClockUtil.setCurrentTime(Date.from(now.minus(Duration.ofMinutes(9)).plus(Duration.ofMinutes(2L * i))));
            trail.record(new AuditEvent("burst-probe", "LOGIN_FAILED", "user", "burst-probe", Outcome.FAILURE, "channel=engine-rest"));
        }
        // as many failures and more, spread over six days: no burst
        for (int day = 6; day >= 1; day--) {
            ClockUtil.setCurrentTime(Date.from(now.minus(Duration.ofDays(day))));
            trail.record(new AuditEvent("spread-probe", "LOGIN_FAILED", "user", "spread-probe", Outcome.FAILURE, "channel=engine-rest"));
        }
        ClockUtil.reset();
        // an INTERN account still active a month after its end date
        String expired = account("EXP", "INTERN", "chat:own-department,files:view,group:dept-RND", LocalDate.now().minusMonths(1));
        // an EMPLOYEE account holding a permission nobody approved (set by hand, outside the process)
        String beyond = account("BEY", "EMPLOYEE", "chat:groups,files:read,files:write,meeting:create,group:dept-RND,files:core", null);
        // a changed audit entry
        long tampered = jdbc.queryForObject("SELECT MAX(seq) FROM cg_audit_entry", Long.class);
        String original = jdbc.queryForObject("SELECT details FROM cg_audit_entry WHERE seq = ?", String.class, tampered);
        jdbc.update("UPDATE cg_audit_entry SET details = 'changed afterwards' WHERE seq = ?", tampered);

        ProcessInstance audit;
        try {
            var response = api.post("sofia", START, request(Map.of()));
            assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
            String id = json.readTree(response.getBody()).get(0).get("processInstance").get("id").asText();
            audit = runtimeService.createProcessInstanceQuery().processInstanceId(id).singleResult();
        } finally {
            jdbc.update("UPDATE cg_audit_entry SET details = ? WHERE seq = ?", original, tampered);
            identityService.deleteUser("sod-conflict");
            jdbc.update("delete from cg_account where employee_id in (?, ?)", expired, beyond);
        }

        assertThat(audit).hasPassed("Task_RunChecks").isWaitingAt("Task_RemediateFinding");
        var findings = new ArrayList<Map<String, String>>();
        json.readTree(runtimeService.getVariableTyped(audit.getId(), "findings").getValue().toString())
                .forEach(f -> findings.add(Map.of("check", f.get("check").asText(), "subject", f.get("subject").asText(), "evidence", f.get("evidence").asText())));
        assertThat(findings).anySatisfy(f -> assertFinding(f, "separation-of-duty-groups", "sod-conflict", "camunda-admin"));
        assertThat(findings).anySatisfy(f -> assertFinding(f, "separation-of-duty-self-approval", "emma", selfReviewed));
        assertThat(findings).anySatisfy(f -> assertFinding(f, "failed-login-burst", "burst-probe", "5 failed logins within 10 minutes"));
        assertThat(findings).noneSatisfy(f -> assertThat(f.get("subject")).isEqualTo("spread-probe"));
        assertThat(findings).anySatisfy(f -> assertFinding(f, "expired-account-active", expired, "still ACTIVE"));
        assertThat(findings).anySatisfy(f -> assertFinding(f, "permissions-beyond-template", beyond, "holds [files:core] beyond its template"));
        assertThat(findings).noneSatisfy(f -> assertThat(f.get("check") + f.get("subject")).isEqualTo("permissions-beyond-template" + expired));
        assertThat(findings).anySatisfy(f -> assertFinding(f, "audit-trail-integrity", "audit entry at position " + tampered, "altered"));

        var tasks = taskService.createTaskQuery().processInstanceId(audit.getId()).taskDefinitionKey("Task_RemediateFinding").list();
        assertThat(tasks).hasSize(findings.size());
        for (var task : tasks) {
            assertThat(taskService.getIdentityLinksForTask(task.getId())).anySatisfy(l -> assertThat(l.getGroupId()).isEqualTo("security"));
        }
        var seen = new HashMap<String, String>();
        tasks.forEach(t -> seen.put((String) taskService.getVariableLocal(t.getId(), "findingSubject"),
                (String) taskService.getVariableLocal(t.getId(), "findingEvidence")));
        assertThat(seen).containsKeys("sod-conflict", "emma", "burst-probe", "audit entry at position " + tampered, expired, beyond);
        assertThat(seen.get(beyond)).contains("files:core");
        assertThat(seen.get(expired)).contains("ended " + LocalDate.now().minusMonths(1));
        // the model names each task after its finding: what to fix, and where
        assertThat(tasks).allSatisfy(t -> assertThat(t.getName()).isEqualTo("整改安全审计发现项："
                + taskService.getVariableLocal(t.getId(), "findingCheck") + " — " + taskService.getVariableLocal(t.getId(), "findingSubject")));

        var withoutRemediation = api.post("sofia", "/engine-rest/task/" + tasks.get(0).getId() + "/complete", Map.of());
        assertThat(withoutRemediation.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(withoutRemediation.getBody()).contains("\"field\":\"remediation\"").contains("required");
        for (var task : tasks) {
            var done = api.post("sofia", "/engine-rest/task/" + task.getId() + "/complete",
                    Map.of("variables", Map.of("remediation", Api.var("已核实并处理", "String"))));
            assertThat(done.getStatusCode()).as(done.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
        }
        assertThat(audit).hasPassed("EndEvent_FindingsRemediated").isEnded();
        assertThat(api.get("sofia", "/api/audit/verify").getBody()).contains("\"intact\":true");
    }

    @Test
    void onlyTheSecurityOfficerStartsAnAuditOutOfTurn() {
        assertThat(api.post("emma", START, request(Map.of())).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        var unknown = api.post("sofia", START, request(Map.of("scope", Api.var("all", "String"))));
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(unknown.getBody()).contains("unknown-field");
    }

    /** An ACTIVE account written straight to the table, as a hand edit outside the processes would leave it. */
    private String account(String prefix, String type, String permissions, LocalDate validUntil) {
        String employeeId = prefix + System.nanoTime() % 10_000_000;
        LocalDateTime created = LocalDateTime.now().minusMonths(6);
        jdbc.update("insert into cg_account (id, employee_id, active_employee_id, full_name, department, account_type, permissions,"
                        + " state, valid_until, requested_by, created_at, updated_at) values (?, ?, ?, ?, 'RND', ?, ?, 'ACTIVE', ?, 'head-rnd', ?, ?)",
                UUID.randomUUID().toString(), employeeId, employeeId, "探针 " + employeeId, type, permissions, validUntil, created, created);
        return employeeId;
    }

    /** The out-of-turn start: a message start event, as the engine allows only one timer or none start event. */
    private static Map<String, Object> request(Map<String, Object> variables) {
        return Map.of("messageName", "security-audit-requested", "resultEnabled", true, "processVariables", variables);
    }

    private static void assertFinding(Map<String, String> finding, String check, String subject, String evidence) {
        assertThat(finding.get("check")).isEqualTo(check);
        assertThat(finding.get("subject")).isEqualTo(subject);
        assertThat(finding.get("evidence")).contains(evidence);
    }

}
