package io.commgov.engine;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParser;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Rules every process model must pass to be deployed, from Modeler, REST or the start-up deployment alike.
 * A violation is a parse error, so the deployment is refused whole (REST answers 400 with the rule's text).
 */
class DeploymentRules extends BpmnParse {


    private final int minimumRetentionDays;

    DeploymentRules(BpmnParser parser, int minimumRetentionDays) {
        super(parser);
        this.minimumRetentionDays = minimumRetentionDays;
    }

    @Override
    public ProcessDefinitionEntity parseProcess(Element processElement) {
        ProcessDefinitionEntity definition = super.parseProcess(processElement);
        if (definition != null) {
            checkRetention(processElement, definition);
            checkUserTasksHaveForms(processElement);
        }
        return definition;
    }

    // R-RET: process records are kept at least the minimum, so history cleanup never removes them earlier
    private void checkRetention(Element processElement, ProcessDefinitionEntity definition) {
        Integer days = definition.getHistoryTimeToLive();
        if (days == null || days < minimumRetentionDays) {
            addError("Rule retention-minimum: process '" + definition.getKey() + "' keeps history "
                    + (days == null ? "without a limit set" : days + " days")
                    + "; camunda:historyTimeToLive must be at least " + minimumRetentionDays
                    + " days (R-RET: records are kept at least 6 months)", processElement);
        }
    }

    // people work in Tasklist: a user task without a form cannot be done there
    private void checkUserTasksHaveForms(Element processElement) {
        for (Element task : userTasksIn(processElement, new ArrayList<>())) {
            boolean hasForm = task.attributeNS(CAMUNDA_BPMN_EXTENSIONS_NS, "formRef") != null || task.attributeNS(CAMUNDA_BPMN_EXTENSIONS_NS, "formKey") != null;
            if (!hasForm) {
                addError("Rule user-task-form: user task '" + task.attribute("id")
                        + "' has no form; link a Camunda Form with camunda:formRef (or camunda:formKey)", task);
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
