package io.commgov.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.commgov.support.CommGovIntegrationTest;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Camunda Modeler element templates under {@code processes/.camunda/element-templates/} set exactly what
 * {@link SlaParseListener} reads, and a model made from them keeps its SLA record like {@code sla-demo} does.
 */
@CommGovIntegrationTest
class SlaElementTemplatesTest {

    private static final Path TEMPLATES = Path.of("processes/.camunda/element-templates");
    private static final String SCHEMA = "https://unpkg.com/@camunda/element-templates-json-schema/resources/schema.json";

    @Autowired ObjectMapper json;
    @Autowired Calendars calendars;
    @Autowired RepositoryService repositoryService;
    @Autowired RuntimeService runtimeService;
    @Autowired ManagementService managementService;
    @Autowired SlaRecords records;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void theTaskTemplateSetsTheSlaPropertiesTheEngineReads() throws Exception {
        JsonNode task = template("commgov-sla-task.json");
        assertThat(task.get("$schema").asText()).isEqualTo(SCHEMA);
        assertThat(texts(task.get("appliesTo"))).containsExactly("bpmn:UserTask");
        assertThat(task.get("entriesVisible").asBoolean()).as("the task's form, assignee … stay editable").isTrue();
        assertThat(bound(task, "camunda:property").keySet()).containsExactlyInAnyOrderElementsOf(SlaParseListener.TASK_PROPERTIES);

        JsonNode calendar = bound(task, "camunda:property").get(SlaParseListener.CALENDAR);
        assertThat(calendar.get("type").asText()).isEqualTo("Dropdown");
        List<String> choices = StreamSupport.stream(calendar.get("choices").spliterator(), false).map(c -> c.get("value").asText()).toList();
        assertThat(choices).containsExactlyInAnyOrder("24x7", "workdays").contains(calendar.get("value").asText());
        choices.forEach(name -> assertThat(calendars.calendar(name).name()).isEqualTo(name));

        JsonNode duration = bound(task, "camunda:property").get(SlaParseListener.DURATION);
        Pattern durations = Pattern.compile(duration.at("/constraints/pattern/value").asText());
        assertThat(durations.matcher(duration.get("value").asText()).matches()).isTrue();
        for (String sample : List.of("PT30M", "PT2H", "P1D", "P2D", "P1DT4H", "P1W", "PT90S", "P", "PT", "P1DT", "P1H", "1D", "P-1D", "PT2H30")) {
            assertThat(durations.matcher(sample).matches()).as(sample).isEqualTo(parses(sample));
        }

        JsonNode warning = bound(task, "camunda:property").get(SlaParseListener.WARNING);
        Pattern fractions = Pattern.compile(warning.at("/constraints/pattern/value").asText());
        assertThat(SlaParseListener.fraction("Task_X", warning.get("value").asText())).isEqualTo(0.8);
        for (String sample : List.of("0.8", ".5", "0.95", "0.05", "0", "0.0", "1", "1.0", "80%", "x", "-0.2")) {
            assertThat(fractions.matcher(sample).matches()).as(sample).isEqualTo(fraction(sample));
        }
    }

    @Test
    void theTimerTemplatesAreNonInterruptingAndNameTheDateTheEngineChecks() throws Exception {
        var kinds = new HashMap<String, String>();
        for (String file : List.of("commgov-sla-warning-timer.json", "commgov-sla-breach-timer.json")) {
            JsonNode timer = template(file);
            assertThat(timer.get("$schema").asText()).isEqualTo(SCHEMA);
            assertThat(texts(timer.get("appliesTo"))).containsExactly("bpmn:BoundaryEvent");
            assertThat(bound(timer, "property").get("cancelActivity").get("value").asBoolean(true)).isFalse();
            String kind = bound(timer, "camunda:property").get(SlaParseListener.TIMER_PROPERTY).get("value").asText();
            assertThat(SlaParseListener.TIMER_DATES).containsKey(kind);
            assertThat(timer.get("description").asText()).as(file + " tells the date to set").contains(SlaParseListener.TIMER_DATES.get(kind));
            kinds.put(kind, file);
        }
        assertThat(kinds.keySet()).containsExactlyInAnyOrderElementsOf(SlaParseListener.TIMER_DATES.keySet());
    }

    @Test
    void aModelMadeFromTheTemplatesWarnsAndBreachesOnWorkingTime() throws Exception {
        String key = "sla-template-" + UUID.randomUUID().toString().substring(0, 8);
        repositoryService.createDeployment().name("test-" + key)
                .addString(key + ".bpmn", modelFromTemplates(key, SlaParseListener.TIMER_DATES.get("warning"))).deploy();
        ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse("2026-11-20T17:00:00+08:00").toInstant()));
        String pi = runtimeService.startProcessInstanceByKey(key, withVariables("subject", "x")).getId();

        SlaRecord started = records.ofProcessInstance(pi).get(0);
        assertThat(started.name()).isEqualTo("template-check");
        assertThat(started.calendar()).isEqualTo("workdays");
        assertThat(started.duration()).isEqualTo("P1D");
        assertThat(started.dueAt()).isEqualTo(OffsetDateTime.parse("2026-11-23T17:00:00+08:00").toInstant());
        assertThat(started.warningAt()).isEqualTo(OffsetDateTime.parse("2026-11-23T15:12:00+08:00").toInstant());

        ClockUtil.setCurrentTime(Date.from(started.warningAt()));
        managementService.executeJob(job(pi, "Timer_TemplateSlaWarning"));
        assertThat(records.ofProcessInstance(pi).get(0).warnedAt()).isEqualTo(started.warningAt());
        ClockUtil.setCurrentTime(Date.from(started.dueAt()));
        managementService.executeJob(job(pi, "Timer_TemplateSla"));
        assertThat(records.ofProcessInstance(pi).get(0).state()).isEqualTo(SlaRecord.State.BREACHED);
    }

    @Test
    void aTemplateTimerWithoutItsDateIsRefusedAtDeployment() throws Exception {
        String key = "sla-template-" + UUID.randomUUID().toString().substring(0, 8);
        assertThatThrownBy(() -> repositoryService.createDeployment().name("test-" + key)
                .addString(key + ".bpmn", modelFromTemplates(key, "${sla.due('workdays','PT7H')}")).deploy())
                .hasMessageContaining("Timer_TemplateSlaWarning").hasMessageContaining(SlaParseListener.TIMER_DATES.get("warning"));
        assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey(key).count()).isZero();
    }

    /** A task and its two timers as Modeler writes them when the templates are applied (defaults kept, a name given). */
    private String modelFromTemplates(String key, String warningDate) throws Exception {
        var taskProperties = new StringBuilder();
        bound(template("commgov-sla-task.json"), "camunda:property").forEach((name, property) -> taskProperties.append(
                "<camunda:property name=\"%s\" value=\"%s\"/>".formatted(name,
                        property.has("value") ? property.get("value").asText() : "template-check")));
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                                  id="Definitions_TemplateCheck" targetNamespace="http://commgov.io/test">
                  <bpmn:process id="%1$s" isExecutable="true" camunda:historyTimeToLive="P180D">
                    <bpmn:startEvent id="StartEvent_Requested"/>
                    <bpmn:sequenceFlow id="Flow_ToHandle" sourceRef="StartEvent_Requested" targetRef="Task_Handle"/>
                    <bpmn:userTask id="Task_Handle" camunda:candidateGroups="it" camunda:formRef="Form_Demo" camunda:formRefBinding="latest"
                                   camunda:modelerTemplate="io.commgov.sla.task">
                      <bpmn:extensionElements><camunda:properties>%2$s</camunda:properties></bpmn:extensionElements>
                    </bpmn:userTask>
                    <bpmn:sequenceFlow id="Flow_ToHandled" sourceRef="Task_Handle" targetRef="EndEvent_Handled"/>
                    <bpmn:endEvent id="EndEvent_Handled"/>
                    %3$s
                    %4$s
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(key, taskProperties, timer("commgov-sla-warning-timer.json", "Timer_TemplateSlaWarning", warningDate),
                timer("commgov-sla-breach-timer.json", "Timer_TemplateSla", SlaParseListener.TIMER_DATES.get("breach")));
    }

    private String timer(String file, String id, String date) throws Exception {
        JsonNode template = template(file);
        var attributes = new StringBuilder();
        bound(template, "property").forEach((name, property) -> attributes.append(" %s=\"%s\"".formatted(name, property.get("value").asText())));
        var properties = new StringBuilder();
        bound(template, "camunda:property").forEach((name, property) ->
                properties.append("<camunda:property name=\"%s\" value=\"%s\"/>".formatted(name, property.get("value").asText())));
        return """
                <bpmn:boundaryEvent id="%1$s" attachedToRef="Task_Handle"%2$s camunda:modelerTemplate="%3$s">
                  <bpmn:extensionElements><camunda:properties>%4$s</camunda:properties></bpmn:extensionElements>
                  <bpmn:timerEventDefinition id="TimerEventDefinition_%6$s"><bpmn:timeDate>%5$s</bpmn:timeDate></bpmn:timerEventDefinition>
                </bpmn:boundaryEvent>
                """.formatted(id, attributes, template.get("id").asText(), properties, date, id.substring(id.indexOf('_') + 1));
    }

    private String job(String processInstanceId, String activityId) {
        return managementService.createJobQuery().processInstanceId(processInstanceId).activityId(activityId).singleResult().getId();
    }

    private JsonNode template(String file) throws Exception {
        return json.readTree(Files.readString(TEMPLATES.resolve(file)));
    }

    /** The template's properties of one binding type, by binding name. */
    private static Map<String, JsonNode> bound(JsonNode template, String bindingType) {
        var byName = new java.util.LinkedHashMap<String, JsonNode>();
        template.get("properties").forEach(p -> {
            if (bindingType.equals(p.at("/binding/type").asText())) {
                byName.put(p.at("/binding/name").asText(), p);
            }
        });
        return byName;
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static boolean parses(String duration) {
        try {
            WorkingDuration.parse(duration);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean fraction(String warning) {
        try {
            SlaParseListener.fraction("Task_X", warning);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
