package io.commgov.securityaudit;

import static io.commgov.support.Api.var;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.commgov.support.Api;
import io.commgov.support.CommGovIntegrationTest;
import io.commgov.support.EmployeeIds;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;

/** Issue 19, finding 3: the quarterly audit lists every running request the platform operator modified or cancelled, with the reason. */
@CommGovIntegrationTest
class InstanceInterventionsCheckTest {

    @Autowired TestRestTemplate rest;
    @Autowired ObjectMapper json;
    @Autowired InstanceInterventionsCheck check;

    @Test
    void theOperatorsModificationsAndCancellationsAreListedWithTheirReason() throws Exception {
        var api = new Api(rest);
        Instant before = Instant.now().minusSeconds(5);
        var started = api.post("head-mkt", "/engine-rest/process-definition/key/account-opening/start", Map.of("variables", Map.of(
                "employeeId", var(EmployeeIds.newEmployeeId(), "String"), "fullName", var("张三", "String"),
                "department", var("MKT", "String"), "accountType", var("EMPLOYEE", "String"))));
        String pi = json.readTree(started.getBody()).get("id").asText();
        assertThat(api.post("admin", "/engine-rest/process-instance/" + pi + "/modification", Map.of("annotation", "工单 OPS-18",
                "instructions", List.of(Map.of("type", "startBeforeActivity", "activityId", "Task_ReviewByIt")))).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(api.delete("admin", "/engine-rest/process-instance/" + pi).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

        var findings = check.run(new AuditPeriod(before, Instant.now().plus(Duration.ofSeconds(5)))).stream()
                .filter(f -> f.evidence().contains(pi)).toList();
        assertThat(findings).hasSize(2).allSatisfy(f -> {
            assertThat(f.check()).isEqualTo("operator-instance-interventions");
            assertThat(f.subject()).isEqualTo("admin");
            assertThat(f.evidence()).contains("the platform operator admin");
        });
        assertThat(findings).anySatisfy(f -> assertThat(f.evidence()).contains("ModifyProcessInstance").contains("reason: 工单 OPS-18"));
        assertThat(findings).anySatisfy(f -> assertThat(f.evidence()).contains("Delete").contains("reason: no reason given"));
    }
}
