package io.commgov.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import io.commgov.support.CommGovIntegrationTest;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Models are deployed from processes/ and forms/ under stable names, and only when they changed. */
@CommGovIntegrationTest
class ModelDeployerTest {

    @Autowired RepositoryService repositoryService;

    @Test
    void anUnchangedModelIsNotDeployedAgainAndAChangedOneBecomesANewVersion() throws Exception {
        String root = "deployer-" + UUID.randomUUID().toString().substring(0, 8);
        Path classes = Path.of(getClass().getResource("/").toURI());
        Path model = classes.resolve(root + "/processes/demo/deployer-demo.bpmn");
        Files.createDirectories(model.getParent());
        String key = "deployer-demo-" + root.substring(9);
        Files.writeString(model, minimalModel(key, "First"));
        Path form = classes.resolve(root + "/forms/demo/ReviewDemo.form");
        Files.createDirectories(form.getParent());
        Files.writeString(form, "{\"id\":\"Form_ReviewDemo\",\"type\":\"default\",\"components\":[],\"schemaVersion\":16}");

        var deployer = new ModelDeployer(repositoryService, root + "/processes", root + "/forms");
        assertThat(deployer.deployAll()).isEqualTo(1);
        assertThat(deployer.deployAll()).as("second start, nothing changed").isZero();
        assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey(key).count()).isOne();

        var definition = repositoryService.createProcessDefinitionQuery().processDefinitionKey(key).singleResult();
        assertThat(definition.getResourceName()).isEqualTo(root + "/processes/demo/deployer-demo.bpmn");
        assertThat(repositoryService.getDeploymentResourceNames(definition.getDeploymentId()))
                .contains(root + "/forms/demo/ReviewDemo.form");

        Files.writeString(model, minimalModel(key, "Second"));
        assertThat(deployer.deployAll()).isEqualTo(1);
        assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion().singleResult().getVersion())
                .isEqualTo(2);
    }

    @Test
    void anEmptyModelFolderDeploysNothing() {
        var deployer = new ModelDeployer(repositoryService, "no-such-folder/processes", "no-such-folder/forms");
        assertThat(deployer.deployAll()).isZero();
    }

    @Test
    void resourceNamesAreTheSameFromClassesFolderAndFromTheJar() {
        assertThat(ModelDeployer.stableName("processes", "file:/work/app/target/classes/processes/faults/fault-escalation.bpmn"))
                .isEqualTo("processes/faults/fault-escalation.bpmn");
        assertThat(ModelDeployer.stableName("processes",
                "jar:nested:/opt/commgov.jar/!BOOT-INF/classes/!/processes/faults/fault-escalation.bpmn"))
                .isEqualTo("processes/faults/fault-escalation.bpmn");
        assertThat(ModelDeployer.stableName("processes", "jar:file:/opt/commgov.jar!/BOOT-INF/classes!/processes/processes/x.bpmn"))
                .isEqualTo("processes/processes/x.bpmn");
    }

    private static String minimalModel(String key, String name) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                                  id="Definitions_Demo" targetNamespace="http://commgov.io/test">
                  <bpmn:process id="%s" name="%s" isExecutable="true" camunda:historyTimeToLive="180">
                    <bpmn:startEvent id="StartEvent_Started"/>
                    <bpmn:sequenceFlow id="Flow_ToEnd" sourceRef="StartEvent_Started" targetRef="EndEvent_Done"/>
                    <bpmn:endEvent id="EndEvent_Done"/>
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(key, name);
    }
}
