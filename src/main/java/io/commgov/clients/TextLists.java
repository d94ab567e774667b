package io.commgov.clients;

import java.util.Collection;
import java.util.List;

import org.camunda.spin.Spin;
import org.camunda.spin.json.SpinJsonNode;

/** A list variable: a Json array (Spin), a Java collection or a JSON array text. */
final class TextLists {

    private TextLists() {
    }

    static List<String> of(Object value) {
        if (value instanceof SpinJsonNode node && node.isArray()) {
            return node.elements().stream().map(e -> e.isString() ? e.stringValue() : e.toString()).toList();
        }
        if (value instanceof Collection<?> c) {
            return c.stream().map(String::valueOf).toList();
        }
        if (value instanceof String s && s.strip().startsWith("[")) {
            return of(Spin.JSON(s));
        }
        return List.of();
    }
}
