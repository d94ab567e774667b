package io.commgov.validation;

import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import io.commgov.engine.ModelRule;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.impl.util.xml.Namespace;
import org.springframework.stereotype.Component;

/**
 * Deployment rule protected-variable: a model maps no value onto a {@link ProtectedVariables protected variable}. The
 * engine writes such mappings after the model's expression has returned, so {@link ProtectedVariableGuard} would take
 * them for the engine's own work in the job executor; refused at deployment instead, naming the element.
 */
@Component
class ProtectedVariableMappingRule implements ModelRule {

    private static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";
    // element (camunda namespace) → the attribute naming the variable it writes
    private static final Map<String, String> MAPPINGS = Map.of("inputParameter", "name", "outputParameter", "name",
            "out", "target", "in", "target", "formField", "id");
    private static final Namespace CAMUNDA = new Namespace(CAMUNDA_NS);
    // not camunda:elementVariable: local to each loop instance, as vendor-selection's department of each department
    private static final List<String> WRITING_ATTRIBUTES = List.of("resultVariable", "initiator");

    @Override
    public void check(Element process, BiConsumer<String, Element> violation) {
        walk(process, process.attribute("id"), violation);
    }

    // owner: the id of the nearest BPMN element, since mappings sit in its extension elements
    private static void walk(Element element, String owner, BiConsumer<String, Element> violation) {
        String id = element.attribute("id") != null && !CAMUNDA_NS.equals(element.getUri()) ? element.attribute("id") : owner;
        String target = CAMUNDA_NS.equals(element.getUri()) && MAPPINGS.containsKey(element.getTagName())
                ? element.attribute(MAPPINGS.get(element.getTagName())) : null;
        report(violation, element, id, "camunda:" + element.getTagName(), target);
        for (String attribute : WRITING_ATTRIBUTES) {
            String name = element.attributeNS(CAMUNDA, attribute);
            // the start event's camunda:initiator="initiator" is how the engine records the requester
            if (!("initiator".equals(attribute) && ContractListeners.INITIATOR.equals(name))) {
                report(violation, element, id, "camunda:" + attribute, name);
            }
        }
        for (Element child : element.elements()) {
            walk(child, id, violation);
        }
    }

    private static void report(BiConsumer<String, Element> violation, Element element, String id, String what, String name) {
        if (name != null && ProtectedVariables.NAMES.contains(name.strip())) {
            violation.accept("Rule protected-variable: " + what + " of '" + id + "' writes '" + name.strip() + "'; "
                    + ProtectedVariables.NAMES.stream().sorted().toList() + " are set by CommGov only", element);
        }
    }
}
