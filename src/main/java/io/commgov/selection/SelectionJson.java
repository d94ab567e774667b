package io.commgov.selection;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.spin.Spin;
import org.camunda.spin.json.SpinJsonNode;

/** The selection's structured variables are Json (Camunda Spin) in the engine and records in Java. */
final class SelectionJson {

    static final ObjectMapper MAPPER = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private SelectionJson() {
    }

    /** A Json variable, a JSON text, or nothing: as a tree (null when absent or not JSON). */
    static JsonNode tree(Object variable) {
        if (variable == null || variable instanceof String s && s.isBlank()) {
            return null;
        }
        try {
            return MAPPER.readTree(String.valueOf(variable));
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    static <T> List<T> list(Object variable, Class<T> type) {
        JsonNode tree = tree(variable);
        if (tree == null || !tree.isArray()) {
            return new ArrayList<>();
        }
        return MAPPER.convertValue(tree, MAPPER.getTypeFactory().constructCollectionType(List.class, type));
    }

    static List<String> strings(Object variable) {
        JsonNode tree = tree(variable);
        if (tree == null || !tree.isArray()) {
            return new ArrayList<>();
        }
        return MAPPER.convertValue(tree, new TypeReference<List<String>>() { });
    }

    static SpinJsonNode json(Object value) {
        try {
            return Spin.JSON(MAPPER.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + value + " as JSON", e);
        }
    }
}
