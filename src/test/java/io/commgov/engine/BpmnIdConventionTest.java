package io.commgov.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Every model under processes/ is named after its key, and its element ids read as sentences, not as Modeler's generated
 * ids: the rule of {@link ModelIds} that deployments must pass too (rule readable-id), checked here before a deployment.
 */
class BpmnIdConventionTest {

    private static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";

    @Test
    void everyProcessIsNamedAfterItsKeyAndEveryIdReadsAsASentence() throws Exception {
        List<String> problems = new ArrayList<>();
        List<Path> models = models(".bpmn");
        assertThat(models).isNotEmpty();
        for (Path model : models) {
            var document = parse(model);
            NodeList processes = document.getElementsByTagNameNS(BPMN, "process");
            String fileKey = model.getFileName().toString().replace(".bpmn", "");
            boolean named = false;
            for (int i = 0; i < processes.getLength(); i++) {
                named |= fileKey.equals(((Element) processes.item(i)).getAttribute("id"));
            }
            if (!named) {
                problems.add(model + ": no process with the key '" + fileKey + "' of its file name");
            }
            NodeList all = document.getElementsByTagNameNS(BPMN, "*");
            for (int i = 0; i < all.getLength(); i++) {
                Element e = (Element) all.item(i);
                String id = e.getAttribute("id");
                String tag = e.getLocalName();
                if (id.isEmpty() || tag.equals("definitions")) {
                    continue;
                }
                if (tag.equals("process") ? !ModelIds.isReadableKey(id) : !ModelIds.isReadable(id)) {
                    problems.add(model + ": " + tag + " id '" + id + "' should read as a sentence, e.g. Task_ReviewByIt");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theLintRuleUsesTheSamePatternsAsTheDeploymentRule() throws IOException {
        String lintRule = Files.readString(Path.of("lint/bpmnlint-plugin-commgov/rules/readable-ids.js"));
        for (var pattern : List.of(ModelIds.PROCESS_KEY, ModelIds.READABLE, ModelIds.GENERATED)) {
            assertThat(lintRule).contains("/^" + pattern.pattern() + "$/");
        }
    }

    @Test
    void everyDecisionIdStartsWithDecision() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Path model : models(".dmn")) {
            NodeList decisions = parse(model).getElementsByTagNameNS("*", "decision");
            for (int i = 0; i < decisions.getLength(); i++) {
                String id = ((Element) decisions.item(i)).getAttribute("id");
                if (!id.matches("Decision_[A-Z][A-Za-z0-9]*")) {
                    problems.add(model + ": decision id '" + id + "' should be Decision_<Name>");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    private static List<Path> models(String suffix) throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("processes"))) {
            return files.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }

    private static org.w3c.dom.Document parse(Path model) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(model.toFile());
    }
}
