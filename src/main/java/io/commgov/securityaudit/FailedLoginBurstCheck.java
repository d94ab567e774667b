package io.commgov.securityaudit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.commgov.audit.AuditEntry;
import io.commgov.audit.AuditSearch;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Failed-login bursts in the period: a user name with at least the threshold of failed logins (guessing, or a stolen name). */
@Component
class FailedLoginBurstCheck implements SecurityCheck {

    private final AuditSearch search;
    private final int threshold;

    FailedLoginBurstCheck(AuditSearch search, @Value("${commgov.audit.failed-login-burst:5}") int threshold) {
        this.search = search;
        this.threshold = threshold;
    }

    @Override
    public String name() {
        return "failed-login-burst";
    }

    @Override
    public List<Finding> run(AuditPeriod period) {
        var perUser = new TreeMap<String, List<AuditEntry>>();
        int page = 0;
        AuditSearch.Page result;
        do {
            result = search.find(new AuditSearch.Query(null, null, null, "LOGIN_FAILED", period.from().toEpochMilli(),
                    period.to().toEpochMilli()), page++, 500);
            result.entries().forEach(e -> perUser.computeIfAbsent(String.valueOf(e.actor()), u -> new ArrayList<>()).add(e));
        } while (result.entries().size() == 500);
        var findings = new ArrayList<Finding>();
        for (Map.Entry<String, List<AuditEntry>> user : perUser.entrySet()) {
            if (user.getValue().size() >= threshold) {
                var times = user.getValue().stream().map(e -> e.occurredAt().toString()).sorted().toList();
                findings.add(new Finding(name(), user.getKey(), user.getValue().size() + " failed logins between " + times.get(0)
                        + " and " + times.get(times.size() - 1) + " (audit positions " + user.getValue().stream()
                        .map(e -> Long.toString(e.seq())).sorted().limit(10).toList() + ")"));
            }
        }
        return findings;
    }
}
