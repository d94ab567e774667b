package io.commgov.accounts;

import static io.commgov.support.Api.var;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.commgov.support.Api;
import io.commgov.support.CommGovIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The account processes and {@code /api/accounts} from outside: 400 naming field and rule, 401/403 for the wrong caller. */
@CommGovIntegrationTest
class AccountsRestTest {

    static final String OPEN = "/engine-rest/process-definition/key/account-opening/start";
    static final String CHANGE = "/engine-rest/process-definition/key/role-change/start";

    @Autowired TestRestTemplate rest;
    @Autowired ObjectMapper json;
    @Autowired Accounts accounts;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(rest);
    }

    @Test
    void anInternWithoutEndDateIsRefused() throws Exception {
        var variables = intern(AccountTestSupport.newEmployeeId());
        variables.remove("endDate");
        assertRefused(api.post("mia", OPEN, body(variables)), "endDate", "required");
    }

    @Test
    void anEndDateInThePastIsRefused() throws Exception {
        var variables = intern(AccountTestSupport.newEmployeeId());
        variables.put("endDate", var(today().minusDays(1).toString(), "String"));
        assertRefused(api.post("mia", OPEN, body(variables)), "endDate", "future-date");
    }

    @Test
    void anUnknownDepartmentIsRefused() throws Exception {
        var variables = employee(AccountTestSupport.newEmployeeId(), "XYZ");
        assertRefused(api.post("head-mkt", OPEN, body(variables)), "department", "unknown-department");
    }

    @Test
    void anUnknownAccountTypeIsRefused() throws Exception {
        var variables = employee(AccountTestSupport.newEmployeeId(), "MKT");
        variables.put("accountType", var("PARTNER", "String"));
        assertRefused(api.post("head-mkt", OPEN, body(variables)), "accountType", "one-of");
    }

    @Test
    void aDepartmentHeadApplyingForAnotherDepartmentIsRefused() throws Exception {
        assertRefused(api.post("head-mkt", OPEN, body(employee(AccountTestSupport.newEmployeeId(), "RND"))),
                "department", "not-your-department");
    }

    @Test
    void anInternIsAppliedForByAMentorNotAHead() throws Exception {
        assertRefused(api.post("head-rnd", OPEN, body(intern(AccountTestSupport.newEmployeeId()))), "accountType", "mentor-applies");
    }

    @Test
    void anEmployeeAccountHasNoEndDate() throws Exception {
        var variables = employee(AccountTestSupport.newEmployeeId(), "MKT");
        variables.put("endDate", var(today().plusDays(10).toString(), "String"));
        assertRefused(api.post("head-mkt", OPEN, body(variables)), "endDate", "not-for-employee");
    }

    @Test
    void aSecondActiveAccountIsRefusedAtStart() throws Exception {
        String employeeId = AccountTestSupport.newEmployeeId();
        activeAccount(employeeId, "MKT");
        assertRefused(api.post("head-mkt", OPEN, body(employee(employeeId, "MKT"))), "employeeId", "unique-active-account");
    }

    @Test
    void aValidRequestStartsAndItsStartFormIsTheDeployedCamundaForm() throws Exception {
        var started = api.post("head-mkt", OPEN, body(employee(AccountTestSupport.newEmployeeId(), "MKT")));
        assertThat(started.getStatusCode()).as(started.getBody()).isEqualTo(HttpStatus.OK);
        var form = api.get("head-mkt", "/engine-rest/process-definition/key/account-opening/deployed-start-form");
        assertThat(form.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(json.readTree(form.getBody()).get("id").asText()).isEqualTo("Form_RequestAccount");
    }

    @Test
    void anEmployeeMayNotApplyForAnAccount() {
        String employeeId = AccountTestSupport.newEmployeeId();
        var response = api.post("emma", OPEN, body(employee(employeeId, "MKT")));
        // the process definition is invisible to her, so Camunda answers as if it did not exist
        assertThat(response.getStatusCode()).isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
        assertThat(accounts.list(employeeId, null)).isEmpty();
    }

    @Test
    void aChangeNeedsAnActiveAccountOfTheHeadsOwnDepartmentAndTheFieldsOfItsType() throws Exception {
        String employeeId = AccountTestSupport.newEmployeeId();
        activeAccount(employeeId, "MKT");
        assertRefused(api.post("head-mkt", CHANGE, body(change(AccountTestSupport.newEmployeeId(), "RESIGNATION"))),
                "employeeId", "no-active-account");
        assertRefused(api.post("head-rnd", CHANGE, body(change(employeeId, "RESIGNATION"))), "employeeId", "not-your-department");
        assertRefused(api.post("head-mkt", CHANGE, body(change(employeeId, "TRANSFER"))), "newDepartment", "required");
        var toUnknown = change(employeeId, "TRANSFER");
        toUnknown.put("newDepartment", var("XYZ", "String"));
        assertRefused(api.post("head-mkt", CHANGE, body(toUnknown)), "newDepartment", "unknown-department");
        assertRefused(api.post("head-mkt", CHANGE, body(change(employeeId, "ROLE_CHANGE"))), "newRole", "required");
        assertRefused(api.post("head-mkt", CHANGE, body(change(employeeId, "PROMOTION"))), "changeType", "one-of");
    }

    @Test
    void accountsAreListedForItAndTheAdministratorOnly() throws Exception {
        String employeeId = AccountTestSupport.newEmployeeId();
        activeAccount(employeeId, "MKT");

        var forIt = api.get("ivan", "/api/accounts?employeeId=" + employeeId);
        assertThat(forIt.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode list = json.readTree(forIt.getBody());
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("state").asText()).isEqualTo("ACTIVE");
        assertThat(list.get(0).get("permissions").toString()).contains("group:dept-MKT");
        assertThat(api.get("admin", "/api/accounts?state=ACTIVE").getBody()).contains(employeeId);

        assertThat(api.get("emma", "/api/accounts").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(api.get("head-mkt", "/api/accounts").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(api.anonymousGet("/api/accounts").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertRefused(api.get("ivan", "/api/accounts?state=GONE"), "state", "one-of");
    }

    private void activeAccount(String employeeId, String department) {
        Account requested = accounts.request(employeeId, "赵六", department, AccountType.EMPLOYEE, null, List.of(), "head-mkt", null);
        accounts.activate(requested.getId(), false, "ReviewByIt:ivan", "ivan", null);
    }

    private void assertRefused(ResponseEntity<String> response, String field, String rule) throws Exception {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        JsonNode body = json.readTree(response.getBody());
        assertThat(body.get("type").asText()).isEqualTo("InvalidVariables");
        var errors = new HashMap<String, String>();
        body.get("errors").forEach(e -> errors.put(e.get("field").asText(), e.get("rule").asText()));
        assertThat(errors).as(response.getBody()).containsEntry(field, rule);
    }

    private static Map<String, Object> body(Map<String, Object> variables) {
        return Map.of("variables", variables);
    }

    private static Map<String, Object> employee(String employeeId, String department) {
        var variables = new HashMap<String, Object>();
        variables.put("employeeId", var(employeeId, "String"));
        variables.put("fullName", var("张三", "String"));
        variables.put("department", var(department, "String"));
        variables.put("accountType", var("EMPLOYEE", "String"));
        return variables;
    }

    private static Map<String, Object> intern(String employeeId) {
        var variables = employee(employeeId, "RND");
        variables.put("accountType", var("INTERN", "String"));
        variables.put("endDate", var(today().plusDays(60).toString(), "String"));
        variables.put("extraPermissions", var("[\"files:write\"]", "Json"));
        return variables;
    }

    private static Map<String, Object> change(String employeeId, String changeType) {
        var variables = new HashMap<String, Object>();
        variables.put("employeeId", var(employeeId, "String"));
        variables.put("changeType", var(changeType, "String"));
        variables.put("effectiveDate", var(today().toString(), "String"));
        return variables;
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneId.of("Asia/Shanghai"));
    }
}
