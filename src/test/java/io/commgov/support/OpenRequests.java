package io.commgov.support;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;

/**
 * Browser tests look for one request in a person's Tasklist list, which shows 15 tasks a page. The test context is
 * shared, so earlier test classes leave that person's requests behind, some created at a moved engine clock (in the
 * future); a browser test ends them first, so the list holds what the test itself created.
 */
public final class OpenRequests {

    private OpenRequests() {
    }

    public static void endAllStartedBy(String userId, HistoryService historyService, RuntimeService runtimeService) {
        var ids = historyService.createHistoricProcessInstanceQuery().startedBy(userId).unfinished().list().stream()
                .map(pi -> pi.getId()).toList();
        if (!ids.isEmpty()) {
            runtimeService.deleteProcessInstances(ids, "ended before a browser test of " + userId, true, true);
        }
    }
}
