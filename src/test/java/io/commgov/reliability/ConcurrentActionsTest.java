package io.commgov.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.commgov.support.CommGovIntegrationTest;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Two IT operators (ivan, iris) act on the same fault task at the same moment, over Camunda's REST API: both claim it,
 * then both complete it. Exactly one wins each race; the other gets a clear 4xx with a message (never a 500); the
 * state is consistent (one assignee, one completion, one next task, one SLA record MET). Short form 50 pairs;
 * {@code -Dcommgov.reliability.long=true} runs 1,000 ({@code -Dcommgov.reliability.concurrency.pairs=N}).
 */
@CommGovIntegrationTest
class ConcurrentActionsTest {

    private static final String FAULT = "{\"variables\":{\"symptom\":{\"value\":\"同时处理测试\",\"type\":\"String\"},"
            + "\"impactScope\":{\"value\":\"USER\",\"type\":\"String\"},\"platformDown\":{\"value\":false,\"type\":\"Boolean\"}}}";

    @LocalServerPort int port;
    @Autowired ObjectMapper json;
    @Autowired TaskService taskService;
    @Autowired RuntimeService runtimeService;
    @Autowired HistoryService historyService;

    private final List<String> started = new ArrayList<>();
    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void cleanUp() {
        pool.shutdownNow();
        for (String id : started) {
            if (runtimeService.createProcessInstanceQuery().processInstanceId(id).count() > 0) {
                runtimeService.deleteProcessInstance(id, "concurrency test clean-up", true, true);
            }
            if (historyService.createHistoricProcessInstanceQuery().processInstanceId(id).count() > 0) {
                historyService.deleteHistoricProcessInstance(id);
            }
        }
    }

    @Test
    void twoPeopleClaimingOrCompletingTheSameTaskAtOnceLeaveExactlyOneWinner() throws Exception {
        int pairs = Http.count(50, 1000, "commgov.reliability.concurrency.pairs");
        var http = new Http(port);
        Map<String, Integer> loserStatuses = new TreeMap<>();
        var failures = new ArrayList<String>();
        long startedAt = System.nanoTime();
        for (int pair = 0; pair < pairs; pair++) {
            var start = http.post("emma", "/engine-rest/process-definition/key/fault-escalation/start", FAULT);
            assertThat(start.status()).as(start.toString()).isEqualTo(200);
            String instance = json.readTree(start.body()).get("id").asText();
            started.add(instance);
            String task = taskService.createTaskQuery().processInstanceId(instance).taskDefinitionKey("Task_RespondToFault")
                    .singleResult().getId();

            // race 1: both claim
            List<Http.Answer> claims = race(
                    () -> http.post("ivan", "/engine-rest/task/" + task + "/claim", "{\"userId\":\"ivan\"}"),
                    () -> http.post("iris", "/engine-rest/task/" + task + "/claim", "{\"userId\":\"iris\"}"));
            String winner = judge("claim", claims, loserStatuses, failures);
            String assignee = taskService.createTaskQuery().taskId(task).singleResult().getAssignee();
            if (winner != null && !winner.equals(assignee)) {
                failures.add("claim won by " + winner + " but the task is assigned to " + assignee);
            }

            // race 2: both complete (the other is still a candidate, so the engine lets both try)
            String body = "{\"variables\":{\"response\":{\"value\":\"已响应\",\"type\":\"String\"}}}";
            List<Http.Answer> completions = race(
                    () -> http.post("ivan", "/engine-rest/task/" + task + "/complete", body),
                    () -> http.post("iris", "/engine-rest/task/" + task + "/complete", body));
            judge("complete", completions, loserStatuses, failures);
            long done = historyService.createHistoricTaskInstanceQuery().processInstanceId(instance)
                    .taskDefinitionKey("Task_RespondToFault").finished().count();
            long next = taskService.createTaskQuery().processInstanceId(instance).taskDefinitionKey("Task_DiagnoseFault").count();
            if (done != 1 || next != 1) {
                failures.add("after the complete race of " + instance + ": " + done + " response task(s) finished, " + next
                        + " diagnosis task(s) open");
            }
            JsonNode slas = json.readTree(http.get("ivan", "/api/sla?processInstanceId=" + instance).body());
            long met = 0;
            for (JsonNode sla : slas) {
                if ("Task_RespondToFault".equals(sla.path("activityId").asText()) && "MET".equals(sla.path("state").asText())) {
                    met++;
                }
            }
            if (met != 1) {
                failures.add("response SLA of " + instance + " recorded MET " + met + " times: " + slas);
            }
        }
        double seconds = (System.nanoTime() - startedAt) / 1e9;
        System.out.printf("concurrency: %d pairs (claim race + complete race each) in %.1f s; losers answered %s%n", pairs, seconds,
                loserStatuses);
        assertThat(failures).as(failures.size() + " inconsistent races").isEmpty();
    }

    private List<Http.Answer> race(java.util.concurrent.Callable<Http.Answer> first, java.util.concurrent.Callable<Http.Answer> second)
            throws Exception {
        var barrier = new CyclicBarrier(2);
        Future<Http.Answer> a = pool.submit(() -> {
            barrier.await();
            return first.call();
        });
        Future<Http.Answer> b = pool.submit(() -> {
            barrier.await();
            return second.call();
        });
        return List.of(a.get(), b.get());
    }

    /** Exactly one 2xx; the other a 4xx with a JSON message. Answers the winner's user id. */
    private String judge(String action, List<Http.Answer> answers, Map<String, Integer> loserStatuses, List<String> failures) {
        var winners = answers.stream().filter(a -> a.status() >= 200 && a.status() < 300).toList();
        if (winners.size() != 1) {
            failures.add(action + " race with " + winners.size() + " winners: " + answers);
            return null;
        }
        Http.Answer loser = answers.stream().filter(a -> a != winners.get(0)).findFirst().orElseThrow();
        if (loserStatuses.merge(action + " " + loser.status(), 1, Integer::sum) == 1) {
            System.out.println("first " + action + " loser answered " + loser.status() + ": " + loser.body());
        }
        if (loser.status() < 400 || loser.status() >= 500) {
            failures.add(action + " race loser got " + loser);
        } else {
            try {
                if (json.readTree(loser.body()).path("message").asText("").isBlank()) {
                    failures.add(action + " race loser got no message: " + loser);
                }
            } catch (Exception e) {
                failures.add(action + " race loser got no JSON: " + loser);
            }
        }
        return answers.get(0) == winners.get(0) ? "ivan" : "iris";
    }
}
