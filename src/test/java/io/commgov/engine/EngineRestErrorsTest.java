package io.commgov.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import jakarta.ws.rs.core.Response;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** How a failed task action through Camunda's REST is answered, from the exception and what became of the task. */
class EngineRestErrorsTest {

    // what the loser of two completions on two nodes gets when its command read the execution already at the next step
    private static final ProcessEngineException GATEWAY_READS_UNSET_VARIABLE = new ProcessEngineException(
            "Unknown property used in expression: ${fixed}. Cause: Cannot resolve identifier 'fixed'");

    @AfterEach
    void tearDown() {
        RequestContextHolder.resetRequestAttributes();
    }

    @Test
    void aMissingVariableOnATaskStillOpenNamesTheVariable() {
        completing("t-1");
        Response answer = EngineRestErrors.answerFor(GATEWAY_READS_UNSET_VARIABLE, lookup(false));
        assertThat(answer.getStatus()).isEqualTo(400);
        Map<?, ?> body = (Map<?, ?>) answer.getEntity();
        assertThat(body.get("type")).isEqualTo("InvalidVariables");
        assertThat(body.get("errors")).asString().contains("field=fixed").contains("rule=required");
    }

    @Test
    void aMissingVariableOnATaskSomeoneElseHasJustCompletedIsTheLostRace() {
        completing("t-1");
        Response answer = EngineRestErrors.answerFor(GATEWAY_READS_UNSET_VARIABLE, lookup(true));
        assertThat(answer.getStatus()).isEqualTo(409);
        assertThat(((Map<?, ?>) answer.getEntity()).get("message").toString())
                .contains("t-1").contains("completed by someone else").contains("nothing was changed");
    }

    @Test
    void outsideATaskActionAMissingVariableStaysA400() {
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(
                new MockHttpServletRequest("POST", "/engine-rest/process-definition/key/client-hand-over/start")));
        assertThat(EngineRestErrors.answerFor(GATEWAY_READS_UNSET_VARIABLE, lookup(true)).getStatus()).isEqualTo(400);
    }

    private static void completing(String taskId) {
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(
                new MockHttpServletRequest("POST", "/engine-rest/task/" + taskId + "/complete")));
    }

    private static EngineRestErrors.TaskLookup lookup(boolean gone) {
        return new EngineRestErrors.TaskLookup() {
            @Override
            public boolean gone(String taskId) {
                return gone;
            }

            @Override
            public String endedBecause(String taskId) {
                return gone ? "completed" : null;
            }
        };
    }
}
