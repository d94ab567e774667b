package io.commgov.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.commgov.support.Acting;
import io.commgov.support.Browser;
import io.commgov.support.BrowserSession;
import io.commgov.support.CommGovIntegrationTest;
import io.commgov.support.EmployeeIds;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

/** An approver takes back a decision from Tasklist: header 我已审批 → the decision → 拿回; the step is theirs again. */
@CommGovIntegrationTest
class TakeBackBrowserTest {

    @Autowired RuntimeService runtimeService;
    @Autowired ApprovalOperations operations;
    @Autowired TaskService taskService;
    @Autowired IdentityService identityService;

    @RegisterExtension
    final BrowserSession session = BrowserSession.chinese();

    @Test
    void theApproverTakesBackTheirDecisionFromTasklist() {
        OpenDecisions.endAllDecidedBy("head-rnd", operations, runtimeService);
        // mia (mentor, R&D) applies for an intern; the head of R&D approves as a candidate, without claiming
        ProcessInstance request = as("mia", () -> runtimeService.startProcessInstanceByKey("account-opening", Variables.createVariables()
                .putValue("employeeId", EmployeeIds.newEmployeeId()).putValue("fullName", "王五").putValue("department", "RND")
                .putValue("accountType", "INTERN").putValue("endDate", LocalDate.now().plusMonths(3).toString())));
        String decided = openTask(request).getId();
        as("head-rnd", () -> {
            taskService.complete(decided, Map.of("approved", true));
            return null;
        });
        assertThat(openTask(request).getTaskDefinitionKey()).isEqualTo("Task_ReviewByIt");

        Browser browser = session.browser();
        browser.logInToTasklist("head-rnd");
        browser.click(By.cssSelector(".commgov-decisions-open"));
        By row = By.cssSelector(".commgov-decision[data-task-id='" + decided + "']");
        browser.waitFor(row);
        browser.screenshot("take-back-list");
        browser.click(By.cssSelector(".commgov-decision[data-task-id='" + decided + "'] .commgov-take-back"));
        browser.waitForText("已拿回");
        browser.screenshot("taken-back");

        Task again = openTask(request);
        assertThat(again.getTaskDefinitionKey()).as("the decided step is open again").isEqualTo("Task_ReviewByDeptHead");
        assertThat(again.getAssignee()).isEqualTo("head-rnd");
        assertThat(browser.driver().findElements(row)).as("a decision taken back leaves the list").isEmpty();
    }

    private Task openTask(ProcessInstance request) {
        return taskService.createTaskQuery().processInstanceId(request.getId()).singleResult();
    }

    private <T> T as(String user, Supplier<T> action) {
        return Acting.as(identityService, user, action);
    }
}
