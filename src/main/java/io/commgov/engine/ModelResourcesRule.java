package io.commgov.engine;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The deployment-wide half of "deploying a model is not running code", before any deployer parses it: a deployment
 * holds only models (BPMN, DMN, Camunda Forms), never scripts, HTML or other files a model could load
 * (camunda:resource="deployment:..."), and a decision is written in FEEL only, which cannot call Java; JUEL and
 * script languages in DMN would run with the engine's powers. A refusal is a parse error, so REST answers 400.
 */
class ModelResourcesRule implements Deployer {

    static final String RESOURCE_TYPE = "model-code-resource-type";
    static final String DECISION_LANGUAGE = "model-code-decision-language";

    private final ModelCode allowed;

    ModelResourcesRule(ModelCode allowed) {
        this.allowed = allowed;
    }

    @Override
    public void deploy(DeploymentEntity deployment) {
        if (!deployment.isNew()) {
            return;
        }
        List<Problem> problems = new ArrayList<>();
        String firstRefused = null;
        Map<String, ResourceEntity> resources = deployment.getResources();
        for (ResourceEntity resource : resources == null ? List.<ResourceEntity>of() : resources.values()) {
            String name = resource.getName();
            String lowerName = name.toLowerCase(Locale.ROOT);
            if (allowed.resourceSuffixes().stream().noneMatch(lowerName::endsWith)) {
                problems.add(new ModelProblem("Rule " + RESOURCE_TYPE + ": resource '" + name + "' is not a model;"
                        + " a deployment holds only " + String.join(", ", allowed.resourceSuffixes().stream().sorted().toList())
                        + " files (scripts, HTML and other files would run in the engine or in Tasklist)", name));
            } else if (lowerName.endsWith(".dmn") || lowerName.endsWith(".dmn11.xml")) {
                checkDecisionLanguages(name, resource.getBytes(), problems);
            }
            if (firstRefused == null && !problems.isEmpty()) {
                firstRefused = name;
            }
        }
        if (!problems.isEmpty()) {
            String message = String.join("; ", problems.stream().map(Problem::getMessage).toList());
            throw new ParseException(message + " | " + firstRefused, firstRefused, problems, List.of());
        }
    }

    private void checkDecisionLanguages(String resourceName, byte[] xml, List<Problem> problems) {
        Document document;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            // not ours to report: the DMN deployer refuses a file it cannot read, with its own message
            return;
        }
        NodeList all = document.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element element = (Element) all.item(i);
            for (String attribute : List.of("expressionLanguage", "typeLanguage")) {
                String language = element.getAttribute(attribute);
                if (!language.isBlank() && !isFeel(language)) {
                    String owner = decisionOf(element, resourceName);
                    problems.add(new ModelProblem("Rule " + DECISION_LANGUAGE + ": decision '" + owner + "' ("
                            + element.getLocalName() + ") uses " + attribute + "=\"" + language + "\"; decisions are"
                            + " written in FEEL only, which cannot call Java or scripts", owner));
                }
            }
        }
    }

    private boolean isFeel(String language) {
        String lower = language.trim().toLowerCase(Locale.ROOT);
        return allowed.decisionLanguages().contains(lower)
                // the FEEL URIs of DMN 1.1 to 1.5, e.g. https://www.omg.org/spec/DMN/20191111/FEEL/
                || lower.matches("https?://www\\.omg\\.org/spec/(dmn/\\d{8}/)?feel/(\\d{8})?");
    }

    private static String decisionOf(Element element, String resourceName) {
        for (org.w3c.dom.Node node = element; node instanceof Element e; node = node.getParentNode()) {
            if ("decision".equals(e.getLocalName()) && !e.getAttribute("id").isBlank()) {
                return e.getAttribute("id");
            }
        }
        return resourceName;
    }

    private record ModelProblem(String message, String elementId) implements Problem {
        @Override
        public String getMessage() {
            return message;
        }

        @Override
        public int getLine() {
            return 0;
        }

        @Override
        public int getColumn() {
            return 0;
        }

        @Override
        public String getMainElementId() {
            return elementId;
        }

        @Override
        public List<String> getElementIds() {
            return List.of(elementId);
        }
    }
}
