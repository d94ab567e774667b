package io.commgov.securityaudit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.commgov.audit.AuditEntry;
import io.commgov.audit.AuditSearch;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Failed-login bursts in the period: at least {@code commgov.audit.failed-login-burst} failed logins for one user name
 * within {@code commgov.audit.failed-login-burst-window} (guessing, or a stolen name); the same number spread over
 * days is no burst.
 */
@Component
class FailedLoginBurstCheck implements SecurityCheck {

    private final AuditSearch search;
    private final int threshold;
    private final Duration window;

    FailedLoginBurstCheck(AuditSearch search, @Value("${commgov.audit.failed-login-burst:5}") int threshold,
                          @Value("${commgov.audit.failed-login-burst-window:PT10M}") Duration window) {
        this.search = search;
        this.threshold = threshold;
        this.window = window;
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
            List<AuditEntry> burst = largestBurst(user.getValue());
            if (burst.size() >= threshold) {
                Instant first = burst.get(0).occurredAt();
                Instant last = burst.get(burst.size() - 1).occurredAt();
                findings.add(new Finding(name(), user.getKey(), burst.size() + " failed logins within " + window.toMinutes()
                        + " minutes, between " + first + " and " + last + " (audit positions "
                        + burst.stream().map(e -> Long.toString(e.seq())).limit(10).toList() + ")"));
            }
        }
        return findings;
    }

    /** The most failures inside any one window (a sliding window over the times in order). */
    private List<AuditEntry> largestBurst(List<AuditEntry> failures) {
        var sorted = failures.stream().sorted(Comparator.comparing(AuditEntry::occurredAt).thenComparing(AuditEntry::seq)).toList();
        int bestFrom = 0;
        int bestTo = 0;
        int from = 0;
        for (int to = 0; to < sorted.size(); to++) {
            while (Duration.between(sorted.get(from).occurredAt(), sorted.get(to).occurredAt()).compareTo(window) > 0) {
                from++;
            }
            if (to - from > bestTo - bestFrom) {
                bestFrom = from;
                bestTo = to;
            }
        }
        return sorted.isEmpty() ? List.of() : sorted.subList(bestFrom, bestTo + 1);
    }
}
