package io.commgov.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParser;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Rules every process model must pass to be deployed, from Modeler, REST or the start-up deployment alike.
 * A violation is a parse error, so the deployment is refused whole (REST answers 400 with the rule's text).
 * Models already deployed are not checked again when the engine reloads them.
 */
class DeploymentRules extends BpmnParse {

    private final int minimumRetentionDays;
    private final List<ModelRule> moreRules;
    // stateless: one for every parse
    private static final ModelCodeRules MODEL_CODE = new ModelCodeRules(ModelCode.shipped());

    DeploymentRules(BpmnParser parser, int minimumRetentionDays, List<ModelRule> moreRules) {
        super(parser);
        this.minimumRetentionDays = minimumRetentionDays;
        this.moreRules = moreRules;
    }

    @Override
    public ProcessDefinitionEntity parseProcess(Element processElement) {
        ProcessDefinitionEntity definition = super.parseProcess(processElement);
        if (definition != null && (deployment == null || deployment.isNew())) {
            checkRetention(processElement, definition);
            checkReadableIds(processElement);
            checkUserTasks(processElement);
            MODEL_CODE.check(processElement, this::addError);
            moreRules.forEach(rule -> rule.check(processElement, this::addError));
        }
        return definition;
    }

    @Override
    protected void parseRootElement() {
        if (deployment == null || deployment.isNew()) {
            // messages, signals, errors and escalations may hold expressions (a message name is evaluated at run time)
            for (Element element : rootElement.elements()) {
                boolean processOrDiagram = "process".equals(element.getTagName()) || !BpmnParser.BPMN20_NS.equals(element.getUri());
                if (!processOrDiagram) {
                    MODEL_CODE.check(element, this::addError);
                }
            }
        }
        super.parseRootElement();
    }

    // R-RET: process records are kept at least the minimum, so history cleanup never removes them earlier
    private void checkRetention(Element processElement, ProcessDefinitionEntity definition) {
        Integer days = definition.getHistoryTimeToLive();
        if (days == null || days < minimumRetentionDays) {
            addError(retentionError("process", definition.getKey(), days, minimumRetentionDays), processElement);
        }
    }

    static String retentionError(String kind, String key, Integer days, int minimumDays) {
        return "Rule retention-minimum: " + kind + " '" + key + "' keeps history "
                + (days == null ? "without a limit set" : days + " days")
                + "; camunda:historyTimeToLive must be at least " + minimumDays
                + " days (R-RET: records are kept at least 6 months)";
    }

    // ids read as sentences, so logs, Cockpit, tests and audit entries say what happened (Task_ReviewByIt)
    private void checkReadableIds(Element processElement) {
        String key = processElement.attribute("id");
        if (!ModelIds.isReadableKey(key)) {
            addError("Rule readable-id: process id '" + key + "' is not a readable key; use lower-case words joined"
                    + " by '-', e.g. fault-escalation", processElement);
        }
        eachBpmnElement(processElement, element -> {
            String id = element.attribute("id");
            if (id != null && !ModelIds.isReadable(id)) {
                addError("Rule readable-id: " + element.getTagName() + " id '" + id + "' is not readable (a generated id?);"
                        + " name it as a sentence, e.g. Task_ReviewByIt, Gateway_IsMajorFault, Flow_MajorFaultYes", element);
            }
        });
    }

    // people work in Tasklist: a user task needs a form to be done there and someone who may do it
    private void checkUserTasks(Element processElement) {
        for (Element task : userTasksIn(processElement, new ArrayList<>())) {
            boolean hasForm = camunda(task, "formRef") != null || camunda(task, "formKey") != null;
            if (!hasForm) {
                addError("Rule user-task-form: user task '" + task.attribute("id")
                        + "' has no form; link a Camunda Form with camunda:formRef (or camunda:formKey)", task);
            }
            boolean hasCandidate = camunda(task, "candidateGroups") != null || camunda(task, "candidateUsers") != null
                    || camunda(task, "assignee") != null || task.element("potentialOwner") != null
                    || task.element("humanPerformer") != null;
            if (!hasCandidate) {
                addError("Rule user-task-candidate: user task '" + task.attribute("id")
                        + "' has no candidate group, candidate user or assignee; nobody would see it in Tasklist", task);
            }
        }
    }

    private static String camunda(Element element, String attribute) {
        String value = element.attributeNS(CAMUNDA_BPMN_EXTENSIONS_NS, attribute);
        return value == null || value.isBlank() ? null : value;
    }

    private static void eachBpmnElement(Element scope, Consumer<Element> visitor) {
        for (Element child : scope.elements()) {
            if (BpmnParser.BPMN20_NS.equals(child.getUri())) {
                visitor.accept(child);
                eachBpmnElement(child, visitor);
            }
        }
    }

    private static List<Element> userTasksIn(Element scope, List<Element> found) {
        for (Element child : scope.elements()) {
            if ("userTask".equals(child.getTagName()) && BpmnParser.BPMN20_NS.equals(child.getUri())) {
                found.add(child);
            } else if (child.getTagName().endsWith("ubProcess") || "transaction".equals(child.getTagName())) {
                userTasksIn(child, found);
            }
        }
        return found;
    }
}
