package io.commgov.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Task names read, in Tasklist, as what to do and about what: every user task of every model under processes/ is
 * named in Chinese, and in the processes a person starts every name carries the request's subject ({@code ${…}}),
 * the process says what that subject is ({@code tasklist.summary}) and lets the requester follow it (filter 我发起的).
 */
class TaskNamesModelTest {

    /** Processes people start from Tasklist or the REST API. */
    static final Set<String> PERSON_STARTED = Set.of("account-opening", "role-change", "client-onboarding",
            "announcement-review", "data-export", "vendor-selection", "fault-escalation", "sla-demo");
    /** Processes that start themselves (timers, messages) or are started by another process. */
    static final Set<String> SYSTEM_STARTED = Set.of("kpi-review", "kpi-improvement", "security-audit", "backup-daily",
            "backup-restore-drill", "calendar-schedule-review", "client-hand-over", "model-change");

    private static final Pattern CJK = Pattern.compile("\\p{IsHan}");
    private static final Pattern SUBJECT = Pattern.compile("\\$\\{[^}]+}");

    private static final Map<String, BpmnModelInstance> MODELS = new TreeMap<>();

    @BeforeAll
    static void readModels() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("processes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".bpmn")).toList()) {
                BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
                for (Process process : model.getModelElementsByType(Process.class)) {
                    MODELS.put(process.getId(), model);
                }
            }
        }
        assertThat(MODELS).as("models under processes/").hasSizeGreaterThanOrEqualTo(PERSON_STARTED.size());
    }

    @Test
    void everyProcessIsEitherStartedByAPersonOrByTheSystem() {
        assertThat(MODELS.keySet()).as("classify a new process here: who starts it decides what its task names need")
                .allMatch(key -> PERSON_STARTED.contains(key) ^ SYSTEM_STARTED.contains(key));
        for (String key : MODELS.keySet()) {
            boolean startForm = MODELS.get(key).getModelElementsByType(StartEvent.class).stream()
                    .filter(start -> !(start.getParentElement() instanceof SubProcess))
                    .anyMatch(start -> start.getEventDefinitions().isEmpty() && start.getCamundaFormRef() != null);
            if (PERSON_STARTED.contains(key)) {
                assertThat(startForm).as(key + " has a start form").isTrue();
            }
        }
    }

    @Test
    void everyUserTaskIsNamedInChinese() {
        List<String> unnamed = new ArrayList<>();
        MODELS.forEach((key, model) -> userTasksOf(key, model).stream()
                .filter(task -> task.getName() == null || !CJK.matcher(task.getName()).find())
                .forEach(task -> unnamed.add(key + "/" + task.getId() + " '" + task.getName() + "'")));
        assertThat(unnamed).as("user tasks without a Chinese name").isEmpty();
    }

    @Test
    void everyUserTaskOfARequestNamesItsSubject() {
        List<String> withoutSubject = new ArrayList<>();
        for (String key : PERSON_STARTED) {
            userTasksOf(key, MODELS.get(key)).stream()
                    .filter(task -> task.getName() == null || !SUBJECT.matcher(task.getName()).find())
                    .forEach(task -> withoutSubject.add(key + "/" + task.getId() + " '" + task.getName() + "'"));
        }
        assertThat(withoutSubject).as("user tasks whose name has no ${…} subject").isEmpty();
    }

    @Test
    void everyRequestHasASummaryAndTheRequesterMayFollowIt() {
        for (String key : PERSON_STARTED) {
            Map<String, String> properties = processProperties(MODELS.get(key), key);
            assertThat(properties.get(RequestDetailsParseListener.SUMMARY_PROPERTY)).as(key + " tasklist.summary")
                    .isNotBlank().containsPattern(SUBJECT);
            assertThat(properties.get(RequestDetailsParseListener.REQUESTER_VIEW_PROPERTY)).as(key + " tasklist.requester-view")
                    .isEqualTo("true");
        }
    }

    private static List<UserTask> userTasksOf(String key, BpmnModelInstance model) {
        Process process = model.getModelElementById(key);
        return model.getModelElementsByType(UserTask.class).stream().filter(task -> processOf(task) == process).toList();
    }

    private static Process processOf(org.camunda.bpm.model.xml.instance.ModelElementInstance element) {
        var parent = element.getParentElement();
        while (parent != null && !(parent instanceof Process)) {
            parent = parent.getParentElement();
        }
        return (Process) parent;
    }

    private static Map<String, String> processProperties(BpmnModelInstance model, String key) {
        Process process = model.getModelElementById(key);
        Map<String, String> properties = new TreeMap<>();
        ExtensionElements extensions = process.getExtensionElements();
        if (extensions != null) {
            extensions.getElementsQuery().filterByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties.class).list()
                    .forEach(p -> p.getCamundaProperties().forEach((CamundaProperty property) ->
                            properties.put(property.getCamundaName(), property.getCamundaValue())));
        }
        return properties;
    }
}
