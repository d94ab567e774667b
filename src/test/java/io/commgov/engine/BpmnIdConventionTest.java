package io.commgov.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Every model under processes/ is named after its key, and its element ids read as sentences, not as Modeler's generated ids. */
class BpmnIdConventionTest {

    private static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static final Pattern READABLE = Pattern.compile("[A-Z][A-Za-z]+_[A-Z][A-Za-z0-9]*");
    // Modeler's generated suffixes: Activity_0kf3x1z, Flow_1a2b3c4, Gateway_0x9y8z7, StartEvent_1
    private static final Pattern GENERATED = Pattern.compile(".*_([0-9][a-z0-9]{6}|\\d+)");

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
                if (id.isEmpty() || tag.equals("process") || tag.equals("definitions")) {
                    continue;
                }
                if (!READABLE.matcher(id).matches() || GENERATED.matcher(id).matches()) {
                    problems.add(model + ": " + tag + " id '" + id + "' should read as a sentence, e.g. Task_ReviewByIt");
                }
            }
        }
        assertThat(problems).isEmpty();
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
