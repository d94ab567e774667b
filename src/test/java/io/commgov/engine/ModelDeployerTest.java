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
        var folder = new TestFolder();
        String key = folder.key("demo");
        folder.write("processes/demo/deployer-demo.bpmn", minimalModel(key, "First", ""));
        folder.write("forms/demo/ReviewDemo.form", form("Form_ReviewDemo" + folder.suffix, "first"));

        assertThat(folder.deployer().deployAll()).isEqualTo(2);
        assertThat(folder.deployer().deployAll()).as("second start, nothing changed").isZero();
        assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey(key).count()).isOne();
        assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey(key).singleResult().getResourceName())
                .isEqualTo(folder.root + "/processes/demo/deployer-demo.bpmn");

        folder.write("processes/demo/deployer-demo.bpmn", minimalModel(key, "Second", ""));
        assertThat(folder.deployer().deployAll()).isEqualTo(1);
        assertThat(version(key)).isEqualTo(2);
    }

    @Test
    void onlyTheChangedModelOfAFolderGetsANewVersionAndAChangedFormRedeploysTheModelsBindingIt() throws Exception {
        var folder = new TestFolder();
        String opening = folder.key("opening");
        String change = folder.key("change");
        String formId = "Form_Review" + folder.suffix;
        String decisionId = "Decision_Route" + folder.suffix;
        folder.write("processes/accounts/opening.bpmn", minimalModel(opening, "Opening", userTask(formId)));
        folder.write("processes/accounts/change.bpmn", minimalModel(change, "Change", ""));
        folder.write("processes/accounts/route.dmn", decision(decisionId, "A"));
        folder.write("forms/accounts/Review.form", form(formId, "first"));
        folder.write("forms/accounts/Unused.form", form("Form_Unused" + folder.suffix, "first"));

        assertThat(folder.deployer().deployAll()).as("two models, the decision, the unbound form").isEqualTo(4);
        var first = repositoryService.createProcessDefinitionQuery().processDefinitionKey(opening).singleResult();
        assertThat(repositoryService.getDeploymentResourceNames(first.getDeploymentId())).containsExactlyInAnyOrder(
                folder.root + "/processes/accounts/opening.bpmn", folder.root + "/forms/accounts/Review.form");
        assertThat(repositoryService.getDeploymentResourceNames(
                repositoryService.createProcessDefinitionQuery().processDefinitionKey(change).singleResult().getDeploymentId()))
                .containsExactly(folder.root + "/processes/accounts/change.bpmn");

        assertThat(folder.deployer().deployAll()).as("restart, nothing changed").isZero();

        folder.write("processes/accounts/opening.bpmn", minimalModel(opening, "Opening, second", userTask(formId)));
        assertThat(folder.deployer().deployAll()).isEqualTo(1);
        assertThat(version(opening)).isEqualTo(2);
        assertThat(version(change)).as("the unchanged model beside it").isEqualTo(1);
        assertThat(decisionVersion(decisionId)).isEqualTo(1);
        var second = repositoryService.createProcessDefinitionQuery().processDefinitionKey(opening).latestVersion().singleResult();
        assertThat(repositoryService.getDeploymentResourceNames(second.getDeploymentId()))
                .as("formRefBinding=deployment finds the form in the model's deployment")
                .contains(folder.root + "/forms/accounts/Review.form");

        folder.write("forms/accounts/Review.form", form(formId, "second"));
        assertThat(folder.deployer().deployAll()).isEqualTo(1);
        assertThat(version(opening)).as("the model binding the changed form").isEqualTo(3);
        assertThat(version(change)).isEqualTo(1);

        folder.write("processes/accounts/route.dmn", decision(decisionId, "B"));
        assertThat(folder.deployer().deployAll()).isEqualTo(1);
        assertThat(decisionVersion(decisionId)).isEqualTo(2);
        assertThat(version(opening)).isEqualTo(3);
        assertThat(version(change)).isEqualTo(1);
        assertThat(folder.deployer().deployAll()).isZero();
    }

    @Test
    void theShippedModelsAreDeployedOneByOneUnderTheirPathWithTheFormsTheyBind() {
        var fault = repositoryService.createProcessDefinitionQuery().processDefinitionKey("fault-escalation").latestVersion().singleResult();
        assertThat(fault.getResourceName()).isEqualTo("processes/faults/fault-escalation.bpmn");
        assertThat(repositoryService.getDeploymentResourceNames(fault.getDeploymentId()))
                .contains("processes/faults/fault-escalation.bpmn", "forms/faults/ReportFault.form")
                .allMatch(name -> name.equals("processes/faults/fault-escalation.bpmn") || name.startsWith("forms/"));
        var opening = repositoryService.createProcessDefinitionQuery().processDefinitionKey("account-opening").latestVersion().singleResult();
        var change = repositoryService.createProcessDefinitionQuery().processDefinitionKey("role-change").latestVersion().singleResult();
        assertThat(opening.getDeploymentId()).isNotEqualTo(change.getDeploymentId());
        var review = repositoryService.createProcessDefinitionQuery().processDefinitionKey("announcement-review").latestVersion().singleResult();
        assertThat(repositoryService.getDeploymentResourceNames(review.getDeploymentId()))
                .as("decisionRefBinding=deployment").contains("processes/announcements/announcement-review-route.dmn");
        assertThat(repositoryService.createDeploymentQuery().deploymentSource(ModelDeployer.SOURCE).list())
                .flatMap(d -> repositoryService.getDeploymentResourceNames(d.getId()))
                .as("Modeler's element templates under processes/.camunda are not deployed")
                .allMatch(name -> name.matches(".*\\.(bpmn|dmn|form)") && !name.contains("/."));
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

    private int version(String key) {
        return repositoryService.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion().singleResult().getVersion();
    }

    private int decisionVersion(String key) {
        return repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey(key).latestVersion().singleResult().getVersion();
    }

    /** A folder of its own under the test classpath, with processes/ and forms/ below it. */
    private final class TestFolder {
        final String suffix = UUID.randomUUID().toString().substring(0, 8);
        final String root = "deployer-" + suffix;
        private final Path base;

        TestFolder() throws Exception {
            base = Path.of(ModelDeployerTest.class.getResource("/").toURI()).resolve(root);
        }

        String key(String name) {
            return "deployer-" + name + "-" + suffix;
        }

        void write(String path, String content) throws Exception {
            Path file = base.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        }

        /** A fresh deployer, as on a restart. */
        ModelDeployer deployer() {
            return new ModelDeployer(repositoryService, root + "/processes", root + "/forms");
        }
    }

    private static String userTask(String formId) {
        return """
                <bpmn:userTask id="Task_Review" camunda:candidateGroups="it" camunda:formRef="%s" camunda:formRefBinding="deployment"/>
                """.formatted(formId);
    }

    private static String form(String id, String label) {
        return """
                {"id":"%s","type":"default","schemaVersion":16,"components":[{"type":"text","text":"%s"}]}
                """.formatted(id, label);
    }

    private static String decision(String id, String output) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:camunda="http://camunda.org/schema/1.0/dmn"
                             id="Definitions_%1$s" name="Route" namespace="http://commgov.io/test">
                  <decision id="%1$s" name="Route" camunda:historyTimeToLive="180">
                    <decisionTable id="DecisionTable_Route">
                      <input id="Input_Kind"><inputExpression id="InputExpression_Kind" typeRef="string"><text>kind</text></inputExpression></input>
                      <output id="Output_Route" name="route" typeRef="string"/>
                      <rule id="Rule_Any"><inputEntry id="InputEntry_Any"><text></text></inputEntry><outputEntry id="OutputEntry_Any"><text>"%2$s"</text></outputEntry></rule>
                    </decisionTable>
                  </decision>
                </definitions>
                """.formatted(id, output);
    }

    private static String minimalModel(String key, String name, String task) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                                  id="Definitions_Demo" targetNamespace="http://commgov.io/test">
                  <bpmn:process id="%s" name="%s" isExecutable="true" camunda:historyTimeToLive="180">
                    <bpmn:startEvent id="StartEvent_Started"/>
                    %s
                    <bpmn:endEvent id="EndEvent_Done"/>
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(key, name, task);
    }
}
