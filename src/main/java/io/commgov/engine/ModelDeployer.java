package io.commgov.engine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.RepositoryService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys the models of {@code processes/} and the forms of {@code forms/} under stable names such as
 * {@code processes/faults/fault-escalation.bpmn}, the same under {@code spring-boot:run} and {@code java -jar}.
 * Each BPMN model is a deployment of its own, together with the forms and decisions it binds with
 * {@code formRefBinding="deployment"} / {@code decisionRefBinding="deployment"}, so it always finds the ones it was
 * deployed with; every other DMN model and form is a deployment of its own. A deployment whose files are all unchanged
 * is not deployed again, so only a changed model (or a model whose bound form or decision changed) gets a new version.
 */
@Component
@Order(30)
class ModelDeployer implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ModelDeployer.class);
    static final String SOURCE = "commgov";
    private static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";

    private final RepositoryService repositoryService;
    private final String processesRoot;
    private final String formsRoot;
    private final PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
    private final ObjectMapper json = new ObjectMapper();
    private final XMLInputFactory xml = XMLInputFactory.newFactory();

    ModelDeployer(RepositoryService repositoryService,
                  @Value("${commgov.models.processes:processes}") String processesRoot,
                  @Value("${commgov.models.forms:forms}") String formsRoot) {
        this.repositoryService = repositoryService;
        this.processesRoot = processesRoot;
        this.formsRoot = formsRoot;
        xml.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        xml.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    }

    @Override
    public void run(ApplicationArguments args) {
        deployAll();
    }

    /** Deploys every changed model and form; answers how many deployments were created. */
    int deployAll() {
        Map<String, Map<String, byte[]>> deployments = plan();
        if (deployments.isEmpty()) {
            log.info("No models under {}/ or forms under {}/: nothing to deploy", processesRoot, formsRoot);
            return 0;
        }
        int created = 0;
        for (var deployment : deployments.entrySet()) {
            var builder = repositoryService.createDeployment()
                    .name(deployment.getKey())
                    .source(SOURCE)
                    .enableDuplicateFiltering(false);
            deployment.getValue().forEach((name, bytes) -> builder.addInputStream(name, new ByteArrayInputStream(bytes)));
            String before = latestDeploymentId(deployment.getKey());
            String after = builder.deploy().getId();
            boolean isNew = !after.equals(before);
            created += isNew ? 1 : 0;
            var bound = deployment.getValue().keySet().stream().filter(n -> !n.equals(deployment.getKey())).toList();
            log.info("{}{}: {}", deployment.getKey(), bound.isEmpty() ? "" : " with " + bound,
                    isNew ? "deployed as " + after : "unchanged");
        }
        return created;
    }

    /** Deployment name (the leading resource's stable name) → its resources. */
    Map<String, Map<String, byte[]>> plan() {
        Map<String, byte[]> bpmn = read(processesRoot, "*.bpmn");
        Map<String, byte[]> dmn = read(processesRoot, "*.dmn");
        Map<String, byte[]> forms = read(formsRoot, "*.form");
        Map<String, String> formById = formsById(forms);
        Map<String, String> dmnByDecisionId = dmnByDecisionId(dmn);

        Map<String, Map<String, byte[]>> deployments = new TreeMap<>();
        Set<String> bound = new HashSet<>();
        bpmn.forEach((name, bytes) -> {
            var resources = new TreeMap<String, byte[]>();
            resources.put(name, bytes);
            var refs = bindings(name, bytes);
            refs.forms.forEach(id -> add(name, "form", id, formById, forms, resources, bound));
            refs.decisions.forEach(id -> add(name, "decision", id, dmnByDecisionId, dmn, resources, bound));
            deployments.put(name, resources);
        });
        for (Map<String, byte[]> files : List.of(dmn, forms)) {
            files.forEach((name, bytes) -> {
                if (!bound.contains(name)) {
                    deployments.put(name, new TreeMap<>(Map.of(name, bytes)));
                }
            });
        }
        return deployments;
    }

    private static void add(String model, String kind, String id, Map<String, String> index, Map<String, byte[]> files,
                            Map<String, byte[]> resources, Set<String> bound) {
        String file = index.get(id);
        if (file == null) {
            log.warn("{} binds {} '{}' to its deployment, but no file defines it", model, kind, id);
            return;
        }
        resources.put(file, files.get(file));
        bound.add(file);
    }

    private record Bindings(Set<String> forms, Set<String> decisions) {
    }

    /** The form and decision ids a BPMN model binds with {@code ...RefBinding="deployment"}. */
    private Bindings bindings(String name, byte[] bytes) {
        var refs = new Bindings(new LinkedHashSet<>(), new LinkedHashSet<>());
        scan(name, bytes, reader -> {
            String form = reader.getAttributeValue(CAMUNDA_NS, "formRef");
            if (form != null && "deployment".equals(reader.getAttributeValue(CAMUNDA_NS, "formRefBinding"))) {
                refs.forms.add(form);
            }
            String decision = reader.getAttributeValue(CAMUNDA_NS, "decisionRef");
            if (decision != null && "deployment".equals(reader.getAttributeValue(CAMUNDA_NS, "decisionRefBinding"))) {
                refs.decisions.add(decision);
            }
        });
        return refs;
    }

    private Map<String, String> dmnByDecisionId(Map<String, byte[]> dmn) {
        Map<String, String> index = new TreeMap<>();
        dmn.forEach((name, bytes) -> scan(name, bytes, reader -> {
            if ("decision".equals(reader.getLocalName()) && reader.getAttributeValue(null, "id") != null) {
                unique(index, reader.getAttributeValue(null, "id"), name);
            }
        }));
        return index;
    }

    private Map<String, String> formsById(Map<String, byte[]> forms) {
        Map<String, String> index = new TreeMap<>();
        forms.forEach((name, bytes) -> {
            try {
                var id = json.readTree(bytes).path("id");
                if (id.isTextual()) {
                    unique(index, id.asText(), name);
                }
            } catch (IOException e) {
                log.warn("{} is not a readable form: {}", name, e.getMessage());
            }
        });
        return index;
    }

    private static void unique(Map<String, String> index, String id, String name) {
        String other = index.putIfAbsent(id, name);
        if (other != null) {
            throw new IllegalStateException("'" + id + "' is defined by both " + other + " and " + name);
        }
    }

    private interface ElementVisitor {
        void visit(XMLStreamReader reader);
    }

    /** Visits every element; a file that is not well-formed is left for the engine to refuse with its own message. */
    private void scan(String name, byte[] bytes, ElementVisitor visitor) {
        try {
            XMLStreamReader reader = xml.createXMLStreamReader(new ByteArrayInputStream(bytes));
            try {
                while (reader.hasNext()) {
                    if (reader.next() == XMLStreamConstants.START_ELEMENT) {
                        visitor.visit(reader);
                    }
                }
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            log.warn("{} is not well-formed XML: {}", name, e.getMessage());
        }
    }

    private String latestDeploymentId(String name) {
        var latest = repositoryService.createDeploymentQuery().deploymentName(name).orderByDeploymentTime().desc().listPage(0, 1);
        return latest.isEmpty() ? null : latest.get(0).getId();
    }

    private Map<String, byte[]> read(String root, String suffixPattern) {
        Map<String, byte[]> files = new TreeMap<>();
        try {
            for (Resource resource : resolver.getResources("classpath*:" + root + "/**/" + suffixPattern)) {
                files.put(stableName(root, resource.getURL().toString()), resource.getContentAsByteArray());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read models under " + root + "/", e);
        }
        return files;
    }

    /** {@code .../target/classes/processes/faults/x.bpmn} or {@code jar:...!/BOOT-INF/classes!/processes/faults/x.bpmn} → {@code processes/faults/x.bpmn}. */
    static String stableName(String root, String url) {
        int at = url.lastIndexOf("/" + root + "/");
        for (String marker : new String[] {"/classes/" + root + "/", "/classes!/" + root + "/", "!/" + root + "/"}) {
            int i = url.indexOf(marker);
            if (i >= 0) {
                at = i + marker.length() - root.length() - 2;
                break;
            }
        }
        return url.substring(at + 1);
    }
}
