package io.commgov.bench;

import java.lang.management.ManagementFactory;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

/**
 * Tasklist at scale: {@code -Dbench.tasks} (100,000 by default) open IT review tasks of {@code account-opening} in
 * CommGov's database, then ivan's "我的组任务" (group tasks) filter as Tasklist asks for it (first page of 15 as HAL,
 * and the count), and the plain {@code GET /engine-rest/task?candidateUser=ivan} page, each timed for p50/p95/p99; and the
 * heap the application uses (MemoryMXBean after a GC) before and after.
 * <p>The tasks are made fast: one real instance is started over REST (head-mkt), then its runtime rows
 * (ACT_RU_EXECUTION, ACT_RU_TASK, ACT_RU_IDENTITYLINK, ACT_RU_AUTHORIZATION) are copied N times with new ids in JDBC
 * batches; variables and history are not copied (the queries read neither).
 * <p>Run: {@code ./mvnw -Pbench test-compile exec:exec -Dbench.main=io.commgov.bench.TasklistScaleBenchmark -Dbench.db=h2}
 */
public final class TasklistScaleBenchmark {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final List<String> TABLES = List.of("ACT_RU_EXECUTION", "ACT_RU_TASK", "ACT_RU_IDENTITYLINK", "ACT_RU_AUTHORIZATION");

    private TasklistScaleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int tasks = Integer.getInteger("bench.tasks", 100_000);
        int queries = Integer.getInteger("bench.queries", 60);
        try (var app = BenchApps.commGov(null, "--logging.level.root=WARN")) {
            var http = new BenchHttp(BenchApps.port(app), null);
            long heapIdle = heapAfterGc();
            var started = http.post("start", "head-mkt", "/engine-rest/process-definition/key/account-opening/start",
                    "{\"variables\":{\"employeeId\":{\"value\":\"S" + System.currentTimeMillis() % 10_000_000 + "\",\"type\":\"String\"},"
                            + "\"fullName\":{\"value\":\"张三\",\"type\":\"String\"},\"department\":{\"value\":\"MKT\",\"type\":\"String\"},"
                            + "\"accountType\":{\"value\":\"EMPLOYEE\",\"type\":\"String\"}}}");
            if (started.status() != 200) {
                throw new IllegalStateException("start answered " + started.status() + ": " + started.body());
            }
            String instance = id(started.body());
            long t0 = System.nanoTime();
            Map<String, Integer> copied = copy(app.getBean(DataSource.class), instance, tasks - 1);
            double insertSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "%,d instances' runtime rows copied in %.1f s: %s%n", tasks - 1, insertSeconds, copied);

            String filter = id(http.get("filter", "ivan", "/engine-rest/filter?name=" + URLEncoder.encode("我的组任务", StandardCharsets.UTF_8)).body());
            var latencies = new Latencies();
            var timed = new BenchHttp(BenchApps.port(app), latencies);
            String sorting = "{\"sorting\":[{\"sortBy\":\"created\",\"sortOrder\":\"desc\"}]}";
            String count = null;
            for (int i = 0; i < queries + 5; i++) {
                var target = i < 5 ? http : timed;
                var list = target.postHal("POST filter/{group-tasks}/list (15, HAL)", "ivan", "/engine-rest/filter/" + filter
                        + "/list?firstResult=0&maxResults=15", sorting);
                var counted = target.post("POST filter/{group-tasks}/count", "ivan", "/engine-rest/filter/" + filter + "/count", sorting);
                var plain = target.get("GET task?candidateUser=ivan (15)", "ivan",
                        "/engine-rest/task?candidateUser=ivan&firstResult=0&maxResults=15&sortBy=created&sortOrder=desc");
                if (list.status() != 200 || counted.status() != 200 || plain.status() != 200) {
                    throw new IllegalStateException("query failed: " + list.status() + " " + counted.status() + " " + plain.status() + " "
                            + counted.body());
                }
                count = counted.body();
            }
            long heapLoaded = heapAfterGc();
            var out = new StringBuilder(String.format(Locale.ROOT,
                    "%nTASKLIST SCALE BENCHMARK on %s: %,d open IT review tasks; ivan's group-tasks count answers %s; JDK %s, %d cores, max heap %d MB%n",
                    BenchApps.databaseLabel(), tasks, count, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory() >> 20));
            out.append(String.format(Locale.ROOT, "  %-42s %6s %9s %9s %9s%n", "latency ms", "calls", "p50", "p95", "p99"));
            latencies.percentilesMillis().forEach((call, p) -> out.append(String.format(Locale.ROOT, "  %-42s %6.0f %9.1f %9.1f %9.1f%n",
                    call, p[0], p[1], p[2], p[3])));
            out.append(String.format(Locale.ROOT, "  heap used after GC: %d MB idle, %d MB with the %,d tasks queried (rows made in %.1f s)%n",
                    heapIdle >> 20, heapLoaded >> 20, tasks, insertSeconds));
            System.out.println(out);
        }
    }

    /** Copies the runtime rows of {@code instance} {@code times} times, replacing every id of the template with a new one. */
    static Map<String, Integer> copy(DataSource dataSource, String instance, int times) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            Map<String, List<Map<String, Object>>> template = new LinkedHashMap<>();
            List<Map<String, Object>> executions = rows(c, "SELECT * FROM ACT_RU_EXECUTION WHERE PROC_INST_ID_ = ? ORDER BY PARENT_ID_", instance);
            executions.sort((a, b) -> a.get("PARENT_ID_") == null ? -1 : b.get("PARENT_ID_") == null ? 1 : 0);
            template.put("ACT_RU_EXECUTION", executions);
            List<Map<String, Object>> taskRows = rows(c, "SELECT * FROM ACT_RU_TASK WHERE PROC_INST_ID_ = ?", instance);
            template.put("ACT_RU_TASK", taskRows);
            var links = new ArrayList<Map<String, Object>>();
            var auths = new ArrayList<Map<String, Object>>();
            for (var task : taskRows) {
                links.addAll(rows(c, "SELECT * FROM ACT_RU_IDENTITYLINK WHERE TASK_ID_ = ?", task.get("ID_")));
                auths.addAll(rows(c, "SELECT * FROM ACT_RU_AUTHORIZATION WHERE RESOURCE_ID_ = ?", task.get("ID_")));
            }
            template.put("ACT_RU_IDENTITYLINK", links);
            template.put("ACT_RU_AUTHORIZATION", auths);
            Set<Object> ids = new java.util.HashSet<>();
            template.values().forEach(rs -> rs.forEach(r -> ids.add(r.get("ID_"))));

            Map<String, Integer> counts = new LinkedHashMap<>();
            int batch = 2000;
            for (int from = 0; from < times; from += batch) {
                int to = Math.min(times, from + batch);
                for (String table : TABLES) {
                    var rowsOfTable = template.get(table);
                    if (rowsOfTable.isEmpty()) {
                        continue;
                    }
                    var columns = new ArrayList<>(rowsOfTable.get(0).keySet());
                    String sql = "INSERT INTO " + table + " (" + String.join(",", columns) + ") VALUES (" + "?,".repeat(columns.size() - 1) + "?)";
                    try (var insert = c.prepareStatement(sql)) {
                        for (int i = from; i < to; i++) {
                            String suffix = "-b" + i;
                            for (var row : rowsOfTable) {
                                for (int k = 0; k < columns.size(); k++) {
                                    Object v = row.get(columns.get(k));
                                    insert.setObject(k + 1, v instanceof String s && ids.contains(s) ? s + suffix : v);
                                }
                                insert.addBatch();
                            }
                        }
                        insert.executeBatch();
                    }
                    counts.merge(table, rowsOfTable.size() * (to - from), Integer::sum);
                }
                c.commit();
            }
            return counts;
        }
    }

    private static List<Map<String, Object>> rows(Connection c, String sql, Object arg) throws SQLException {
        try (var s = c.prepareStatement(sql)) {
            s.setObject(1, arg);
            try (ResultSet rs = s.executeQuery()) {
                var out = new ArrayList<Map<String, Object>>();
                var meta = rs.getMetaData();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        row.put(meta.getColumnLabel(i).toUpperCase(Locale.ROOT), rs.getObject(i));
                    }
                    out.add(row);
                }
                return out;
            }
        }
    }

    private static long heapAfterGc() {
        var memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            memory.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static String id(String json) {
        Matcher m = ID.matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no id in " + json);
        }
        return m.group(1);
    }
}
