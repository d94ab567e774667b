package io.commgov.kpi;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.commgov.identity.CurrentUser;
import io.commgov.identity.Role;
import io.commgov.validation.Bounds;
import io.commgov.validation.ContractViolationException;
import io.commgov.validation.Violation;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * R-KPI over REST: the platform reports activity (logins, meetings, file sharing, …), people answer the satisfaction
 * survey, the security officer reports data-leak incidents; Template 3 is read as JSON or as a page with charts.
 */
@RestController
@RequestMapping("/api/kpi")
class KpiController {

    private static final Pattern FEATURE = Pattern.compile("^[a-z][a-z0-9-]{0,63}$");

    record ActivityReport(String userId, String feature, String occurredAt) {
    }

    record SurveyAnswer(Integer score, String remark) {
    }

    record IncidentReport(String kind, String occurredAt, String description) {
    }

    private final KpiService kpis;
    private final CurrentUser currentUser;

    KpiController(KpiService kpis, CurrentUser currentUser) {
        this.kpis = kpis;
        this.currentUser = currentUser;
    }

    @PostMapping("/activity")
    ResponseEntity<Void> activity(@RequestBody ActivityReport report) {
        require(Role.IT, Role.IT_HEAD, Role.CAMUNDA_ADMIN);
        var violations = new ArrayList<Violation>();
        if (report.userId() == null || report.userId().isBlank() || report.userId().length() > 64) {
            violations.add(new Violation("userId", "required", "userId is required (at most 64 characters)"));
        }
        if (report.feature() == null || !FEATURE.matcher(report.feature()).matches()) {
            violations.add(new Violation("feature", "pattern", "feature must be a lower-case name such as login, meeting or file-sharing"));
        }
        Instant at = dateTime("occurredAt", report.occurredAt(), false, violations);
        throwIfAny(violations);
        kpis.recordActivity(report.userId().strip(), report.feature(), at, currentUser.id().orElseThrow());
        return ResponseEntity.status(HttpStatus.CREATED).build();
    }

    @PostMapping("/surveys")
    ResponseEntity<Void> survey(@RequestBody SurveyAnswer answer) {
        var violations = new ArrayList<Violation>();
        if (answer.score() == null || answer.score() < 1 || answer.score() > 5) {
            violations.add(new Violation("score", "range", "score must be a whole number from 1 to 5 (got " + answer.score() + ")"));
        }
        if (answer.remark() != null && answer.remark().length() > 1000) {
            violations.add(new Violation("remark", "max-length", "remark must be at most 1000 characters"));
        }
        throwIfAny(violations);
        kpis.recordSurvey(currentUser.id().orElseThrow(), answer.score(), answer.remark());
        return ResponseEntity.status(HttpStatus.CREATED).build();
    }

    @PostMapping("/incidents")
    ResponseEntity<Void> incident(@RequestBody IncidentReport report) {
        require(Role.SECURITY);
        var violations = new ArrayList<Violation>();
        if (!"DATA_LEAK".equals(report.kind())) {
            violations.add(new Violation("kind", "one-of", "kind must be DATA_LEAK (got '" + report.kind() + "')"));
        }
        if (report.description() == null || report.description().isBlank() || report.description().length() > 2000) {
            violations.add(new Violation("description", "required", "description is required (at most 2000 characters)"));
        }
        Instant at = dateTime("occurredAt", report.occurredAt(), true, violations);
        throwIfAny(violations);
        kpis.recordIncident(report.kind(), at, report.description(), currentUser.id().orElseThrow());
        return ResponseEntity.status(HttpStatus.CREATED).build();
    }

    /** Template 3 of a quarter: as stored by the review (with actions), or computed now when not yet reviewed. */
    @GetMapping("/reports/{quarter}")
    Map<String, Object> report(@PathVariable String quarter) {
        require(Role.IT, Role.IT_HEAD, Role.DEPT_HEAD, Role.SECURITY, Role.CAMUNDA_ADMIN);
        Quarter q = quarter(quarter);
        List<KpiRow> stored = kpis.stored(q);
        return Map.of("quarter", q.toString(), "reviewed", !stored.isEmpty(), "totalUsers", kpis.totalUsers(),
                "rows", stored.isEmpty() ? kpis.compute(q) : stored);
    }

    @GetMapping(value = "/reports/{quarter}/page", produces = MediaType.TEXT_HTML_VALUE)
    String page(@PathVariable String quarter) {
        require(Role.IT, Role.IT_HEAD, Role.DEPT_HEAD, Role.SECURITY, Role.CAMUNDA_ADMIN);
        Quarter q = quarter(quarter);
        List<KpiRow> stored = kpis.stored(q);
        return Template3Page.html(q, stored.isEmpty() ? kpis.compute(q) : stored, kpis.history());
    }

    private static Quarter quarter(String text) {
        Bounds.requireMaxLength("quarter", text, 7);
        Quarter q;
        try {
            q = Quarter.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ContractViolationException(List.of(new Violation("quarter", "quarter-format", e.getMessage())));
        }
        var errors = new ArrayList<Violation>();
        Bounds.year(errors, "quarter", q.year());
        throwIfAny(errors);
        return q;
    }

    private void require(Role... roles) {
        if (!currentUser.isIn(roles)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
    }

    private static Instant dateTime(String field, String value, boolean required, List<Violation> violations) {
        if (value == null || value.isBlank()) {
            if (required) {
                violations.add(new Violation(field, "required", field + " is required (a date-time such as 2026-12-31T18:00:00+08:00)"));
            }
            return KpiService.now();
        }
        if (value.length() > Bounds.NAME) {
            Bounds.maxLength(violations, field, value, Bounds.NAME);
            return null;
        }
        try {
            OffsetDateTime time = OffsetDateTime.parse(value);
            Bounds.year(violations, field, time.getYear());
            return time.toInstant();
        } catch (DateTimeParseException e) {
            violations.add(new Violation(field, "date-time-format", field + " must be an ISO-8601 date-time with offset (got '" + value + "')"));
            return null;
        }
    }

    private static void throwIfAny(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw new ContractViolationException(violations);
        }
    }
}
