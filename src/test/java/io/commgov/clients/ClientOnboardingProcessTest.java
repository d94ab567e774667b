package io.commgov.clients;

import static io.commgov.support.Api.var;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import java.nio.charset.StandardCharsets;
import java.sql.Blob;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.commgov.accounts.Accounts;
import io.commgov.audit.AuditEntry;
import io.commgov.audit.AuditSearch;
import io.commgov.audit.Outcome;
import io.commgov.crypto.SensitiveData;
import io.commgov.support.Acting;
import io.commgov.support.Api;
import io.commgov.support.CommGovIntegrationTest;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;

/** {@code client-onboarding} (R-CLI-1, R-CLI-2): approvals, rejections, expiry, revocation, consent, personal data kept encrypted. */
@CommGovIntegrationTest
class ClientOnboardingProcessTest {

    static final String KEY = "client-onboarding";
    // Monday 1 June 2026, 10:00 in Beijing
    static final OffsetDateTime NOW = OffsetDateTime.parse("2026-06-01T10:00:00+08:00");

    @Autowired ProcessEngine processEngine;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired IdentityService identityService;
    @Autowired Clients clients;
    @Autowired Accounts accounts;
    @Autowired AuditSearch auditSearch;
    @Autowired DataSource dataSource;
    @Autowired TestRestTemplate rest;
    @Autowired ObjectMapper json;
    @Autowired SensitiveData legacySealing;
    @Autowired LegacyPersonalDataMove legacyMove;
    @Autowired io.commgov.identity.Employees employees;
    Api api;
    String phone;
    String email;
    String idNumber;
    String tag;

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(processEngine);
        ClockUtil.setCurrentTime(Date.from(NOW.toInstant()));
        api = new Api(rest);
        phone = "139" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
        tag = "K" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        email = "li" + ThreadLocalRandom.current().nextInt(100_000, 999_999) + "@example.com";
        idNumber = residentIdNumber("11010519850612" + ThreadLocalRandom.current().nextInt(100, 999));
    }

    @AfterEach
    void tearDown() {
        ClockUtil.reset();
        identityService.clearAuthentication();
    }

    @Test
    void approvedBySalesHeadAndItTheClientMayJoinOnlyItsProjectGroupsViewOnly() {
        ProcessInstance pi = request("sam");
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_ReviewBySalesHead");
        BpmnAwareTests.assertThat(task(pi)).hasCandidateGroup("sales-head");
        Client client = clientOf(pi);
        assertThat(client.getState()).isEqualTo(ClientState.REQUESTED);
        assertThat(client.getConsentRecordedBy()).isEqualTo("sam");
        assertThat(client.getConsentRecordedAt()).isEqualTo(NOW.toInstant());
        assertThat(client.getProcessingPurpose()).isEqualTo("项目沟通与交付");

        decide("sarah", pi, "Task_ReviewBySalesHead", true, null);
        BpmnAwareTests.assertThat(pi).isWaitingAt("Task_ConfigureClientAccess");
        BpmnAwareTests.assertThat(task(pi)).hasCandidateGroup("it");
        assertThat(clientOf(pi).getState()).isEqualTo(ClientState.CONFIGURING);
        decide("ivan", pi, "Task_ConfigureClientAccess", true, null);

        BpmnAwareTests.assertThat(pi).isWaitingAt("Gateway_AccessEnds");
        var account = accounts.find(clientOf(pi).getAccountId()).orElseThrow();
        assertThat(account.getPermissions()).containsExactly("chat:project-groups", "files:view", "group:project-proj-alpha",
                "group:project-proj-beta");
        assertThat(account.getValidUntil()).isEqualTo(LocalDate.of(2026, 9, 30));
        assertThat(clientOf(pi).getState()).isEqualTo(ClientState.ACTIVE);
        assertThat(runtimeService.getVariables(pi.getId())).doesNotContainKeys("phone", "email", "idNumber").containsKey("clientId");
    }

    @Test
    void rejectionByTheSalesHeadEndsTheRequest() {
        ProcessInstance pi = request("sam");
        decide("sarah", pi, "Task_ReviewBySalesHead", false, "客户未签署保密协议");
        BpmnAwareTests.assertThat(pi).isEnded().hasPassed("EndEvent_ClientRejected").hasNotPassed("Task_ConfigureClientAccess");
        assertThat(clientOf(pi).getState()).isEqualTo(ClientState.REJECTED);
        assertThat(clientOf(pi).getAccountId()).isNull();
    }

    @Test
    void rejectionByItEndsTheRequest() {
        ProcessInstance pi = request("sam");
        decide("sarah", pi, "Task_ReviewBySalesHead", true, null);
        decide("iris", pi, "Task_ConfigureClientAccess", false, "项目群组不存在");
        BpmnAwareTests.assertThat(pi).isEnded().hasPassed("EndEvent_ClientRejected").hasNotPassed("Task_ActivateClientAccount");
        assertThat(clientOf(pi).getState()).isEqualTo(ClientState.REJECTED);
    }

    @Test
    void theAccountExpiresWhenTheProjectEnds() {
        ProcessInstance pi = onboarded("sam");
        assertThat(job("Timer_ProjectEnd", pi).getDuedate()).isEqualTo(Date.from(OffsetDateTime.parse("2026-10-01T00:00:00+08:00").toInstant()));
        ClockUtil.setCurrentTime(job("Timer_ProjectEnd", pi).getDuedate());
        execute(job("Timer_ProjectEnd", pi));

        BpmnAwareTests.assertThat(pi).isEnded().hasPassed("EndEvent_ClientExpired");
        assertThat(clientOf(pi).getState()).isEqualTo(ClientState.EXPIRED);
        assertThat(accounts.find(clientOf(pi).getAccountId()).orElseThrow().getStateReason()).isEqualTo("EXPIRED");
    }

    @Test
    void theContactPersonRevokesAccessAtOnceBeforeTheEnd() {
        ProcessInstance pi = onboarded("sam");
        String id = clientOf(pi).getId();

        assertThat(api.post("emma", "/api/clients/" + id + "/revoke", Map.of()).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        var revoked = api.post("sam", "/api/clients/" + id + "/revoke", Map.of());
        assertThat(revoked.getStatusCode()).as(revoked.getBody()).isEqualTo(HttpStatus.OK);

        BpmnAwareTests.assertThat(pi).isEnded().hasPassed("EndEvent_ClientRevoked").hasNotPassed("Task_ExpireClientAccount");
        assertThat(clientOf(pi).getState()).isEqualTo(ClientState.REVOKED);
        var account = accounts.find(clientOf(pi).getAccountId()).orElseThrow();
        assertThat(account.getStateReason()).isEqualTo("REVOKED");
        assertThat(api.post("sam", "/api/clients/" + id + "/revoke", Map.of()).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    }

    @Test
    void withoutTheClientsConsentNothingStarts() throws Exception {
        var variables = restVariables();
        variables.put("consent", var(false, "Boolean"));
        var refused = api.post("sam", "/engine-rest/process-definition/key/client-onboarding/start", Map.of("variables", variables));
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(errors(refused.getBody())).containsEntry("consent", "must-be-true");
        assertThat(refused.getBody()).doesNotContain(phone).doesNotContain(email);

        variables.remove("consent");
        var missing = api.post("sam", "/engine-rest/process-definition/key/client-onboarding/start", Map.of("variables", variables));
        assertThat(errors(missing.getBody())).containsEntry("consent", "required");
        assertThat(clients.all()).noneMatch(c -> c.getClientName().equals("李雷-" + tag));
    }

    @Test
    void thePhoneEmailAndIdNumberAreNowhereInClearNotInOurTablesNorInTheEnginesVariablesOrHistory() throws Exception {
        var started = api.post("sam", "/engine-rest/process-definition/key/client-onboarding/start", Map.of("variables", restVariables()));
        assertThat(started.getStatusCode()).as(started.getBody()).isEqualTo(HttpStatus.OK);
        String pid = json.readTree(started.getBody()).get("id").asText();
        ProcessInstance pi = runtimeService.createProcessInstanceQuery().processInstanceId(pid).singleResult();
        decide("sarah", pi, "Task_ReviewBySalesHead", true, null);
        decide("ivan", pi, "Task_ConfigureClientAccess", true, null);

        List<String> found = tablesContaining(phone, email, idNumber);
        assertThat(found).isEmpty();
        assertThat(tablesContaining(clientOf(pi).getId())).as("the reference is kept").isNotEmpty();
    }

    @Test
    void personalDataIsOpenedOnlyWithNeedAndAReasonAndEveryAttemptIsAudited() throws Exception {
        ProcessInstance pi = onboarded("sam");
        String id = clientOf(pi).getId();
        String path = "/api/clients/" + id + "/personal-data?reason=";

        var forContact = api.get("sam", path + "回访客户");
        assertThat(forContact.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(json.readTree(forContact.getBody()).get("phone").asText()).isEqualTo(phone);
        assertThat(json.readTree(forContact.getBody()).get("idNumber").asText()).isEqualTo(idNumber);
        assertThat(api.get("sofia", path + "季度审计").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(api.get("emma", path + "好奇").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(api.get("ivan", path + "配置已完成后查看").getStatusCode()).as("IT only while configuring").isEqualTo(HttpStatus.FORBIDDEN);
        var noReason = api.get("sam", "/api/clients/" + id + "/personal-data");
        assertThat(errors(noReason.getBody())).containsEntry("reason", "required");

        var audited = clients.accessesOf(id);
        assertThat(audited).extracting(ClientAccess::getUserId, ClientAccess::isGranted)
                .contains(org.assertj.core.groups.Tuple.tuple("sam", true), org.assertj.core.groups.Tuple.tuple("sofia", true),
                        org.assertj.core.groups.Tuple.tuple("emma", false), org.assertj.core.groups.Tuple.tuple("ivan", false));
        assertThat(audited).filteredOn(a -> a.getUserId().equals("emma")).extracting(ClientAccess::getReason).containsExactly("好奇");
        var trail = auditSearch.find(new AuditSearch.Query(null, "client", id, null, null, null), 0, 50).entries();
        assertThat(trail).extracting(AuditEntry::actor, AuditEntry::outcome)
                .contains(org.assertj.core.groups.Tuple.tuple("sam", Outcome.SUCCESS), org.assertj.core.groups.Tuple.tuple("emma", Outcome.DENIED));
        assertThat(trail).as("the reason is on the tamper-evident trail").filteredOn(e -> e.actor().equals("emma"))
                .singleElement().satisfies(e -> assertThat(e.details()).contains("好奇"));

        var list = api.get("ivan", "/api/clients");
        assertThat(list.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(list.getBody()).contains(phone.substring(0, 3) + "****" + phone.substring(7)).doesNotContain(phone)
                .contains("l***@example.com").doesNotContain(email)
                .contains(idNumber.substring(0, 4) + "**********" + idNumber.substring(14)).doesNotContain(idNumber);
        assertThat(api.get("emma", "/api/clients").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void maskingRules() {
        assertThat(Masking.phone("13812345678")).isEqualTo("138****5678");
        assertThat(Masking.email("lilei@example.com")).isEqualTo("l***@example.com");
        assertThat(Masking.idNumber("11010519491231002X")).isEqualTo("1101**********002X");
        assertThat(Masking.idNumber("1234")).isEqualTo("****");
        assertThat(Masking.idNumber(null)).isNull();
    }

    @Test
    void anIdNumberIsOptionalButMustCarryAValidCheckDigit() throws Exception {
        var variables = restVariables();
        String wrongCheckDigit = idNumber.substring(0, 17) + (idNumber.charAt(17) == '0' ? '1' : '0');
        variables.put("idNumber", var(wrongCheckDigit, "String"));
        var refused = api.post("sam", "/engine-rest/process-definition/key/client-onboarding/start", Map.of("variables", variables));
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(errors(refused.getBody())).containsEntry("idNumber", "check-digit");
        assertThat(refused.getBody()).doesNotContain(wrongCheckDigit);

        variables.remove("idNumber");
        var started = api.post("sam", "/engine-rest/process-definition/key/client-onboarding/start", Map.of("variables", variables));
        assertThat(started.getStatusCode()).as(started.getBody()).isEqualTo(HttpStatus.OK);
        String id = clientOf(runtimeService.createProcessInstanceQuery()
                .processInstanceId(json.readTree(started.getBody()).get("id").asText()).singleResult()).getId();
        var opened = json.readTree(api.get("sam", "/api/clients/" + id + "/personal-data?reason=核对").getBody());
        assertThat(opened.get("phone").asText()).isEqualTo(phone);
        assertThat(opened.get("idNumber").isNull()).isTrue();
    }

    @Test
    void clientsRecordedBeforeTheEncryptedStoreAreMovedIntoItAndStayReadable() {
        String id = java.util.UUID.randomUUID().toString();
        var sql = new org.springframework.jdbc.core.JdbcTemplate(dataSource);
        var now = java.sql.Timestamp.from(NOW.toInstant());
        sql.update("INSERT INTO cg_client (id, client_name, company, legacy_phone_encrypted, legacy_email_encrypted, project_groups,"
                        + " project_end_date, processing_purpose, consent_given, consent_recorded_by, consent_recorded_at, contact_person,"
                        + " state, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'proj-alpha', ?, '项目沟通', TRUE, 'sam', ?, 'sam', 'ACTIVE', ?, ?)",
                id, "旧客户-" + tag, "示例科技", legacySealing.encrypt(phone, "client:" + id + ":phone"),
                legacySealing.encrypt(email, "client:" + id + ":email"), java.sql.Date.valueOf("2026-09-30"), now, now, now);
        assertThat(clients.masked(clients.find(id).orElseThrow()).phone()).as("readable before the move")
                .isEqualTo(Masking.phone(phone));

        assertThat(legacyMove.moveAll()).isGreaterThanOrEqualTo(1);
        var row = sql.queryForMap("SELECT * FROM cg_client WHERE id = ?", id);
        assertThat(row.get("LEGACY_PHONE_ENCRYPTED")).isNull();
        assertThat(row.get("LEGACY_EMAIL_ENCRYPTED")).isNull();
        assertThat(row.get("PHONE_RECORD")).isNotNull();
        var opened = clients.open(clients.find(id).orElseThrow(), "sam", true, "迁移后核对").orElseThrow();
        assertThat(opened.phone()).isEqualTo(phone);
        assertThat(opened.email()).isEqualTo(email);
        assertThat(legacyMove.moveAll()).as("moved once").isZero();
    }

    @Test
    void whenTheContactPersonResignsTheirClientsGoToTheDepartmentHeadWhoNamesANewSalesContactPerson() throws Exception {
        String leaver = "leaver-" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        String employeeId = "E9" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        ensureUser(leaver, "sales", "employee", "dept-SAL");
        assertThat(employees.link(employeeId, leaver)).isTrue();
        ProcessInstance onboarding = onboarded(leaver);
        String clientId = clientOf(onboarding).getId();

        ProcessInstance opening = as("head-sal", () -> runtimeService.startProcessInstanceByKey("account-opening", Variables.createVariables()
                .putValue("employeeId", employeeId).putValue("fullName", "离职销售").putValue("department", "SAL").putValue("accountType", "EMPLOYEE")));
        decide("ivan", opening, "Task_ReviewByIt", true, null);
        ProcessInstance resignation = as("head-sal", () -> runtimeService.startProcessInstanceByKey("role-change", Variables.createVariables()
                .putValue("employeeId", employeeId).putValue("changeType", "RESIGNATION").putValue("effectiveDate", "2026-06-01")));
        execute(job("Timer_EffectiveDate", resignation));
        decide("ivan", resignation, "Task_ChangeAccount", true, null);

        assertThat(clients.find(clientId).orElseThrow().getContactPerson()).as("never orphaned").isEqualTo("head-sal");
        ProcessInstance handOver = runtimeService.createProcessInstanceQuery().processDefinitionKey("client-hand-over")
                .variableValueEquals("clientId", clientId).singleResult();
        BpmnAwareTests.assertThat(handOver).isWaitingAt("Task_ReassignClient");
        var task = taskService.createTaskQuery().processInstanceId(handOver.getId()).singleResult();
        assertThat(task.getAssignee()).isEqualTo("head-sal");
        assertThat(task.getName()).contains("重新指定外部客户对接人").contains("李雷-" + tag);
        assertThat(task.getDescription()).contains(clientId).contains(employeeId);

        String complete = "/engine-rest/task/" + task.getId() + "/complete";
        var notSales = api.post("head-sal", complete, Map.of("variables", Map.of("newContactPerson", var("emma", "String"))));
        assertThat(notSales.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(errors(notSales.getBody())).containsEntry("newContactPerson", "sales-member");
        var theLeaver = api.post("head-sal", complete, Map.of("variables", Map.of("newContactPerson", var(leaver, "String"))));
        assertThat(errors(theLeaver.getBody())).containsEntry("newContactPerson", "resigned");
        assertThat(errors(api.post("head-sal", complete, Map.of("variables", Map.of())).getBody())).containsEntry("newContactPerson", "required");
        assertThat(api.post("sarah", complete, Map.of("variables", Map.of("newContactPerson", var("sam", "String")))).getStatusCode())
                .as("only the department head holds the task").isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(clients.find(clientId).orElseThrow().getContactPerson()).isEqualTo("head-sal");

        var done = api.post("head-sal", complete, Map.of("variables", Map.of("newContactPerson", var("sam", "String"))));
        assertThat(done.getStatusCode()).as(done.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
        BpmnAwareTests.assertThat(handOver).isEnded().hasPassed("Task_RecordNewContactPerson");
        assertThat(clients.find(clientId).orElseThrow().getContactPerson()).isEqualTo("sam");
        assertThat(auditSearch.find(new AuditSearch.Query("head-sal", "client", clientId, "client.contact-person.reassigned", null, null), 0, 5)
                .entries()).singleElement().satisfies(e -> assertThat(e.details()).contains("head-sal -> sam"));
        assertThat(api.get("sam", "/api/clients/" + clientId + "/personal-data?reason=接手客户").getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    private ProcessInstance onboarded(String contactPerson) {
        ProcessInstance pi = request(contactPerson);
        decide("sarah", pi, "Task_ReviewBySalesHead", true, null);
        decide("ivan", pi, "Task_ConfigureClientAccess", true, null);
        return pi;
    }

    private ProcessInstance request(String contactPerson) {
        VariableMap variables = Variables.createVariables().putValue("clientName", "李雷-" + tag).putValue("company", "示例科技")
                .putValue("phone", phone).putValue("email", email).putValue("idNumber", idNumber)
                .putValueTyped("projectGroups", SpinValues.jsonValue("[\"proj-alpha\",\"proj-beta\"]").create())
                .putValue("projectEndDate", "2026-09-30").putValue("processingPurpose", "项目沟通与交付").putValue("consent", true);
        return as(contactPerson, () -> runtimeService.startProcessInstanceByKey(KEY, variables));
    }

    private Map<String, Object> restVariables() {
        var variables = new HashMap<String, Object>();
        variables.put("clientName", var("李雷-" + tag, "String"));
        variables.put("company", var("示例科技", "String"));
        variables.put("phone", var(phone, "String"));
        variables.put("email", var(email, "String"));
        variables.put("idNumber", var(idNumber, "String"));
        variables.put("projectGroups", var("[\"proj-alpha\"]", "Json"));
        variables.put("projectEndDate", var(LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(90).toString(), "String"));
        variables.put("processingPurpose", var("项目沟通与交付", "String"));
        variables.put("consent", var(true, "Boolean"));
        return variables;
    }

    private void decide(String user, ProcessInstance pi, String taskKey, boolean approved, String comment) {
        var task = taskService.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(taskKey).singleResult();
        Map<String, Object> variables = new HashMap<>();
        variables.put("approved", approved);
        if (comment != null) {
            variables.put("comment", comment);
        }
        as(user, () -> {
            taskService.complete(task.getId(), variables);
            return null;
        });
    }

    private <T> T as(String user, Supplier<T> action) {
        return Acting.as(identityService, user, action);
    }

    private Client clientOf(ProcessInstance pi) {
        return clients.all().stream().filter(c -> pi.getId().equals(c.getProcessInstanceId())).findFirst().orElseThrow();
    }

    private void ensureUser(String id, String... groups) {
        if (identityService.createUserQuery().userId(id).count() == 0) {
            var user = identityService.newUser(id);
            user.setPassword("demo");
            user.setEmail(id + "@commgov.example");
            identityService.saveUser(user);
            for (String group : groups) {
                identityService.createMembership(id, group);
            }
        }
    }

    /** Every row of every CommGov and Camunda table, text and binary columns alike, searched for the given values. */
    private List<String> tablesContaining(String... needles) throws Exception {
        var found = new ArrayList<String>();
        try (var connection = dataSource.getConnection()) {
            var tables = new ArrayList<String>();
            try (ResultSet rs = connection.getMetaData().getTables(connection.getCatalog(), null, "%", null)) {
                while (rs.next()) {
                    String name = rs.getString("TABLE_NAME");
                    String schema = rs.getString("TABLE_SCHEM");
                    String upper = name.toUpperCase();
                    if ((upper.startsWith("ACT_") || upper.startsWith("CG_")) && (schema == null || !schema.equalsIgnoreCase("INFORMATION_SCHEMA"))) {
                        tables.add(name);
                    }
                }
            }
            assertThat(tables).extracting(String::toUpperCase).contains("ACT_RU_VARIABLE", "ACT_HI_VARINST", "ACT_HI_DETAIL",
                    "ACT_GE_BYTEARRAY", "CG_CLIENT");
            String quote = connection.getMetaData().getIdentifierQuoteString();
            for (String table : tables) {
                try (var statement = connection.createStatement();
                     ResultSet rs = statement.executeQuery("SELECT * FROM " + quote + table + quote)) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            Object value = rs.getObject(i);
                            String text = value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                                    : value instanceof Blob blob ? new String(blob.getBytes(1, (int) blob.length()), StandardCharsets.UTF_8)
                                    : value == null ? "" : value.toString();
                            for (String needle : needles) {
                                if (text.contains(needle)) {
                                    found.add(table + "." + rs.getMetaData().getColumnName(i));
                                }
                            }
                        }
                    }
                }
            }
        }
        return found;
    }

    /** A resident id number: the 17 digits given, and their check digit (GB 11643). */
    static String residentIdNumber(String first17) {
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * weights[i];
        }
        return first17 + "10X98765432".charAt(sum % 11);
    }

    private Map<String, String> errors(String body) throws Exception {
        JsonNode node = json.readTree(body);
        var errors = new HashMap<String, String>();
        node.get("errors").forEach(e -> errors.put(e.get("field").asText(), e.get("rule").asText()));
        return errors;
    }
}
