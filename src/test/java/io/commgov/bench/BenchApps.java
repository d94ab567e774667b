package io.commgov.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import io.commgov.CommGovApplication;
import io.commgov.support.MariaDb;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The two applications a benchmark compares, each on a database of its own and an HTTP port on 127.0.0.1: CommGov as
 * it ships (its application.yaml, demo users, authorization, plugins, listeners, audit, validation, encryption) and a
 * bare Camunda engine (Camunda's Spring Boot starter with the engine REST API only; no CommGov bean, no authentication,
 * no authorization) that deploys the same BPMN files and forms and resolves their delegate expressions to no-op beans.
 * {@code -Dbench.db=h2|mariadb}; on MariaDB each gets a fresh database named after {@code -Dcommgov.test.mariadb.url}.
 * Tuning knobs given as system properties (e.g. {@code -Dspring.datasource.hikari.maximum-pool-size=5}) reach both.
 */
final class BenchApps {

    static final String ADMIN_PASSWORD = "bench-admin";

    private BenchApps() {
    }

    static boolean mariaDb() {
        return "mariadb".equalsIgnoreCase(System.getProperty("bench.db", "h2"));
    }

    static String databaseLabel() {
        return mariaDb() ? "MariaDB" : "H2";
    }

    /** A fresh database for {@code name}: a MariaDB database {@code <db>_<name>} or an in-memory H2. */
    static List<String> datasource(String name) {
        if (mariaDb()) {
            return List.of("--spring.datasource.url=" + MariaDb.freshDatabase(name), "--spring.datasource.username=root",
                    "--spring.datasource.password=", "--spring.datasource.hikari.transaction-isolation=TRANSACTION_READ_COMMITTED",
                    "--camunda.bpm.database.type=mysql");
        }
        return List.of("--spring.datasource.url=jdbc:h2:mem:bench-" + name + ";DB_CLOSE_DELAY=-1", "--spring.datasource.username=sa",
                "--spring.datasource.password=");
    }

    static ConfigurableApplicationContext commGov(StatementCounter counter, String... extra) {
        var args = new ArrayList<>(datasource("commgov"));
        args.addAll(List.of("--server.port=0", "--server.address=127.0.0.1", "--commgov.crypto.generate-keys=memory",
                "--commgov.demo.enabled=true", "--camunda.bpm.admin-user.password=" + ADMIN_PASSWORD,
                "--commgov.backup.directory=target/bench-backups", "--spring.main.banner-mode=off"));
        args.addAll(List.of(extra));
        var builder = new SpringApplicationBuilder(CommGovApplication.class).profiles(mariaDb() ? new String[] {"mysql"} : new String[0]);
        if (counter != null) {
            builder.initializers(ctx -> ctx.getBeanFactory().addBeanPostProcessor(counter));
        }
        return builder.run(args.toArray(String[]::new));
    }

    static ConfigurableApplicationContext bare(StatementCounter counter, List<String> processes, String... extra) {
        var args = new ArrayList<>(datasource("bare"));
        args.addAll(List.of("--spring.config.name=bare-engine", "--server.port=0", "--server.address=127.0.0.1",
                "--spring.main.banner-mode=off", "--camunda.bpm.history-level=full", "--camunda.bpm.database.schema-update=true",
                "--camunda.bpm.auto-deployment-enabled=false", "--camunda.bpm.job-execution.enabled=true",
                "--camunda.bpm.default-serialization-format=application/json", "--camunda.bpm.authorization.enabled=false",
                "--camunda.bpm.generic-properties.properties.general-resource-whitelist-pattern=[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*"));
        args.addAll(List.of(extra));
        byte[][] models = processes.stream().map(BenchApps::read).toArray(byte[][]::new);
        var builder = new SpringApplicationBuilder(BareEngine.class).initializers(ctx -> {
            for (byte[] model : models) {
                for (String bean : beanNames(new String(model, StandardCharsets.UTF_8))) {
                    if (!ctx.getBeanFactory().containsSingleton(bean)) {
                        ctx.getBeanFactory().registerSingleton(bean, switch (bean) {
                            case "sla" -> new BareSla();
                            case "departments" -> new BareDepartments();
                            default -> new NoOp();
                        });
                    }
                }
            }
            if (counter != null) {
                ctx.getBeanFactory().addBeanPostProcessor(counter);
            }
        });
        ConfigurableApplicationContext context = builder.run(args.toArray(String[]::new));
        var deployment = context.getBean(RepositoryService.class).createDeployment().name("bench");
        for (int i = 0; i < models.length; i++) {
            String resource = processes.get(i);
            deployment.addInputStream(resource, new java.io.ByteArrayInputStream(models[i]));
            String folder = resource.substring("processes/".length(), resource.lastIndexOf('/'));
            try {
                for (var form : new PathMatchingResourcePatternResolver().getResources("classpath:forms/" + folder + "/*.form")) {
                    deployment.addInputStream("forms/" + folder + "/" + form.getFilename(), form.getInputStream());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        deployment.deploy();
        return context;
    }

    static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    private static final Pattern BEAN = Pattern.compile("\\$\\{(\\w+)[.}(]");

    /** Every bean a model's expressions name ({@code ${recordRequestDelegate}}, {@code ${sla.dueAt(execution)}}). */
    static Set<String> beanNames(String xml) {
        Set<String> names = new TreeSet<>();
        var m = BEAN.matcher(xml);
        while (m.find()) {
            names.add(m.group(1));
        }
        names.removeAll(Set.of("execution", "task", "initiator", "summary", "department", "accountType", "approved",
                "needsExtraApproval", "fixed", "symptom"));
        return names;
    }

    private static byte[] read(String resource) {
        try (var in = new ClassPathResource(resource).getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Camunda's starter, its engine REST API and a datasource; nothing of CommGov and no web applications. */
    @EnableAutoConfiguration(excludeName = {
            "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration",
            "org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration",
            "org.springframework.boot.autoconfigure.data.jpa.JpaRepositoriesAutoConfiguration",
            "org.springframework.boot.autoconfigure.quartz.QuartzAutoConfiguration",
            "org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappAutoConfiguration"})
    static class BareEngine {
    }

    /** What a CommGov delegate or listener does, minus the work: nothing. */
    static final class NoOp implements JavaDelegate, TaskListener, ExecutionListener {
        @Override
        public void execute(DelegateExecution execution) {
        }

        @Override
        public void notify(DelegateTask task) {
        }

        @Override
        public void notify(DelegateExecution execution) {
        }
    }

    /** Department names in task names ({@code ${departments.nameOf(department)}}): the code itself. */
    public static final class BareDepartments {
        public String nameOf(Object department) {
            return String.valueOf(department);
        }
    }

    /** Due dates for the SLA timers of the bare engine: fixed offsets from now, as no SLA record exists there. */
    public static final class BareSla {
        public Date dueAt(DelegateExecution execution) {
            return new Date(ClockUtil.getCurrentTime().getTime() + 2 * 3600_000L);
        }

        public Date warningAt(DelegateExecution execution) {
            return new Date(ClockUtil.getCurrentTime().getTime() + 3600_000L);
        }
    }
}
