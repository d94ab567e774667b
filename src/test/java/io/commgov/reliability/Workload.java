package io.commgov.reliability;

import java.io.UncheckedIOException;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The work of the reliability tests, over HTTP as the demo users: {@code fault-escalation} reported by emma and taken
 * through respond, diagnose, fix and confirm by ivan and emma; {@code account-opening} (EMPLOYEE) applied for by
 * head-mkt and approved by ivan; SLA breach reviews by ian. It remembers what the application acknowledged (the
 * instances whose start answered 200, the tasks whose completion answered 204), so a test can compare that with the
 * database after a crash. A request that gets no answer (the node died) is counted, not remembered.
 */
final class Workload {

    static final String FAULT = "fault-escalation";
    static final String ACCOUNT = "account-opening";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** instance id → process key, for every start the application acknowledged. */
    final Map<String, String> started = new ConcurrentHashMap<>();
    /** task ids whose completion the application acknowledged. */
    final Set<String> completed = ConcurrentHashMap.newKeySet();
    final AtomicInteger noAnswer = new AtomicInteger();
    final AtomicInteger unavailable = new AtomicInteger();
    final AtomicInteger conflicts = new AtomicInteger();
    final List<Http.Answer> unexpected = java.util.Collections.synchronizedList(new ArrayList<>());

    /** One unit of load: start an instance now and then, else advance one open task. */
    void step(Http http) {
        int dice = ThreadLocalRandom.current().nextInt(10);
        if (dice < 2) {
            startFault(http);
        } else if (dice < 4) {
            startAccount(http);
        } else if (!advanceOne(http)) {
            startFault(http);
        }
    }

    String startFault(Http http) {
        return start(http, "emma", FAULT, "{\"variables\":{\"symptom\":{\"value\":\"可靠性测试 " + System.nanoTime() + "\",\"type\":\"String\"},"
                + "\"impactScope\":{\"value\":\"USER\",\"type\":\"String\"},\"platformDown\":{\"value\":false,\"type\":\"Boolean\"}}}");
    }

    String startAccount(Http http) {
        String employeeId = "R" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
        return start(http, "head-mkt", ACCOUNT, "{\"variables\":{\"employeeId\":{\"value\":\"" + employeeId + "\",\"type\":\"String\"},"
                + "\"fullName\":{\"value\":\"王五\",\"type\":\"String\"},\"department\":{\"value\":\"MKT\",\"type\":\"String\"},"
                + "\"accountType\":{\"value\":\"EMPLOYEE\",\"type\":\"String\"}}}");
    }

    private String start(Http http, String user, String key, String body) {
        Http.Answer answer = send(() -> http.post(user, "/engine-rest/process-definition/key/" + key + "/start", body));
        if (answer == null || answer.status() != 200) {
            return null;
        }
        String id = read(answer).get("id").asText();
        started.put(id, key);
        return id;
    }

    /** Completes one open task of the started instances (claiming it first when it is a group task); false when none is open. */
    boolean advanceOne(Http http) {
        for (String user : List.of("ivan", "emma", "ian")) {
            Http.Answer list = send(() -> http.get(user, "/engine-rest/task?" + (user.equals("emma") ? "assignee=emma" : "candidateUser=" + user
                    + "&includeAssignedTasks=true") + "&maxResults=50"));
            if (list == null || list.status() != 200) {
                return false;
            }
            var tasks = new ArrayList<JsonNode>();
            read(list).forEach(tasks::add);
            java.util.Collections.shuffle(tasks);
            for (JsonNode task : tasks) {
                if (!started.containsKey(task.get("processInstanceId").asText()) || completed.contains(task.get("id").asText())) {
                    continue;
                }
                if (complete(http, user, task)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Advances until no task of a started instance is open, or {@code seconds} have passed; answers the tasks completed. */
    int finish(Http http, int seconds) {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        int done = 0;
        while (System.nanoTime() < deadline && advanceOne(http)) {
            done++;
        }
        return done;
    }

    private boolean complete(Http http, String user, JsonNode task) {
        String id = task.get("id").asText();
        String variables = variablesFor(task.get("taskDefinitionKey").asText());
        if (variables == null) {
            return false;
        }
        if (task.get("assignee").isNull()) {
            Http.Answer claim = send(() -> http.post(user, "/engine-rest/task/" + id + "/claim", "{\"userId\":\"" + user + "\"}"));
            if (claim == null || claim.status() != 204) {
                return false;
            }
        } else if (!user.equals(task.get("assignee").asText())) {
            return false;
        }
        Http.Answer done = send(() -> http.post(user, "/engine-rest/task/" + id + "/complete", "{\"variables\":{" + variables + "}}"));
        if (done != null && done.status() == 204) {
            completed.add(id);
            return true;
        }
        return false;
    }

    private static String variablesFor(String taskDefinitionKey) {
        return switch (taskDefinitionKey) {
            case "Task_RespondToFault" -> text("response", "已收到，正在处理");
            case "Task_DiagnoseFault" -> text("cause", "交换机故障") + "," + text("expectedFixAt", "2099-01-01T10:00:00+08:00");
            case "Task_FixFault" -> text("fixConfirmation", "已更换交换机");
            case "Task_ConfirmFix" -> "\"fixed\":{\"value\":true,\"type\":\"Boolean\"}";
            case "Task_ReviewByIt" -> "\"approved\":{\"value\":true,\"type\":\"Boolean\"}," + text("comment", "同意");
            case "Task_ReviewResponseBreach", "Task_ReviewDiagnosisBreach" -> text("escalationAction", "已督促处理");
            default -> null;
        };
    }

    private static String text(String name, String value) {
        return "\"" + name + "\":{\"value\":\"" + value + "\",\"type\":\"String\"}";
    }

    /** One request; null when no answer came (connection refused or reset: the node is down). 503 and 409 are counted. */
    private Http.Answer send(java.util.function.Supplier<Http.Answer> request) {
        try {
            Http.Answer answer = request.get();
            if (answer.status() == 503) {
                unavailable.incrementAndGet();
            } else if (answer.status() == 409 || answer.status() == 404) {
                conflicts.incrementAndGet();
            } else if (answer.status() >= 400) {
                unexpected.add(answer);
            }
            return answer;
        } catch (UncheckedIOException e) {
            noAnswer.incrementAndGet();
            return null;
        }
    }

    private static JsonNode read(Http.Answer answer) {
        try {
            return JSON.readTree(answer.body());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("not JSON: " + answer, e);
        }
    }

    // ---- what the database says (plain JDBC, root) ----

    static long count(String url, String sql, Object... parameters) throws SQLException {
        try (var connection = DriverManager.getConnection(url, "root", "");
             var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (var result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    static List<String> strings(String url, String sql) throws SQLException {
        try (var connection = DriverManager.getConnection(url, "root", "");
             var statement = connection.createStatement();
             var result = statement.executeQuery(sql)) {
            var values = new ArrayList<String>();
            while (result.next()) {
                values.add(result.getString(1));
            }
            return values;
        }
    }

    /** Started instances missing from the engine's history: lost. */
    List<String> lost(String url) throws SQLException {
        var known = Set.copyOf(strings(url, "select ID_ from ACT_HI_PROCINST"));
        return started.keySet().stream().filter(id -> !known.contains(id)).sorted().toList();
    }

    /** Acknowledged task completions the engine's history does not show as completed: lost work. */
    List<String> lostCompletions(String url) throws SQLException {
        var known = Set.copyOf(strings(url, "select ID_ from ACT_HI_TASKINST where END_TIME_ is not null"));
        return completed.stream().filter(id -> !known.contains(id)).sorted().toList();
    }

    /** Started instances that neither ended nor carry an open incident (after {@link #finish}: stuck). */
    List<String> neitherEndedNorIncident(String url) throws SQLException {
        var ended = Set.copyOf(strings(url, "select ID_ from ACT_HI_PROCINST where END_TIME_ is not null"));
        var incident = Set.copyOf(strings(url, "select distinct PROC_INST_ID_ from ACT_RU_INCIDENT"));
        return started.keySet().stream().filter(id -> !ended.contains(id) && !incident.contains(id)).sorted().toList();
    }

    long startedOf(String key) {
        return started.values().stream().filter(key::equals).count();
    }
}
