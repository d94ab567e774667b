package io.commgov.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.commgov.support.CommGovIntegrationTest;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * R-SOD, least privilege: every role of SPEC section 1 (one demo user each) against the main endpoints and task types.
 * The table is generated from real HTTP calls, printed, and compared with {@code authorization-matrix.csv}: an allow the
 * table does not expect fails the test, and so does a refusal it does not expect. A probe never changes anything: a
 * start without variables is refused by the start contract (400) once authorization has let it through, a calendar edit
 * names a day kind that does not exist, a deployment breaks the deployment rules.
 */
@CommGovIntegrationTest
class AuthorizationMatrixTest {

    static final String[][] USERS = {{"emma", "employee"}, {"head-mkt", "dept-head"}, {"mia", "mentor"}, {"sarah", "sales-head"},
            {"sam", "sales"}, {"ivan", "it"}, {"ian", "it-head"}, {"alice", "administration"}, {"sofia", "security"},
            {"peter", "process-owner"}, {"admin", "camunda-admin"}};
    static final String[] START_KEYS = {"account-opening", "role-change", "client-onboarding", "announcement-review",
            "fault-escalation", "data-export", "vendor-selection", "security-audit"};

    @LocalServerPort int port;
    @Autowired ObjectMapper json;
    @Autowired RepositoryService repositoryService;
    @Autowired RuntimeService runtimeService;
    @Autowired HistoryService historyService;
    @Autowired TaskService taskService;

    @Test
    void everyRoleIsAllowedExactlyWhatTheExpectedTableSays() throws Exception {
        var http = new Http(port);
        Map<String, Function<String, Http.Answer>> probes = new LinkedHashMap<>();
        for (String key : START_KEYS) {
            if (repositoryService.createProcessDefinitionQuery().processDefinitionKey(key).count() > 0) {
                probes.put("start " + key, user -> http.post(user, "/engine-rest/process-definition/key/" + key + "/start",
                        "{\"variables\":{\"probe\":{\"value\":\"x\",\"type\":\"String\"}}}"));
            }
        }
        probes.put("GET /api/calendars", user -> http.get(user, "/api/calendars"));
        probes.put("PUT /api/calendars/{name}/days/{date}", user -> http.send(user, "PUT", "/api/calendars/workdays/days/2099-01-01",
                "{\"kind\":\"NO-SUCH-KIND\"}", "application/json"));
        probes.put("GET /api/calendars/{name}/due", user -> http.get(user,
                "/api/calendars/workdays/due?from=2026-04-03T10:00:00%2B08:00&duration=P1D"));
        probes.put("GET /api/audit/verify", user -> http.get(user, "/api/audit/verify"));
        probes.put("GET /api/audit/entries", user -> http.get(user, "/api/audit/entries?size=1"));
        probes.put("GET /api/faults", user -> http.get(user, "/api/faults?maxResults=1"));
        probes.put("GET /api/backups", user -> http.get(user, "/api/backups"));
        probes.put("GET /api/announcements/screen-words", user -> http.get(user, "/api/announcements/screen-words"));
        probes.put("POST /engine-rest/deployment/create", user -> deploy(http, user));
        String fault = startFault(http);
        probes.put("GET /api/sla (fault of emma)", user -> http.get(user, "/api/sla?processInstanceId=" + fault));
        String responseTask = taskService.createTaskQuery().processInstanceId(fault).taskDefinitionKey("Task_RespondToFault")
                .singleResult().getId();
        probes.put("claim fault response task (it)", user -> new Http.Answer("PROBE", "claim", null, 0, "verdict",
                changed(http.post(user, "/engine-rest/task/" + responseTask + "/claim", "{\"userId\":\"" + user + "\"}"),
                        () -> user.equals(taskService.createTaskQuery().taskId(responseTask).singleResult().getAssignee()),
                        () -> taskService.setAssignee(responseTask, null))));
        hostileRoutes(http, fault, responseTask).forEach((name, probe) -> probes.put(name, user -> new Http.Answer("PROBE", name, null,
                0, "verdict", probe.apply(user))));

        var actual = new LinkedHashMap<String, Map<String, String>>();
        var odd = new ArrayList<String>();
        for (String[] user : USERS) {
            Map<String, String> row = new LinkedHashMap<>();
            for (var probe : probes.entrySet()) {
                Http.Answer answer = probe.getValue().apply(user[0]);
                String verdict = verdict(answer);
                if (verdict.equals("?")) {
                    odd.add(user[0] + " / " + probe.getKey() + ": " + answer);
                }
                row.put(probe.getKey(), verdict);
            }
            actual.put(user[0] + " (" + user[1] + ")", row);
        }
        removeInstancesStartedBy(List.of(fault));
        long probesDeployed = repositoryService.createDeploymentQuery().deploymentName("matrix-probe").count();
        repositoryService.createDeploymentQuery().deploymentName("matrix-probe").list()
                .forEach(d -> repositoryService.deleteDeployment(d.getId(), true));
        assertThat(probesDeployed).as("the probe model breaks the deployment rules and is never deployed").isZero();
        String table = table(probes.keySet().stream().toList(), actual);
        System.out.println("Authorization matrix (A = allowed, - = refused):\n" + table);

        Map<String, Map<String, String>> expected = expected();
        var unexpectedAllows = new ArrayList<String>();
        var unexpectedRefusals = new ArrayList<String>();
        actual.forEach((user, row) -> row.forEach((probe, verdict) -> {
            String want = expected.getOrDefault(user, Map.of()).get(probe);
            if (want == null) {
                unexpectedRefusals.add(user + " / " + probe + ": not in the expected table");
            } else if (verdict.equals("A") && !want.equals("A")) {
                unexpectedAllows.add(user + " / " + probe);
            } else if (!verdict.equals(want)) {
                unexpectedRefusals.add(user + " / " + probe + ": expected " + want + ", got " + verdict);
            }
        }));
        assertThat(odd).as("answers that are neither an allow nor a clean refusal").isEmpty();
        assertThat(unexpectedAllows).as("UNEXPECTED ALLOWS\n" + table).isEmpty();
        assertThat(unexpectedRefusals).as("differences from the expected table\n" + table).isEmpty();
    }

    /**
     * Routes a hostile integrator tries around the rules (finding by finding of the security model): each probe says
     * by the state it leaves whether the route did what it asked ({@code A}), was refused cleanly ({@code -}, a 4xx and
     * nothing changed) or broke ({@code ?}, a 5xx); whatever it changed is undone before the next user.
     */
    private Map<String, Function<String, String>> hostileRoutes(Http http, String fault, String task) {
        Map<String, Function<String, String>> routes = new LinkedHashMap<>();
        routes.put("assign fault task to emma (not entitled)", user -> changed(http.post(user, "/engine-rest/task/" + task + "/assignee",
                "{\"userId\":\"emma\"}"), () -> "emma".equals(taskService.createTaskQuery().taskId(task).singleResult().getAssignee()),
                () -> taskService.setAssignee(task, null)));
        routes.put("delegate fault task to emma (not entitled)", user -> changed(http.post(user, "/engine-rest/task/" + task + "/delegate",
                "{\"userId\":\"emma\"}"), () -> "emma".equals(taskService.createTaskQuery().taskId(task).singleResult().getAssignee()),
                () -> {
                    taskService.setAssignee(task, null);
                    taskService.setOwner(task, null);
                }));
        routes.put("add emma as candidate of fault task", user -> changed(http.post(user, "/engine-rest/task/" + task + "/identity-links",
                "{\"userId\":\"emma\",\"type\":\"candidate\"}"), () -> taskService.getIdentityLinksForTask(task).stream()
                .anyMatch(l -> "emma".equals(l.getUserId())), () -> taskService.deleteCandidateUser(task, "emma")));
        routes.put("PUT task-local initiator of fault task", user -> changed(http.send(user, "PUT",
                "/engine-rest/task/" + task + "/localVariables/initiator", "{\"value\":\"adam\",\"type\":\"String\"}", "application/json"),
                () -> taskService.getVariableLocal(task, "initiator") != null, () -> taskService.removeVariableLocal(task, "initiator")));
        routes.put("PUT process variable summary of emma's fault", user -> {
            Object before = runtimeService.getVariable(fault, "summary");
            return changed(http.send(user, "PUT", "/engine-rest/process-instance/" + fault + "/variables/summary",
                    "{\"value\":\"forged\",\"type\":\"String\"}", "application/json"),
                    () -> "forged".equals(runtimeService.getVariable(fault, "summary")), () -> runtimeService.setVariable(fault, "summary", before));
        });
        routes.put("comment on fault task", user -> {
            int before = taskService.getTaskComments(task).size();
            return changed(http.post(user, "/engine-rest/task/" + task + "/comment/create", "{\"message\":\"probe\"}"),
                    () -> taskService.getTaskComments(task).size() > before,
                    () -> taskService.getTaskComments(task).stream().filter(c -> "probe".equals(c.getFullMessage()))
                            .forEach(c -> taskService.deleteTaskComment(task, c.getId())));
        });
        routes.put("GET /api/tasks/{id}/signers (fault task)", user -> verdict(http.get(user, "/api/tasks/" + task + "/signers")));
        routes.put("GET history variables of emma's fault", user -> readsData(http.get(user,
                "/engine-rest/history/variable-instance?processInstanceId=" + fault), "权限矩阵探测"));
        routes.put("GET history details of emma's fault", user -> readsData(http.get(user,
                "/engine-rest/history/detail?processInstanceId=" + fault), "权限矩阵探测"));
        routes.put("submit-form fault with a forged initiator", user -> {
            long before = startedWithForgedInitiator();
            var answer = http.post(user, "/engine-rest/process-definition/key/fault-escalation/submit-form",
                    "{\"variables\":{\"symptom\":{\"value\":\"伪造申请人\"},\"impactScope\":{\"value\":\"USER\"},"
                            + "\"platformDown\":{\"value\":false,\"type\":\"Boolean\"},\"initiator\":{\"value\":\"adam\"}}}");
            String verdict = changed(answer, () -> startedWithForgedInitiator() > before, () -> { });
            // whatever the verdict, the probe's own request does not stay
            removeInstancesStartedBy(historyService.createHistoricVariableInstanceQuery().variableName("symptom")
                    .variableValueEquals("symptom", "伪造申请人").list().stream().map(v -> v.getProcessInstanceId()).toList());
            return verdict;
        });
        String cleanup = historyService.findHistoryCleanupJobs().stream().findFirst().map(j -> j.getId()).orElse(null);
        if (cleanup != null) {
            routes.put("execute the history cleanup job", user -> verdict(http.post(user, "/engine-rest/job/" + cleanup + "/execute", null)));
        }
        return routes;
    }

    private long startedWithForgedInitiator() {
        return historyService.createHistoricVariableInstanceQuery().variableName("initiator").variableValueEquals("initiator", "adam")
                .list().stream().filter(v -> "fault-escalation".equals(v.getProcessDefinitionKey())).count();
    }

    /** A if the route did what it asked (then undone), - if it was refused with a 4xx and changed nothing, ? otherwise. */
    private static String changed(Http.Answer answer, java.util.function.BooleanSupplier effect, Runnable undo) {
        boolean happened = effect.getAsBoolean();
        if (happened) {
            undo.run();
            return "A";
        }
        return answer.status() >= 200 && answer.status() < 500 ? "-" : "?";
    }

    /** A read: A if the answer carries the request's data, - if refused or filtered to nothing. */
    private static String readsData(Http.Answer answer, String marker) {
        if (answer.status() >= 500) {
            return "?";
        }
        return answer.status() == 200 && answer.body().contains(marker) ? "A" : "-";
    }

    /** A = let through (2xx, or the contract's 400 after authorization), - = refused (401/403/404 before anything ran). */
    private String verdict(Http.Answer a) {
        if (a.method().equals("PROBE")) {
            return a.body();
        }
        if (a.status() >= 200 && a.status() < 300) {
            if (a.path().endsWith("/start")) {
                try {
                    removeInstancesStartedBy(List.of(json.readTree(a.body()).get("id").asText()));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            return "A";
        }
        if (a.status() == 400) {
            return "A";
        }
        if (a.status() == 401 || a.status() == 403 || a.status() == 404) {
            return "-";
        }
        return "?";
    }

    private Http.Answer deploy(Http http, String user) {
        String boundary = "----commgov-matrix";
        String bpmn = """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Definitions_Probe"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="http://commgov.io/probe">
                  <bpmn:process id="matrix-probe" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <bpmn:startEvent id="StartEvent_Probe"/>
                  </bpmn:process>
                </bpmn:definitions>
                """;
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nmatrix-probe\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"matrix-probe.bpmn\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + bpmn + "\r\n--" + boundary + "--\r\n";
        return http.send(user, "POST", "/engine-rest/deployment/create", body, "multipart/form-data; boundary=" + boundary);
    }

    private String startFault(Http http) throws IOException {
        var answer = http.post("emma", "/engine-rest/process-definition/key/fault-escalation/start",
                "{\"variables\":{\"symptom\":{\"value\":\"权限矩阵探测\",\"type\":\"String\"},"
                        + "\"impactScope\":{\"value\":\"USER\",\"type\":\"String\"},\"platformDown\":{\"value\":false,\"type\":\"Boolean\"}}}");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return json.readTree(answer.body()).get("id").asText();
    }

    private void removeInstancesStartedBy(List<String> ids) {
        for (String id : ids) {
            if (runtimeService.createProcessInstanceQuery().processInstanceId(id).count() > 0) {
                runtimeService.deleteProcessInstance(id, "authorization matrix clean-up", true, true);
            }
            historyService.createHistoricProcessInstanceQuery().superProcessInstanceId(id).list()
                    .forEach(h -> historyService.deleteHistoricProcessInstance(h.getId()));
            if (historyService.createHistoricProcessInstanceQuery().processInstanceId(id).count() > 0) {
                historyService.deleteHistoricProcessInstance(id);
            }
        }
    }

    private static String table(List<String> probes, Map<String, Map<String, String>> rows) {
        var out = new StringBuilder(String.format("%-58s", "endpoint \\ user (role)"));
        rows.keySet().forEach(user -> out.append(String.format(" %-9s", user.substring(0, user.indexOf(' ')))));
        out.append('\n');
        for (String probe : probes) {
            out.append(String.format("%-58s", probe));
            rows.values().forEach(row -> out.append(String.format(" %-9s", row.get(probe))));
            out.append('\n');
        }
        return out.toString();
    }

    /** The expected table: one line per endpoint, one column per user, {@code A} or {@code -}. */
    private static Map<String, Map<String, String>> expected() throws IOException {
        try (InputStream in = AuthorizationMatrixTest.class.getResourceAsStream("authorization-matrix.csv")) {
            assertThat(in).as("src/test/resources/io/commgov/reliability/authorization-matrix.csv").isNotNull();
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
            String[] header = lines.get(0).split(",");
            Map<String, Map<String, String>> expected = new LinkedHashMap<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split(",");
                for (int i = 1; i < header.length; i++) {
                    String user = header[i].strip();
                    String role = java.util.Arrays.stream(USERS).filter(u -> u[0].equals(user)).findFirst().orElseThrow()[1];
                    expected.computeIfAbsent(user + " (" + role + ")", k -> new LinkedHashMap<>()).put(cells[0].strip(), cells[i].strip());
                }
            }
            return expected;
        }
    }
}
