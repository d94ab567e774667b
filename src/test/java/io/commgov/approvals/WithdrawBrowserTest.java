package io.commgov.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.commgov.support.Api;
import io.commgov.support.Browser;
import io.commgov.support.BrowserSession;
import io.commgov.support.CommGovIntegrationTest;
import io.commgov.support.OpenRequests;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/** The requester withdraws a pending request from Tasklist: 我发起的 → the task → tab 申请操作 → 撤回申请. */
@CommGovIntegrationTest
class WithdrawBrowserTest {

    @Autowired RuntimeService runtimeService;
    @Autowired HistoryService historyService;
    @Autowired IdentityService identityService;
    @Autowired TestRestTemplate rest;

    @RegisterExtension
    final BrowserSession session = BrowserSession.chinese();

    @Test
    void theRequesterWithdrawsAPendingRequestFromTasklist() {
        String symptom = "会议室投屏失灵（撤回测试）";
        OpenRequests.endAllStartedBy("emma", historyService, runtimeService);
        ProcessInstance request = reportFault(symptom);

        Browser browser = session.browser();
        browser.logInToTasklist("emma");
        browser.clickFilter("我发起的");
        browser.newestFirst();
        String name = "响应故障：" + symptom;
        browser.waitForText(name);
        browser.click(By.xpath("//a[contains(normalize-space(), '" + name + "')]"));
        browser.click(By.xpath("//a[normalize-space()='申请操作']"));
        browser.type(By.id("commgov-reason"), "已自行解决");
        browser.screenshot("withdraw-tab");
        browser.click(By.cssSelector(".commgov-withdraw"));
        browser.waitForText("申请已撤回。");
        browser.screenshot("withdrawn");

        var history = historyService.createHistoricProcessInstanceQuery().processInstanceId(request.getId()).singleResult();
        assertThat(history.getEndTime()).as("the request has ended").isNotNull();
        assertThat(history.getDeleteReason()).contains("withdrawn by emma").contains("已自行解决");
        assertThat(new Api(rest).get("sofia", "/api/audit/entries?objectId=" + request.getId()).getBody())
                .contains("request.withdrawn").contains("\"actor\":\"emma\"");

        // a second click is refused with the reason, shown as it is
        browser.click(By.cssSelector(".commgov-withdraw"));
        browser.waitForText("未执行");
    }

    private ProcessInstance reportFault(String symptom) {
        identityService.setAuthentication("emma", List.of("employee", "dept-MKT"));
        try {
            return runtimeService.startProcessInstanceByKey("fault-escalation",
                    Map.of("symptom", symptom, "impactScope", "USER", "platformDown", false));
        } finally {
            identityService.clearAuthentication();
        }
    }
}
