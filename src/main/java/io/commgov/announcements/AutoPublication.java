package io.commgov.announcements;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * Whether the model lets a clean DAILY item go out without a human reviewer (R-ANN-2 allows it only for informal
 * items that passed the screen): only when the process says so explicitly, with
 * {@code <camunda:property name="announcements.auto-publish" value="clean-daily"/>}. Without it every item is reviewed.
 */
final class AutoPublication {

    static final String PROPERTY = "announcements.auto-publish";
    static final String CLEAN_DAILY = "clean-daily";
    /** The variable the review-route decision reads. */
    static final String VARIABLE = "autoPublishCleanDaily";

    private AutoPublication() {
    }

    /** The model's declaration, read from the process of the current element ({@code clean-daily}), or null. */
    static String declaredBy(DelegateExecution execution) {
        ModelElementInstance element = execution.getBpmnModelElementInstance();
        while (element != null && !(element instanceof Process)) {
            element = element.getParentElement();
        }
        return element == null ? null : property((BaseElement) element);
    }

    static boolean allowedBy(DelegateExecution execution) {
        return CLEAN_DAILY.equals(declaredBy(execution));
    }

    private static String property(BaseElement element) {
        if (element.getExtensionElements() == null) {
            return null;
        }
        for (CamundaProperties properties : element.getExtensionElements().getElementsQuery().filterByType(CamundaProperties.class).list()) {
            for (CamundaProperty property : properties.getCamundaProperties()) {
                if (PROPERTY.equals(property.getCamundaName())) {
                    return property.getCamundaValue();
                }
            }
        }
        return null;
    }
}
