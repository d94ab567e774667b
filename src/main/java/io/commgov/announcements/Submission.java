package io.commgov.announcements;

import java.util.List;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.spin.json.SpinJsonNode;

/** An announcement as its process holds it (start variables of SPEC section 4). */
record Submission(String processInstanceId, String contentClass, String title, String body, List<String> audience, String author) {

    static Submission of(String processInstanceId, VariableScope variables) {
        return new Submission(processInstanceId, (String) variables.getVariable("contentClass"), (String) variables.getVariable("title"),
                (String) variables.getVariable("body"), audience(variables.getVariable("audience")), (String) variables.getVariable("initiator"));
    }

    static List<String> audience(Object value) {
        if (value instanceof SpinJsonNode node && node.isArray()) {
            return node.elements().stream().map(e -> e.isString() ? e.stringValue() : e.toString()).toList();
        }
        if (value instanceof String s && s.strip().startsWith("[")) {
            return audience(org.camunda.spin.Spin.JSON(s));
        }
        if (value instanceof java.util.Collection<?> c) {
            return c.stream().map(String::valueOf).toList();
        }
        return List.of();
    }
}
