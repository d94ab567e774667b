package io.commgov.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a model may call: the allow-list in {@code lint/bpmnlint-plugin-commgov/model-code.json}, which the bpmnlint
 * rules read too, so Modeler, CI and the server agree. Beans are named here (not imported): the engine knows the
 * names, each bean stays in the module whose model calls it.
 */
record ModelCode(Map<String, Set<String>> beans, Set<String> delegates, Set<String> scopeObjects,
                 Set<String> scopeMethods, Set<String> engineObjects, Set<String> valueMethods,
                 Set<String> protectedVariables, List<String> formKeyPrefixes, List<String> resourceSuffixes,
                 Set<String> decisionLanguages) {

    static final String RESOURCE = "io/commgov/engine/model-code.json";

    private static final ModelCode SHIPPED = load();

    static ModelCode shipped() {
        return SHIPPED;
    }

    /** Every bean name an expression may resolve: the beans with methods and the delegates. */
    Set<String> allBeanNames() {
        Set<String> names = new TreeSet<>(beans.keySet());
        names.addAll(delegates);
        return names;
    }

    private static ModelCode load() {
        try (InputStream in = ModelCode.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath (see pom.xml, add-model-resources)");
            }
            JsonNode json = new ObjectMapper().readTree(in);
            Map<String, Set<String>> beans = new LinkedHashMap<>();
            json.get("beans").fields().forEachRemaining(bean -> beans.put(bean.getKey(), strings(bean.getValue())));
            return new ModelCode(Map.copyOf(beans), strings(json.get("delegates")), strings(json.get("scopeObjects")),
                    strings(json.get("scopeMethods")), strings(json.get("engineObjects")),
                    strings(json.get("valueMethods")), strings(json.get("protectedVariables")),
                    List.copyOf(strings(json.get("formKeyPrefixes"))), List.copyOf(strings(json.get("resourceSuffixes"))),
                    strings(json.get("decisionLanguages")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> values = new TreeSet<>();
        array.forEach(value -> values.add(value.asText()));
        return Set.copyOf(values);
    }
}
