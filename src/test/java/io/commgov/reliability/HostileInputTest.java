package io.commgov.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.commgov.support.CommGovIntegrationTest;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * R-ERR under attack: a seeded generator of hostile requests over the REST contract of SPEC section 4 (malformed JSON,
 * wrong types, huge strings, SQL/HTML/script fragments, invalid dates, unknown process keys and variables), sent as real
 * demo users. No 5xx, no stack trace, every CommGov 400 names the field, nothing half-started, no markup echoed in a page.
 * Short form by default; {@code -Dcommgov.reliability.long=true} sends 10,000 (or {@code -Dcommgov.reliability.hostile.requests=N}).
 */
@CommGovIntegrationTest
class HostileInputTest {

    private static final Pattern STACK_FRAME = Pattern.compile("\\bat (org|java|jdk|io|com|jakarta|sun)\\.[\\w$.]+\\(|Exception:|\\.java:\\d+\\)");
    private static final String[] USERS = {"emma", "ivan", "iris", "ian", "sofia", "peter", "head-mkt", "sam", "alice", "mia", "admin"};
    private static final String[] SPEC_KEYS = {"account-opening", "role-change", "client-onboarding", "announcement-review",
            "fault-escalation", "data-export", "vendor-selection", "security-audit"};
    private static final String[] VARIABLES = {"symptom", "impactScope", "platformDown", "employeeId", "fullName", "department",
            "accountType", "endDate", "extraPermissions", "contentClass", "title", "body", "audience", "dataset", "ownerDepartment",
            "purpose", "approved", "comment", "response", "cause", "expectedFixAt", "initiator", "unknownVariable", "__proto__",
            "", " ", "a.b", "<script>alert(1)</script>"};
    private static final String[] TYPES = {"String", "Boolean", "Integer", "Long", "Double", "Short", "Date", "Json", "Xml",
            "Object", "Bytes", "File", "Null", "Nope", "", "<b>x</b>"};
    private static final String[] HOSTILE = {"' OR '1'='1", "'; DROP TABLE ACT_RU_EXECUTION; --", "1; SELECT SLEEP(5)",
            "\" OR \"\"=\"", "<script>alert('cg')</script>", "<img src=x onerror=alert(1)>", "\"><svg onload=alert(1)>",
            "javascript:alert(1)", "${7*7}", "#{7*7}", "{{7*7}}", "${java.lang.Runtime.getRuntime().exec('id')}",
            "../../../../etc/passwd", "%00", "\u0000", "\uFEFF", "\u202Eevil", "😀🚀", "故障：平台宕机", "NaN", "-1", "0",
            "99999999999999999999999999", "1e309", "true", "null", "", " ", "\n\r\t", "\\", "\"", "'", "{", "[]",
            "2026-02-30", "2026-13-01T25:61:00+08:00", "+999999999-12-31T23:59:59Z", "-0001-01-01", "2026-04-03T10:00:00",
            "2026-04-03T10:00:00+25:00", "P-1D", "PT", "P99999999999D", "P1D", "PT0S", "2026-04-03T10:00:00+08:00",
            "USER", "DEPARTMENT", "COMPANY", "EMPLOYEE", "INTERN", "workdays", "24x7", "OPEN", "CLOSED"};
    private static final String[] CALENDARS = {"workdays", "24x7", "nope", "..", "%2e%2e", "<script>", "' OR 1=1 --", "a b"};
    private static final String[] MALFORMED = {"{", "}", "{\"variables\":", "{\"variables\":{\"symptom\":{\"value\":}}}",
            "[1,2,3]", "\"just a string\"", "null", "true", "12", "{'single':'quotes'}", "{\"a\":1,}", "{\"variables\":[]}",
            "{\"variables\":\"oops\"}", "{\"variables\":{\"symptom\":\"not-an-object\"}}", "<xml/>", "\u0000\u0001",
            "{\"userId\":{\"nested\":true}}", "{\"userId\":[1,2]}", "{\"reason\":{}}", "{\"variables\":{\"x\":{\"value\":1,\"type\":{}}}}",
            "{\"businessKey\":{}}", "{\"withVariablesInReturn\":\"yes\"}", "{\"startInstructions\":\"x\"}"};

    @LocalServerPort int port;
    @Autowired ObjectMapper json;
    @Autowired RuntimeService runtimeService;
    @Autowired HistoryService historyService;
    @Autowired TaskService taskService;
    @Autowired RepositoryService repositoryService;

    private final List<String> startedHere = new ArrayList<>();

    @AfterEach
    void removeWhatWasStarted() {
        var all = new ArrayList<String>();
        for (var next = new ArrayList<>(startedHere); !next.isEmpty(); ) {
            all.addAll(next);
            var called = new ArrayList<String>();
            for (String id : next) {
                historyService.createHistoricProcessInstanceQuery().superProcessInstanceId(id).list().forEach(h -> called.add(h.getId()));
            }
            next = called;
        }
        for (String id : all) {
            if (runtimeService.createProcessInstanceQuery().processInstanceId(id).count() > 0) {
                runtimeService.deleteProcessInstance(id, "hostile-input test clean-up", true, true);
            }
            if (historyService.createHistoricProcessInstanceQuery().processInstanceId(id).count() > 0) {
                historyService.deleteHistoricProcessInstance(id);
            }
        }
    }

    @Test
    void hostileRequestsGetNo5xxNoStackTraceAndNothingHalfWritten() throws Exception {
        long seed = Long.getLong("commgov.reliability.seed", 20261125L);
        int requests = Http.count(2000, 10_000, "commgov.reliability.hostile.requests");
        var random = new Random(seed);
        var http = new Http(port);
        List<String> deployedKeys = repositoryService.createProcessDefinitionQuery().latestVersion().list().stream()
                .map(d -> d.getKey()).distinct().toList();

        // real targets, so that ids are sometimes valid: a few faults reported by emma, their first task for IT
        var realInstances = new ArrayList<String>();
        for (int i = 0; i < 3; i++) {
            var answer = http.post("emma", "/engine-rest/process-definition/key/fault-escalation/start",
                    "{\"variables\":{\"symptom\":{\"value\":\"会议无法加入\",\"type\":\"String\"},"
                            + "\"impactScope\":{\"value\":\"USER\",\"type\":\"String\"},\"platformDown\":{\"value\":false,\"type\":\"Boolean\"}}}");
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            String id = json.readTree(answer.body()).get("id").asText();
            realInstances.add(id);
            startedHere.add(id);
        }

        var failures = new ArrayList<String>();
        Map<String, Integer> statuses = new TreeMap<>();
        long startedAt = System.nanoTime();
        for (int n = 0; n < requests; n++) {
            String user = pick(random, USERS);
            int kind = random.nextInt(100);
            Http.Answer answer;
            if (kind < 30) {
                String key = random.nextInt(4) == 0 ? hostileSegment(random) : random.nextBoolean() ? pick(random, SPEC_KEYS)
                        : deployedKeys.get(random.nextInt(deployedKeys.size()));
                long before = historyService.createHistoricProcessInstanceQuery().count();
                answer = http.post(user, "/engine-rest/process-definition/key/" + encode(key) + "/start", startBody(random));
                long after = historyService.createHistoricProcessInstanceQuery().count();
                if (answer.status() == 200) {
                    JsonNode started = json.readTree(answer.body());
                    startedHere.add(started.get("id").asText());
                    if (after - before < 1) {
                        failures.add("a successful start added " + (after - before) + " instances: " + answer);
                    }
                } else if (after != before) {
                    failures.add("a refused start left " + (after - before) + " instance(s) behind: " + answer);
                }
            } else if (kind < 42) {
                String taskId = random.nextInt(3) == 0 ? anyTaskOf(realInstances, random) : hostileSegment(random);
                answer = http.post(user, "/engine-rest/task/" + encode(taskId) + "/complete", completeBody(random));
            } else if (kind < 57) {
                String query = "from=" + encode(random.nextInt(3) == 0 ? "2026-04-03T10:00:00+08:00" : queryValue(random))
                        + "&duration=" + encode(random.nextInt(3) == 0 ? "P1D" : queryValue(random));
                if (random.nextInt(10) == 0) {
                    query = random.nextBoolean() ? "duration=P1D" : "from=x&from=y&duration=";
                }
                answer = http.get(user, "/api/calendars/" + encode(random.nextBoolean() ? pick(random, CALENDARS) : hostileSegment(random))
                        + "/due?" + query);
            } else if (kind < 65) {
                String id = random.nextInt(3) == 0 ? realInstances.get(random.nextInt(realInstances.size())) : queryValue(random);
                answer = http.get(user, random.nextInt(10) == 0 ? "/api/sla" : "/api/sla?processInstanceId=" + encode(id));
            } else if (kind < 77) {
                String id = random.nextInt(4) == 0 ? realInstances.get(random.nextInt(realInstances.size())) : hostileSegment(random);
                String operation = random.nextBoolean() ? "withdraw" : "remind";
                // emma's real requests are only ever reminded, so they stay open for the other requests
                if (operation.equals("withdraw") && realInstances.contains(id)) {
                    user = "ivan";
                }
                answer = http.send(user, "POST", "/api/requests/" + encode(id) + "/" + operation, anyBody(random, "reason"),
                        random.nextInt(8) == 0 ? "text/plain" : "application/json");
            } else if (kind < 87) {
                String taskId = random.nextInt(3) == 0 ? anyTaskOf(realInstances, random) : hostileSegment(random);
                answer = http.send(user, "POST", "/api/tasks/" + encode(taskId) + "/transfer", anyBody(random, "userId"),
                        random.nextInt(8) == 0 ? "application/xml" : "application/json");
            } else {
                StringBuilder query = new StringBuilder();
                for (String parameter : new String[] {"state", "firstResult", "maxResults"}) {
                    if (random.nextBoolean()) {
                        query.append(query.isEmpty() ? "?" : "&").append(parameter).append('=').append(encode(queryValue(random)));
                    }
                }
                answer = http.get(random.nextBoolean() ? pick(random, new String[] {"ivan", "ian", "admin"}) : user, "/api/faults" + query);
            }
            statuses.merge(answer.status() / 100 + "xx " + answer.status(), 1, Integer::sum);
            check(answer, failures);
        }
        double seconds = (System.nanoTime() - startedAt) / 1e9;
        System.out.printf("hostile input: %d requests (seed %d) in %.1f s, %.0f requests/s; statuses %s%n", requests, seed, seconds,
                requests / seconds, statuses);
        Map<String, List<String>> byKind = new TreeMap<>();
        failures.forEach(f -> byKind.computeIfAbsent(f.replaceAll("^([^:]*: \\S+ /[a-z-]+/[a-z-]+).*$", "$1"), k -> new ArrayList<>()).add(f));
        byKind.forEach((kind, list) -> System.out.printf("FAILURE x%d %s%n  e.g. %s%n", list.size(), kind,
                String.join("\n  e.g. ", list.subList(0, Math.min(3, list.size())))));
        assertThat(failures).as("hostile requests answered wrongly (seed " + seed + "): " + failures.size() + " in "
                + byKind.keySet()).isEmpty();
        assertThat(statuses.keySet()).noneMatch(s -> s.startsWith("5"));
    }

    /** The defects the generator found, each pinned: they were 500s (or Spring's bodies without the field). */
    @Test
    void theDefectsFoundAreCallerErrorsNamingTheField() throws Exception {
        var http = new Http(port);
        var transfer = http.post("ivan", "/api/tasks/no-such-task/transfer", "{\"userId\":");
        assertThat(transfer.status()).isEqualTo(400);
        assertThat(json.readTree(transfer.body()).path("errors").get(0).path("field").asText()).isEqualTo("body");
        var wrongShape = http.post("ivan", "/api/tasks/no-such-task/transfer", "{\"userId\":{\"nested\":true}}");
        assertThat(wrongShape.status()).isEqualTo(400);
        assertThat(json.readTree(wrongShape.body()).path("errors").get(0).path("field").asText()).isEqualTo("userId");
        var page = http.get("ivan", "/api/faults?firstResult=abc");
        assertThat(page.status()).isEqualTo(400);
        assertThat(json.readTree(page.body()).path("errors").get(0).path("field").asText()).isEqualTo("firstResult");

        var farFuture = http.get("emma", "/api/calendars/24x7/due?from=%2B999999999-12-31T23:59:59Z&duration=P1D");
        assertThat(farFuture.status()).as(farFuture.toString()).isEqualTo(400);
        assertThat(json.readTree(farFuture.body()).path("errors").get(0).path("field").asText()).isEqualTo("from");
        var emoji = http.get("ivan", "/api/sla?processInstanceId=%F0%9F%98%80");
        assertThat(emoji.status()).as(emoji.toString()).isEqualTo(404);
        var emojiKey = http.post("emma", "/engine-rest/process-definition/key/%F0%9F%98%80/start", "{\"variables\":{}}");
        assertThat(emojiKey.status()).as(emojiKey.toString()).isEqualTo(404);

        // MariaDB: looking up why an emoji task ended must not fail the answer
        var emojiTask = http.post("ivan", "/engine-rest/task/%F0%9F%98%80%F0%9F%9A%80/complete", "{\"variables\":{}}");
        assertThat(emojiTask.status()).as(emojiTask.toString()).isEqualTo(404);
        // a task name reading a variable the caller left out: the caller's error, naming the variable, and no instance
        long beforeHandOver = historyService.createHistoricProcessInstanceQuery().processDefinitionKey("client-hand-over").count();
        var handOver = http.post("admin", "/engine-rest/process-definition/key/client-hand-over/start", "{\"variables\":{}}");
        assertThat(handOver.status()).as(handOver.toString()).isEqualTo(400);
        assertThat(json.readTree(handOver.body()).path("errors").get(0).path("field").asText()).isEqualTo("clientName");
        assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey("client-hand-over").count()).isEqualTo(beforeHandOver);

        var unknownTask = http.post("ivan", "/engine-rest/task/no-such-task/complete", "{\"variables\":{}}");
        assertThat(unknownTask.status()).as(unknownTask.toString()).isEqualTo(404);
        assertThat(json.readTree(unknownTask.body()).path("message").asText()).contains("no-such-task");
        for (String body : new String[] {"null", "12", "{\"variables\":{\"symptom\":{\"value\":\"x\",\"type\":\"\"}}}",
                "{\"variables\":{\"symptom\":{\"value\":\"x\",\"type\":\"File\"}}}",
                "{\"variables\":{\"symptom\":{\"value\":\"{\",\"type\":\"Json\"}}}", "{\"variables\":{\"symptom\":null}}",
                "{\"variables\":{\"symptom\":\"not an object\"}}", "{\"variables\":"}) {
            long before = historyService.createHistoricProcessInstanceQuery().count();
            var start = http.post("emma", "/engine-rest/process-definition/key/fault-escalation/start", body);
            assertThat(start.status()).as(start.toString()).isEqualTo(400);
            assertThat(start.contentType()).as(start.toString()).contains("json");
            assertThat(json.readTree(start.body()).path("message").asText()).as(start.toString()).isNotBlank()
                    .doesNotContain("org.camunda").doesNotContain("Exception:");
            assertThat(historyService.createHistoricProcessInstanceQuery().count()).isEqualTo(before);
        }
        long before = historyService.createHistoricProcessInstanceQuery().count();
        var longKey = http.post("sofia", "/engine-rest/process-definition/key/security-audit/start",
                "{\"variables\":{},\"businessKey\":\"" + "故".repeat(256) + "\"}");
        assertThat(longKey.status()).as(longKey.toString()).isEqualTo(400);
        assertThat(longKey.body()).contains("\"field\":\"businessKey\"");
        assertThat(historyService.createHistoricProcessInstanceQuery().count()).isEqualTo(before);
        var audience = http.post("emma", "/engine-rest/process-definition/key/announcement-review/start",
                "{\"variables\":{\"contentClass\":{\"value\":\"WORK\",\"type\":\"String\"},\"audience\":{\"value\":42,\"type\":\"Long\"}}}");
        assertThat(audience.status()).as(audience.toString()).isEqualTo(400);
        assertThat(audience.body()).contains("\"field\":\"audience\"");
    }

    private void check(Http.Answer a, List<String> failures) {
        if (a.status() >= 500) {
            failures.add("5xx: " + a);
            return;
        }
        String body = a.body() == null ? "" : a.body();
        if (STACK_FRAME.matcher(body).find()) {
            failures.add("stack trace in body: " + a);
        }
        boolean json = a.contentType().contains("json");
        if (!body.isEmpty() && !json && containsEchoedMarkup(a, body)) {
            failures.add("markup echoed unescaped in a " + a.contentType() + " page: " + a);
        }
        if (a.status() == 400 && !json) {
            failures.add("a 400 that is not JSON: " + a);
            return;
        }
        if (a.status() >= 400 && json) {
            JsonNode node;
            try {
                node = this.json.readTree(body);
            } catch (Exception e) {
                failures.add("unreadable JSON error body: " + a);
                return;
            }
            boolean commGovBody = a.path().startsWith("/api/") || "InvalidVariables".equals(node.path("type").asText());
            if (a.status() == 400 && commGovBody) {
                JsonNode errors = node.path("errors");
                if (!errors.isArray() || errors.isEmpty()) {
                    failures.add("a 400 without the errors array naming the field: " + a);
                } else {
                    errors.forEach(e -> {
                        if (!e.path("field").isTextual() || e.path("rule").asText("").isBlank()) {
                            failures.add("a 400 error without field and rule: " + a);
                        }
                    });
                }
            } else if (a.path().startsWith("/engine-rest/") && !node.hasNonNull("message")) {
                failures.add("a Camunda " + a.status() + " without a message: " + a);
            }
        }
    }

    private static boolean containsEchoedMarkup(Http.Answer a, String body) {
        String sent = (a.path() == null ? "" : java.net.URLDecoder.decode(a.path().replace("+", "%2B"), StandardCharsets.UTF_8))
                + (a.requestBody() == null ? "" : a.requestBody());
        for (String markup : new String[] {"<script>alert('cg')</script>", "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>",
                "<script>alert(1)</script>", "<b>x</b>", "<script>"}) {
            if (sent.contains(markup) && body.contains(markup)) {
                return true;
            }
        }
        return false;
    }

    private String startBody(Random r) throws Exception {
        if (r.nextInt(6) == 0) {
            return r.nextBoolean() ? pick(r, MALFORMED) : truncate(variablesJson(r), r);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("variables", variables(r));
        if (r.nextInt(5) == 0) {
            body.put("businessKey", hostileValue(r));
        }
        if (r.nextInt(8) == 0) {
            body.put(hostileValue(r), hostileValue(r));
        }
        return json.writeValueAsString(body);
    }

    private String completeBody(Random r) throws Exception {
        if (r.nextInt(5) == 0) {
            return pick(r, MALFORMED);
        }
        return json.writeValueAsString(Map.of("variables", variables(r)));
    }

    private String variablesJson(Random r) throws Exception {
        return json.writeValueAsString(Map.of("variables", variables(r)));
    }

    private Map<String, Object> variables(Random r) {
        Map<String, Object> variables = new LinkedHashMap<>();
        int count = r.nextInt(6);
        for (int i = 0; i < count; i++) {
            String name = r.nextInt(6) == 0 ? hostileValue(r) : pick(r, VARIABLES);
            Map<String, Object> variable = new LinkedHashMap<>();
            variable.put("value", anyValue(r));
            if (r.nextInt(8) != 0) {
                variable.put("type", pick(r, TYPES));
            }
            if (r.nextInt(10) == 0) {
                variable.put("valueInfo", Map.of("objectTypeName", "java.lang.ProcessBuilder",
                        "serializationDataFormat", r.nextBoolean() ? "application/x-java-serialized-object" : "application/json"));
            }
            variables.put(name, r.nextInt(15) == 0 ? anyValue(r) : variable);
        }
        return variables;
    }

    private Object anyValue(Random r) {
        return switch (r.nextInt(9)) {
            case 0 -> r.nextBoolean();
            case 1 -> r.nextLong();
            case 2 -> r.nextDouble() * 1e12;
            case 3 -> null;
            case 4 -> List.of(hostileValue(r), r.nextInt());
            case 5 -> Map.of("nested", hostileValue(r));
            default -> hostileValue(r);
        };
    }

    private String anyBody(Random r, String field) throws Exception {
        return switch (r.nextInt(5)) {
            case 0 -> pick(r, MALFORMED);
            case 1 -> null;
            case 2 -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put(field, anyValue(r));
                yield json.writeValueAsString(body);
            }
            default -> json.writeValueAsString(Map.of(field, hostileValue(r)));
        };
    }

    private static String hostileValue(Random r) {
        return switch (r.nextInt(10)) {
            case 0 -> huge(r, 1 + r.nextInt(r.nextBoolean() ? 3000 : 100_000));
            case 1 -> pick(r, HOSTILE) + pick(r, HOSTILE);
            default -> pick(r, HOSTILE);
        };
    }

    /** Query values stay (encoded, up to 9 bytes a character, three of them in a query) below the server's 8 KiB request-line limit, which is refused before the application runs. */
    private static String queryValue(Random r) {
        return r.nextInt(10) == 0 ? huge(r, 1 + r.nextInt(500)) : pick(r, HOSTILE);
    }

    /** Path segments stay below the server's 8 KiB request-line limit, which is refused before the application runs. */
    private static String hostileSegment(Random r) {
        String value = r.nextInt(10) == 0 ? huge(r, 1 + r.nextInt(700)) : pick(r, HOSTILE);
        return value.isEmpty() || value.isBlank() || value.contains("/") || value.contains("\\") || value.equals("%00")
                || value.contains("\u0000") || value.contains(";") ? "x" + Integer.toHexString(r.nextInt()) : value;
    }

    private static String huge(Random r, int length) {
        var s = new StringBuilder(length);
        String alphabet = "abcxyz0129 <>'\";&%$#{}[]故障平台😀";
        while (s.length() < length) {
            s.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    private static String truncate(String text, Random r) {
        return text.substring(0, Math.max(1, r.nextInt(text.length())));
    }

    private String anyTaskOf(List<String> instances, Random r) {
        var tasks = taskService.createTaskQuery().processInstanceIdIn(instances.toArray(String[]::new)).list();
        return tasks.isEmpty() ? "no-task" : tasks.get(r.nextInt(tasks.size())).getId();
    }

    private static String pick(Random r, String[] values) {
        return values[r.nextInt(values.length)];
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
