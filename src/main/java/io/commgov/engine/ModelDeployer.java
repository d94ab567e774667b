package io.commgov.engine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

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
 * Each capability folder is one deployment, so a process always finds the forms it was deployed with
 * ({@code formRefBinding="deployment"}); a folder whose files are unchanged is not deployed again.
 */
@Component
@Order(30)
class ModelDeployer implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ModelDeployer.class);
    static final String SOURCE = "commgov";
    private static final String ROOT_GROUP = "common";

    private final RepositoryService repositoryService;
    private final String processesRoot;
    private final String formsRoot;
    private final PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();

    ModelDeployer(RepositoryService repositoryService,
                  @Value("${commgov.models.processes:processes}") String processesRoot,
                  @Value("${commgov.models.forms:forms}") String formsRoot) {
        this.repositoryService = repositoryService;
        this.processesRoot = processesRoot;
        this.formsRoot = formsRoot;
    }

    @Override
    public void run(ApplicationArguments args) {
        deployAll();
    }

    /** Deploys every changed capability folder; answers how many deployments were created. */
    int deployAll() {
        Map<String, Map<String, byte[]>> groups = new TreeMap<>();
        collect(processesRoot, "*.bpmn", groups);
        collect(processesRoot, "*.dmn", groups);
        collect(formsRoot, "*.form", groups);
        if (groups.isEmpty()) {
            log.info("No models under {}/ or forms under {}/: nothing to deploy", processesRoot, formsRoot);
            return 0;
        }
        int created = 0;
        for (var group : groups.entrySet()) {
            var builder = repositoryService.createDeployment()
                    .name(SOURCE + "-" + group.getKey())
                    .source(SOURCE)
                    .enableDuplicateFiltering(false);
            group.getValue().forEach((name, bytes) -> builder.addInputStream(name, new ByteArrayInputStream(bytes)));
            String before = latestDeploymentId(SOURCE + "-" + group.getKey());
            String after = builder.deploy().getId();
            boolean isNew = !after.equals(before);
            created += isNew ? 1 : 0;
            log.info("Models '{}' ({} files): {}", group.getKey(), group.getValue().size(),
                    isNew ? "deployed as " + after : "unchanged, not redeployed");
        }
        return created;
    }

    private String latestDeploymentId(String name) {
        var latest = repositoryService.createDeploymentQuery().deploymentName(name).orderByDeploymentTime().desc().listPage(0, 1);
        return latest.isEmpty() ? null : latest.get(0).getId();
    }

    private void collect(String root, String suffixPattern, Map<String, Map<String, byte[]>> groups) {
        try {
            for (Resource resource : resolver.getResources("classpath*:" + root + "/**/" + suffixPattern)) {
                String name = stableName(root, resource.getURL().toString());
                String relative = name.substring(root.length() + 1);
                String group = relative.contains("/") ? relative.substring(0, relative.indexOf('/')) : ROOT_GROUP;
                groups.computeIfAbsent(group, g -> new TreeMap<>()).put(name, resource.getContentAsByteArray());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read models under " + root + "/", e);
        }
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
