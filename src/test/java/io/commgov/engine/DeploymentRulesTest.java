package io.commgov.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.commgov.support.Api;
import io.commgov.support.CommGovIntegrationTest;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

/** A model that breaks a deployment rule is refused whole, by the engine API and by REST as Modeler uses it. */
@CommGovIntegrationTest
class DeploymentRulesTest {

    @Autowired RepositoryService repositoryService;
    @Autowired TestRestTemplate rest;

    @Test
    void historyKeptLessThan180DaysIsRefusedNamingTheRule() {
        assertThatThrownBy(() -> repositoryService.createDeployment()
                .addClasspathResource("io/commgov/engine/short-retention.bpmn").deploy())
                .isInstanceOf(ParseException.class)
                .hasMessageContaining("retention-minimum")
                .hasMessageContaining("30 days")
                .hasMessageContaining("at least 180 days");
        assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("short-retention").count()).isZero();
    }

    @Test
    void aUserTaskWithoutAFormIsRefused() {
        assertThatThrownBy(() -> repositoryService.createDeployment()
                .addClasspathResource("io/commgov/engine/task-without-form.bpmn").deploy())
                .isInstanceOf(ParseException.class)
                .hasMessageContaining("user-task-form")
                .hasMessageContaining("Task_DoSomething");
    }

    @Test
    void aProcessOwnerDeployingFromModelerGets400NamingTheRule() {
        var response = deployAs("peter", "io/commgov/engine/short-retention.bpmn");
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody()).contains("retention-minimum");
    }

    @Test
    void aProcessOwnerMayDeployAndAnEmployeeMayNot() {
        assertThat(deployAs("peter", "io/commgov/validation/contract-demo.bpmn").getStatusCode()).isEqualTo(HttpStatus.OK);
        var refused = deployAs("emma", "io/commgov/validation/contract-demo.bpmn");
        assertThat(refused.getStatusCode()).as(refused.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    private ResponseEntity<String> deployAs(String user, String resource) {
        var form = new LinkedMultiValueMap<String, Object>();
        form.add("deployment-name", "modeler-" + user);
        form.add("deployment-source", "Camunda Modeler");
        form.add("deploy-changed-only", "true");
        form.add("data", new ClassPathResource(resource));
        var headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return rest.withBasicAuth(user, Api.passwordOf(user))
                .postForEntity("/engine-rest/deployment/create", new HttpEntity<>(form, headers), String.class);
    }
}
