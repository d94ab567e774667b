package io.commgov.bench;

import java.lang.management.ManagementFactory;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Throughput and latency over HTTP, CommGov against a bare Camunda engine in the same run (both through the engine REST
 * API over HTTP on 127.0.0.1). N client threads alternate complete {@code account-opening} instances (EMPLOYEE: head-mkt
 * starts, ivan or iris claims and approves the IT review) and {@code fault-escalation} instances (emma reports; ivan or
 * iris claims and completes the response, the diagnosis and the fix; emma confirms the fix and the fault closes) for a
 * fixed time after a warm-up. Prints completed instances/s, p50/p95/p99 per REST call, SQL statements and round trips
 * per instance (a JDBC proxy in each application), and the ratios CommGov/bare.
 * <p>Run: {@code ./mvnw -Pbench test-compile exec:exec -Dbench.main=io.commgov.bench.ThroughputBenchmark -Dbench.db=h2}
 * (or {@code -Dbench.db=mariadb -Dbench.jvm=-Dcommgov.test.mariadb.url=jdbc:mariadb://127.0.0.1:3306/bench?nullDatabaseMeansCurrent=true});
 * {@code -Dbench.threads}, {@code -Dbench.seconds}, {@code -Dbench.warmup} change the load; knobs for both applications
 * go in {@code -Dbench.jvm} as system properties.
 */
public final class ThroughputBenchmark {

    static final List<String> MODELS = List.of("processes/accounts/account-opening.bpmn", "processes/faults/fault-escalation.bpmn");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    record Phase(int accounts, int faults, int failures, double seconds, long statements, long roundTrips, String firstFailure) {
        int instances() {
            return accounts + faults;
        }
    }

    record Result(String name, Phase phase, Map<String, double[]> latencies, long accountStatements, long faultStatements) {
    }

    private ThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int threads = Integer.getInteger("bench.threads", 4);
        int seconds = Integer.getInteger("bench.seconds", 30);
        int warmup = Integer.getInteger("bench.warmup", 10);
        String knobs = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-Dcamunda") || a.startsWith("-Dspring") || a.startsWith("-Dcommgov.") && !a.startsWith("-Dcommgov.test"))
                .reduce((a, b) -> a + " " + b).orElse("none");

        var commGovCounter = new StatementCounter();
        Result commGov;
        try (var app = BenchApps.commGov(commGovCounter, "--logging.level.root=WARN")) {
            commGov = measure("CommGov", app, commGovCounter, true, threads, warmup, seconds);
        }
        var bareCounter = new StatementCounter();
        Result bare;
        try (var app = BenchApps.bare(bareCounter, MODELS, "--logging.level.root=WARN")) {
            bare = measure("bare Camunda", app, bareCounter, false, threads, warmup, seconds);
        }
        print(threads, seconds, warmup, knobs, commGov, bare);
    }

    private static Result measure(String name, ConfigurableApplicationContext app, StatementCounter counter, boolean commGov,
                                  int threads, int warmup, int seconds) throws Exception {
        int port = BenchApps.port(app);
        var driver = new Driver(port, commGov);
        run(driver, new BenchHttp(port, null), threads, warmup, counter);
        var latencies = new Latencies();
        Phase phase = run(driver, new BenchHttp(port, latencies), threads, seconds, counter);
        // one instance of each alone, for the statements each process costs
        var quiet = new BenchHttp(port, null);
        long s0 = counter.statements();
        driver.accountOpening(quiet, "ivan");
        long s1 = counter.statements();
        driver.faultEscalation(quiet, "ivan");
        long s2 = counter.statements();
        System.out.printf(Locale.ROOT, "%s: %d instances in %.1f s, %d failures%s%n", name, phase.instances(), phase.seconds(),
                phase.failures(), phase.firstFailure() == null ? "" : " (first: " + phase.firstFailure() + ")");
        return new Result(name, phase, latencies.percentilesMillis(), s1 - s0, s2 - s1);
    }

    private static Phase run(Driver driver, BenchHttp http, int threads, int seconds, StatementCounter counter) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        var accounts = new AtomicInteger();
        var faults = new AtomicInteger();
        var failures = new AtomicInteger();
        var firstFailure = new AtomicReference<String>();
        long statements = counter.statements();
        long roundTrips = counter.roundTrips();
        long t0 = System.nanoTime();
        long end = t0 + seconds * 1_000_000_000L;
        var futures = new ArrayList<Future<?>>();
        for (int t = 0; t < threads; t++) {
            String operator = t % 2 == 0 ? "ivan" : "iris";
            boolean startWithAccount = t % 2 == 0;
            futures.add(pool.submit(() -> {
                boolean account = startWithAccount;
                while (System.nanoTime() < end) {
                    try {
                        if (account) {
                            driver.accountOpening(http, operator);
                            accounts.incrementAndGet();
                        } else {
                            driver.faultEscalation(http, operator);
                            faults.incrementAndGet();
                        }
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                        firstFailure.compareAndSet(null, e.getMessage());
                    }
                    account = !account;
                }
            }));
        }
        for (var f : futures) {
            f.get();
        }
        pool.shutdown();
        double elapsed = (System.nanoTime() - t0) / 1e9;
        return new Phase(accounts.get(), faults.get(), failures.get(), elapsed, counter.statements() - statements,
                counter.roundTrips() - roundTrips, firstFailure.get());
    }

    /** The REST calls of one complete instance of each process, as the demo users make them. */
    static final class Driver {
        private final boolean commGov;
        private final String prefix = "B" + Integer.toString(Math.abs(UUID.randomUUID().hashCode()) % 100_000, 36).toUpperCase(Locale.ROOT);
        private final AtomicInteger employees = new AtomicInteger();

        Driver(int port, boolean commGov) {
            this.commGov = commGov;
        }

        void accountOpening(BenchHttp http, String operator) {
            String employeeId = prefix + "-" + employees.incrementAndGet();
            // the bare engine has no parse listener to set the summary its task names show
            String extra = commGov ? "" : ",\"needsExtraApproval\":" + bool(false) + ",\"summary\":" + str("张三");
            String instance = start(http, "head-mkt", "account-opening", "{\"variables\":{\"employeeId\":" + str(employeeId)
                    + ",\"fullName\":" + str("张三") + ",\"department\":" + str("MKT") + ",\"accountType\":" + str("EMPLOYEE") + extra + "}}");
            complete(http, operator, instance, "Task_ReviewByIt", true, "\"approved\":" + bool(true));
        }

        void faultEscalation(BenchHttp http, String operator) {
            String extra = commGov ? "" : ",\"summary\":" + str("邮件无法发送") + ",\"department\":" + str("MKT");
            String instance = start(http, "emma", "fault-escalation", "{\"variables\":{\"symptom\":" + str("邮件无法发送")
                    + ",\"impactScope\":" + str("USER") + ",\"platformDown\":" + bool(false) + extra + "}}");
            complete(http, operator, instance, "Task_RespondToFault", true, "\"response\":" + str("已收到，正在处理"));
            String fixAt = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusDays(1).withNano(0).toString();
            complete(http, operator, instance, "Task_DiagnoseFault", true, "\"cause\":" + str("证书过期") + ",\"expectedFixAt\":" + str(fixAt));
            complete(http, operator, instance, "Task_FixFault", true, "\"fixConfirmation\":" + str("证书已更新"));
            complete(http, "emma", instance, "Task_ConfirmFix", false, "\"fixed\":" + bool(true));
        }

        private String start(BenchHttp http, String user, String key, String body) {
            var answer = http.post("POST start " + key, user, "/engine-rest/process-definition/key/" + key + "/start", body);
            expect(answer, 200, "start " + key);
            return id(answer.body());
        }

        private void complete(BenchHttp http, String user, String instance, String taskKey, boolean claim, String variables) {
            var found = http.get("GET task?processInstanceId", user, "/engine-rest/task?processInstanceId=" + instance
                    + "&taskDefinitionKey=" + taskKey);
            expect(found, 200, "find " + taskKey);
            String task = id(found.body());
            if (claim) {
                expect(http.post("POST task/{id}/claim", user, "/engine-rest/task/" + task + "/claim", "{\"userId\":\"" + user + "\"}"),
                        204, "claim " + taskKey);
            }
            expect(http.post("POST task/{id}/complete", user, "/engine-rest/task/" + task + "/complete", "{\"variables\":{" + variables + "}}"),
                    204, "complete " + taskKey);
        }

        private static void expect(BenchHttp.Answer answer, int status, String what) {
            if (answer.status() != status) {
                throw new IllegalStateException(what + " answered " + answer.status() + ": "
                        + answer.body().substring(0, Math.min(300, answer.body().length())));
            }
        }

        private static String id(String json) {
            Matcher m = ID.matcher(json);
            if (!m.find()) {
                throw new IllegalStateException("no id in " + json);
            }
            return m.group(1);
        }

        private static String str(String value) {
            return "{\"value\":\"" + value + "\",\"type\":\"String\"}";
        }

        private static String bool(boolean value) {
            return "{\"value\":" + value + ",\"type\":\"Boolean\"}";
        }
    }

    private static void print(int threads, int seconds, int warmup, String knobs, Result commGov, Result bare) {
        var out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%nTHROUGHPUT BENCHMARK on %s, %d client threads, %d s measured after %d s warm-up; JDK %s, %d cores; knobs: %s%n",
                BenchApps.databaseLabel(), threads, seconds, warmup, System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), knobs));
        out.append(String.format(Locale.ROOT, "%-34s %14s %14s %8s%n", "", "CommGov", "bare Camunda", "ratio"));
        row(out, "completed instances/s", rate(commGov), rate(bare), "%14.1f");
        row(out, "  account-opening done", commGov.phase().accounts(), bare.phase().accounts(), "%14.0f");
        row(out, "  fault-escalation done", commGov.phase().faults(), bare.phase().faults(), "%14.0f");
        row(out, "  failed instances", commGov.phase().failures(), bare.phase().failures(), "%14.0f");
        row(out, "SQL statements/instance (mix)", perInstance(commGov.phase().statements(), commGov), perInstance(bare.phase().statements(), bare), "%14.1f");
        row(out, "JDBC round trips/instance (mix)", perInstance(commGov.phase().roundTrips(), commGov), perInstance(bare.phase().roundTrips(), bare), "%14.1f");
        row(out, "SQL statements, 1 account-opening", commGov.accountStatements(), bare.accountStatements(), "%14.0f");
        row(out, "SQL statements, 1 fault-escalation", commGov.faultStatements(), bare.faultStatements(), "%14.0f");
        out.append(String.format(Locale.ROOT, "%-34s %8s %8s %8s %8s | %8s %8s %8s | %6s%n", "latency ms per REST call", "calls", "p50", "p95", "p99",
                "bare p50", "p95", "p99", "p95 x"));
        commGov.latencies().forEach((call, c) -> {
            double[] b = bare.latencies().getOrDefault(call, new double[] {0, Double.NaN, Double.NaN, Double.NaN});
            out.append(String.format(Locale.ROOT, "  %-32s %8.0f %8.1f %8.1f %8.1f | %8.1f %8.1f %8.1f | %6.1f%n", call, c[0], c[1], c[2], c[3],
                    b[1], b[2], b[3], c[2] / b[2]));
        });
        System.out.println(out);
    }

    private static double rate(Result r) {
        return r.phase().instances() / r.phase().seconds();
    }

    private static double perInstance(long count, Result r) {
        return r.phase().instances() == 0 ? Double.NaN : (double) count / r.phase().instances();
    }

    private static void row(StringBuilder out, String label, double commGov, double bare, String format) {
        String ratio = bare == 0 ? "-" : String.format(Locale.ROOT, "%.2f", commGov / bare);
        out.append(String.format(Locale.ROOT, "%-34s " + format + " " + format + " %8s%n", label, commGov, bare, ratio));
    }
}
