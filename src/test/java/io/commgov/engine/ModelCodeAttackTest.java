package io.commgov.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.commgov.support.Api;
import io.commgov.support.CommGovIntegrationTest;
import io.commgov.support.ModelChangeApprovals;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

/**
 * Issue 19, finding 1: deploying a model is not running code. A process owner (peter) deploys, as Camunda Modeler
 * does, a model that would run code with the engine's powers; each is refused with 400 naming the element and the rule,
 * nothing is deployed, and peter does not become platform admin. The allow-listed constructs the shipped models use
 * still deploy and run; and the engine's expressions reach only the allow-listed beans whatever was deployed.
 */
@CommGovIntegrationTest
class ModelCodeAttackTest {

    private static final String MODELS = "io/commgov/engine/model-code/";

    @Autowired TestRestTemplate rest;
    @Autowired RepositoryService repositoryService;
    @Autowired RuntimeService runtimeService;
    @Autowired IdentityService identityService;
    @Autowired ProcessEngineConfigurationImpl configuration;
    @Autowired ApplicationContext context;

    record Refused(String file, String rule, String element) {
        @Override
        public String toString() {
            return file + " → " + rule + " on " + element;
        }
    }

    static Stream<Refused> refusedModels() throws IOException {
        List<Refused> refused = new ObjectMapper().readValue(new ClassPathResource(MODELS + "refused.json").getInputStream(),
                new TypeReference<>() { });
        return refused.stream();
    }

    @Test
    void aProcessOwnersTimerModelThatMakesThemAdminIsRefusedAndNothingRuns() {
        long deployments = repositoryService.createDeploymentQuery().count();
        var response = deployAs("peter", new ClassPathResource(MODELS + "admin-by-expression.bpmn"));
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody()).contains("Rule model-code-expression").contains("Task_MakePeterAdmin");
        assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(deployments);
        assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("admin-by-expression").count()).isZero();
        assertThat(configuration.getManagementService().createJobQuery().processDefinitionKey("admin-by-expression").count())
                .isZero();
        assertThat(identityService.createUserQuery().memberOfGroup("camunda-admin").userId("peter").count()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedModels")
    void eachForbiddenConstructIsRefusedNamingTheElementAndTheRule(Refused refused) {
        long deployments = repositoryService.createDeploymentQuery().count();
        var response = deployAs("peter", new ClassPathResource(MODELS + refused.file()));
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody()).contains("Rule " + refused.rule() + ":").contains("'" + refused.element() + "'");
        assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(deployments);
        String key = refused.file().substring(0, refused.file().indexOf('.'));
        assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey(key).count()).isZero();
        assertThat(identityService.createUserQuery().memberOfGroup("camunda-admin").userId("peter").count()).isZero();
    }

    @Test
    void aDecisionInJuelOrAScriptLanguageIsRefused() {
        long deployments = repositoryService.createDeploymentQuery().count();
        for (String[] decision : new String[][] {{"decision-juel.dmn", "Decision_MakesPeterAdmin", "juel"},
                {"decision-script.dmn", "Decision_RunsGroovy", "groovy"}}) {
            var response = deployAs("peter", new ClassPathResource(MODELS + decision[0]));
            assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(response.getBody()).contains("Rule model-code-decision-language:").contains("'" + decision[1] + "'")
                    .contains(decision[2]);
            assertThat(repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey(decision[1]).count()).isZero();
        }
        assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(deployments);
    }

    @Test
    void aDeploymentCarryingScriptsOrPagesBesideAValidModelIsRefusedWhole() throws IOException {
        long deployments = repositoryService.createDeploymentQuery().count();
        byte[] valid = new ClassPathResource(MODELS + "allowed-model-code.bpmn").getContentAsByteArray();
        for (String file : List.of("admin.js", "review.html", "admin.groovy", "case.cmmn", "payload.jar")) {
            var response = deployAs("peter", named("allowed-model-code.bpmn", valid),
                    named(file, "execution.getProcessEngineServices()".getBytes()));
            assertThat(response.getStatusCode()).as(file + ": " + response.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(response.getBody()).contains("Rule model-code-resource-type:").contains("'" + file + "'");
        }
        assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(deployments);
    }

    @Test
    void theConstructsShippedModelsUseStillDeployAndRun() {
        var response = deployAs("peter", new ClassPathResource(MODELS + "allowed-model-code.bpmn"));
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        ModelChangeApprovals.approve(rest, runtimeService, configuration.getTaskService(), response);

        ProcessInstance instance = runtimeService.startProcessInstanceByKey("allowed-model-code", Map.of(
                "title", "季度报告", "findings", SpinValues.jsonValue("[{\"subject\":\"审计\"}]").create()));
        var task = configuration.getTaskService().createTaskQuery().processInstanceId(instance.getId()).singleResult();
        assertThat(task.getName()).isEqualTo("季度报告");
        assertThat(task.getDueDate()).isNotNull();
        assertThat(runtimeService.getVariable(instance.getId(), "collected")).isEqualTo(true);
        assertThat(runtimeService.getVariableLocal(task.getExecutionId(), "firstSubject")).isEqualTo("审计");
        runtimeService.deleteProcessInstance(instance.getId(), "test done");
    }

    @Test
    void evenAModelThatSlippedPastTheRulesReachesOnlyTheAllowListedBeansAndNoReflection() {
        var response = deployAs("peter", new ClassPathResource(MODELS + "allowed-model-code.bpmn"));
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        ModelChangeApprovals.approve(rest, runtimeService, configuration.getTaskService(), response);
        ProcessInstance instance = runtimeService.startProcessInstanceByKey("allowed-model-code",
                Map.of("title", "x", "findings", SpinValues.jsonValue("[{\"subject\":\"x\"}]").create()));
        try {
            // what an old deployment's expression would do at run time, in the instance's scope
            assertThat(evaluate(instance, "${sla != null}")).isEqualTo(true);
            assertThat(evaluate(instance, "${title}")).isEqualTo("x");
            for (String expression : List.of("${processEngine}", "${identityService}", "${auditLedger}",
                    "${processEngine.identityService.createMembership('peter', 'camunda-admin')}",
                    "${title.getClass().forName('java.lang.Runtime')}", "${title.class}")) {
                assertThatThrownBy(() -> evaluate(instance, expression)).as(expression)
                        .isInstanceOf(ProcessEngineException.class);
            }
            assertThat(identityService.createUserQuery().memberOfGroup("camunda-admin").userId("peter").count()).isZero();
        } finally {
            runtimeService.deleteProcessInstance(instance.getId(), "test done");
        }
    }

    @Test
    void theAllowListNamesCommGovBeansAndEveryCommGovDelegateIsOnIt() {
        ModelCode allowed = ModelCode.shipped();
        for (String bean : allowed.allBeanNames()) {
            assertThat(context.containsBean(bean)).as(bean + " is a bean").isTrue();
            assertThat(context.getType(bean).getName()).as(bean).startsWith("io.commgov.");
        }
        for (String delegate : allowed.delegates()) {
            Object bean = context.getBean(delegate);
            assertThat(bean instanceof JavaDelegate || bean instanceof TaskListener || bean instanceof ExecutionListener)
                    .as(delegate + " is a delegate or listener").isTrue();
        }
        for (String name : context.getBeanNamesForType(JavaDelegate.class)) {
            if (context.getType(name).getName().startsWith("io.commgov.")) {
                assertThat(allowed.delegates()).as("delegate bean " + name + " is on the allow-list").contains(name);
            }
        }
    }

    @Test
    void modelsMayWriteNoneOfTheVariablesTheEngineKeepsReadOnly() {
        assertThat(ModelCode.shipped().protectedVariables()).as("model-code.json protectedVariables")
                .containsExactlyInAnyOrderElementsOf(io.commgov.validation.ProtectedVariables.NAMES);
    }

    private Object evaluate(ProcessInstance instance, String expression) {
        return configuration.getCommandExecutorTxRequired().execute(commandContext -> {
            ExecutionEntity execution = commandContext.getExecutionManager().findExecutionById(instance.getId());
            return configuration.getExpressionManager().createExpression(expression).getValue(execution);
        });
    }

    private static Resource named(String name, byte[] content) {
        return new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return name;
            }
        };
    }

    private ResponseEntity<String> deployAs(String user, Resource... files) {
        var form = new LinkedMultiValueMap<String, Object>();
        form.add("deployment-name", "model-code-" + files[0].getFilename());
        form.add("deployment-source", "Camunda Modeler");
        form.add("deploy-changed-only", "true");
        for (Resource file : files) {
            form.add(file.getFilename(), file);
        }
        var headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return rest.withBasicAuth(user, Api.passwordOf(user))
                .postForEntity("/engine-rest/deployment/create", new HttpEntity<>(form, headers), String.class);
    }
}
