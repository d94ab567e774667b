package io.commgov.audit;

import static io.commgov.support.Api.var;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.commgov.support.Api;
import io.commgov.support.CommGovIntegrationTest;
import io.commgov.support.Models;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The engine, the APIs and the logins feed the trail; only the security officer and the administrator verify it. */
@CommGovIntegrationTest
class AuditTrailTest {

    @Autowired TestRestTemplate rest;
    @Autowired RepositoryService repositoryService;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired IdentityService identityService;
    @Autowired AuthorizationService authorizationService;
    @Autowired PlatformTransactionManager transactionManager;
    @Autowired AuditTrail trail;
    @Autowired AuditSearch search;
    @Autowired ObjectMapper json;
    @LocalServerPort int port;
    Api api;

    @BeforeEach
    void deploy() {
        Models.deploy(repositoryService, "io/commgov/audit/audit-demo.bpmn");
        Models.allowStart(authorizationService, "employee", "audit-demo");
        api = new Api(rest);
    }

    @Test
    void processStartTasksVariablesAndEndAreRecordedWithWhoButWithoutValues() throws Exception {
        var started = api.post("emma", "/engine-rest/process-definition/key/audit-demo/start",
                Map.of("variables", Map.of("note", var("top-secret-value", "String"))));
        assertThat(started.getStatusCode()).as(started.getBody()).isEqualTo(HttpStatus.OK);
        String instance = json.readTree(started.getBody()).get("id").asText();
        String task = taskService.createTaskQuery().processInstanceId(instance).singleResult().getId();
        assertThat(api.post("ivan", "/engine-rest/task/" + task + "/claim", Map.of("userId", "ivan")).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(api.post("ivan", "/engine-rest/task/" + task + "/complete", Map.of()).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

        List<AuditEntry> ofInstance = entries(null, "process-instance", instance);
        assertThat(ofInstance).anySatisfy(e -> {
            assertThat(e.eventType()).isEqualTo("PROCESS_STARTED");
            assertThat(e.actor()).isEqualTo("emma");
            assertThat(e.details()).contains("processDefinitionKey=audit-demo");
        });
        assertThat(ofInstance).anySatisfy(e -> {
            assertThat(e.eventType()).isEqualTo("VARIABLE_SET");
            assertThat(e.details()).contains("variable=note");
        });
        assertThat(ofInstance).anySatisfy(e -> assertThat(e.eventType()).isEqualTo("PROCESS_ENDED"));
        List<AuditEntry> ofTask = entries(null, "task", task);
        assertThat(ofTask).extracting(AuditEntry::eventType).contains("TASK_CREATED", "TASK_ASSIGNED", "TASK_COMPLETED");
        assertThat(ofTask).filteredOn(e -> e.eventType().equals("TASK_COMPLETED")).extracting(AuditEntry::actor).containsOnly("ivan");
        assertThat(search.find(new AuditSearch.Query(null, null, null, null, null, null), 0, 500).entries())
                .noneSatisfy(e -> assertThat(String.valueOf(e.details())).contains("top-secret-value"));
    }

    @Test
    void anActionThatRollsBackLeavesNoEntry() {
        var transactions = new TransactionTemplate(transactionManager);
        String[] instance = new String[1];
        transactions.executeWithoutResult(status -> {
            instance[0] = runtimeService.startProcessInstanceByKey("audit-demo").getId();
            trail.record(new AuditEvent("emma", "TEST_ROLLED_BACK", "thing", instance[0], Outcome.SUCCESS, null));
            status.setRollbackOnly();
        });
        assertThat(entries(null, "process-instance", instance[0])).isEmpty();
        assertThat(entries(null, "thing", instance[0])).isEmpty();

        transactions.executeWithoutResult(status -> {
            instance[0] = runtimeService.startProcessInstanceByKey("audit-demo").getId();
            trail.record(new AuditEvent("emma", "TEST_COMMITTED", "thing", instance[0], Outcome.SUCCESS, null));
        });
        assertThat(entries(null, "thing", instance[0])).extracting(AuditEntry::eventType).containsExactly("TEST_COMMITTED");
        assertThat(entries(null, "process-instance", instance[0])).extracting(AuditEntry::eventType).contains("PROCESS_STARTED");
    }

    @Test
    void theSecurityOfficerAndTheAdministratorVerifyOthersAreRefused() throws Exception {
        var bySofia = api.get("sofia", "/api/audit/verify");
        assertThat(bySofia.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode report = json.readTree(bySofia.getBody());
        assertThat(report.get("intact").asBoolean()).as(bySofia.getBody()).isTrue();
        assertThat(report.get("entriesChecked").asLong()).isPositive();
        assertThat(report.get("firstBad").isNull()).isTrue();

        assertThat(api.get("admin", "/api/audit/verify").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(api.get("emma", "/api/audit/verify").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(api.get("ivan", "/api/audit/verify").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(api.anonymousGet("/api/audit/verify").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void theSecurityOfficerSearchesByUserObjectAndTimeAPageAtATime() throws Exception {
        for (int i = 0; i < 3; i++) {
            trail.record(new AuditEvent("peter", "TEST_SEARCH", "report", "R-search", Outcome.SUCCESS, "n=" + i));
        }
        var page = api.get("sofia", "/api/audit/entries?actor=peter&objectType=report&objectId=R-search&size=2&page=0"
                + "&from=2000-01-01T00:00:00Z");
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode body = json.readTree(page.getBody());
        assertThat(body.get("total").asLong()).isEqualTo(3);
        assertThat(body.get("entries")).hasSize(2);
        assertThat(body.get("entries").get(0).get("details").asText()).isEqualTo("n=2");
        assertThat(json.readTree(api.get("sofia", "/api/audit/entries?objectId=R-search&size=2&page=1").getBody()).get("entries")).hasSize(1);

        var bad = api.get("sofia", "/api/audit/entries?from=yesterday");
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(bad.getBody()).contains("\"field\":\"from\"").contains("date-time-format");
        assertThat(api.get("admin", "/api/audit/entries").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(api.get("emma", "/api/audit/entries").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void identityChangesFailedLoginsAndRefusalsAreRecorded() {
        String probe = "audit-probe";
        var created = api.post("admin", "/engine-rest/user/create", Map.of(
                "profile", Map.of("id", probe, "firstName", "Audit", "lastName", "Probe", "email", "probe@commgov.example"),
                "credentials", Map.of("password", "probe-pass-1")));
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
        try {
            assertThat(entries("admin", "user", null)).anySatisfy(e -> assertThat(e.eventType()).isEqualTo("IDENTITY_CREATE"));

            assertThat(api.getWithPassword(probe, "probe-pass-1", "/api/audit/verify").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(entries(probe, "endpoint", "GET /api/audit/verify")).anySatisfy(e -> {
                assertThat(e.eventType()).isEqualTo("ACCESS_DENIED");
                assertThat(e.outcome()).isEqualTo(Outcome.DENIED);
            });
            assertThat(api.getWithPassword(probe, "wrong", "/api/audit/verify").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(entries(probe, "user", probe)).anySatisfy(e -> {
                assertThat(e.eventType()).isEqualTo("LOGIN_FAILED");
                assertThat(e.outcome()).isEqualTo(Outcome.FAILURE);
            });
        } finally {
            identityService.deleteUser(probe);
        }
    }

    @Test
    void aWebappLoginIsRecorded() throws Exception {
        var http = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NORMAL).build();
        var cookies = (CookieManager) http.cookieHandler().orElseThrow();
        http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/camunda/app/tasklist/default/")).build(),
                HttpResponse.BodyHandlers.ofString());
        String csrf = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue).findFirst().orElseThrow();
        var login = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/camunda/api/admin/auth/user/default/login/tasklist"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", csrf)
                .POST(HttpRequest.BodyPublishers.ofString("username=sarah&password=demo")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(entries("sarah", "user", "sarah")).anySatisfy(e -> {
            assertThat(e.eventType()).isEqualTo("LOGIN");
            assertThat(e.details()).contains("channel=webapp").contains("tasklist");
        });
    }

    private List<AuditEntry> entries(String actor, String objectType, String objectId) {
        return search.find(new AuditSearch.Query(actor, objectType, objectId, null, null, null), 0, 500).entries();
    }
}
