package io.commgov.approvals;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.commgov.audit.AuditEvent;
import io.commgov.audit.AuditTrail;
import io.commgov.audit.Outcome;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Out-of-office substitution: a user names a substitute and a period ({@code cg_substitute}); in that period a task
 * assigned or offered to them goes to the substitute (the engine's create and assignment listeners,
 * {@link ApprovalEngineHooks}). When the substitute is the task's requester, the task falls back to its candidate
 * group (four-eyes). Every substitution is kept ({@code cg_substitution}) so the absent user sees what was done in their name.
 */
@Service
class Substitutes {

    /** The longest absence a substitute covers (docs/security.md, "Limits"). */
    static final int MAX_DAYS = 366;

    record Substitute(String userId, String substituteId, Instant from, Instant until) {
    }

    private final JdbcTemplate jdbc;
    private final HistoryService historyService;
    private final ApprovalTasks tasks;
    private final AuditTrail audit;

    Substitutes(JdbcTemplate jdbc, HistoryService historyService, ApprovalTasks tasks, AuditTrail audit) {
        this.jdbc = jdbc;
        this.historyService = historyService;
        this.tasks = tasks;
        this.audit = audit;
    }

    @Transactional
    Substitute set(String user, String substituteId, String from, String until) {
        tasks.asEngine(() -> {
            tasks.requireExistingUser("substituteId", substituteId);
            return null;
        });
        if (substituteId.equals(user)) {
            throw ApprovalTasks.invalid("substituteId", "not-yourself", "the substitute must be someone else than " + user);
        }
        Instant start = instant("from", from);
        Instant end = instant("until", until);
        if (!end.isAfter(start)) {
            throw ApprovalTasks.invalid("until", "after-from", "until must be after from");
        }
        if (!end.isAfter(ClockUtil.getCurrentTime().toInstant())) {
            throw ApprovalTasks.invalid("until", "future", "until must be in the future");
        }
        // an absence, not a standing hand-over: a longer one is a change of role (R-SOD)
        if (java.time.Duration.between(start, end).toDays() > MAX_DAYS) {
            throw ApprovalTasks.invalid("until", "max-period", "a substitute covers at most " + MAX_DAYS + " days (from " + start
                    + " until " + end + ")");
        }
        jdbc.update("delete from cg_substitute where user_id = ?", user);
        jdbc.update("insert into cg_substitute (user_id, substitute_id, starts_at, ends_at, set_at) values (?, ?, ?, ?, ?)",
                user, substituteId, utc(start), utc(end), utc(ClockUtil.getCurrentTime().toInstant()));
        audit.record("substitute.set", "user", user, Outcome.SUCCESS, substituteId + " from " + start + " until " + end);
        return new Substitute(user, substituteId, start, end);
    }

    @Transactional
    void clear(String user) {
        if (jdbc.update("delete from cg_substitute where user_id = ?", user) == 0) {
            throw new OperationRefused(404, user + " has no substitute set");
        }
        audit.record("substitute.cleared", "user", user, Outcome.SUCCESS, null);
    }

    @Transactional(readOnly = true)
    Optional<Substitute> of(String user) {
        return jdbc.query("select * from cg_substitute where user_id = ?", (rs, i) -> new Substitute(rs.getString("user_id"),
                rs.getString("substitute_id"), rs.getTimestamp("starts_at").toLocalDateTime().toInstant(ZoneOffset.UTC),
                rs.getTimestamp("ends_at").toLocalDateTime().toInstant(ZoneOffset.UTC)), user).stream().findFirst();
    }

    /** The substitute of {@code user} at this moment, if they are away. */
    Optional<String> activeFor(String user) {
        LocalDateTime now = utc(ClockUtil.getCurrentTime().toInstant());
        return jdbc.queryForList("select substitute_id from cg_substitute where user_id = ? and starts_at <= ? and ends_at > ?",
                String.class, user, now, now).stream().findFirst();
    }

    /** Inside the engine command that routed the task: kept for the absent user, and in the audit trail. */
    void recorded(String absent, String substitute, String taskId, String taskName, String processInstanceId, String action, String actor) {
        jdbc.update("insert into cg_substitution (id, absent_user, substitute_id, task_id, task_name, process_instance_id, action, occurred_at)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?)", UUID.randomUUID().toString(), absent, substitute, taskId, taskName,
                processInstanceId, action, utc(ClockUtil.getCurrentTime().toInstant()));
        audit.record(new AuditEvent(actor, "task.substituted", "task", taskId, Outcome.SUCCESS,
                action + ": for " + absent + (substitute == null ? ", back to its group" : " to " + substitute)));
    }

    /** What was done in the absent user's name: each task routed away, and what became of it. */
    @Transactional(readOnly = true)
    List<Map<String, Object>> doneFor(String user) {
        var rows = jdbc.queryForList("select * from cg_substitution where absent_user = ? order by occurred_at desc", user);
        return tasks.asEngine(() -> rows.stream().map(row -> {
            var task = historyService.createHistoricTaskInstanceQuery().taskId((String) row.get("task_id")).singleResult();
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("taskId", row.get("task_id"));
            item.put("taskName", row.get("task_name"));
            item.put("processInstanceId", row.get("process_instance_id"));
            item.put("action", row.get("action"));
            item.put("substituteId", row.get("substitute_id"));
            item.put("at", row.get("occurred_at"));
            item.put("assignee", task == null ? null : task.getAssignee());
            item.put("state", task == null ? "UNKNOWN" : task.getEndTime() == null ? "OPEN" : String.valueOf(task.getDeleteReason()).toUpperCase());
            item.put("endTime", task == null ? null : task.getEndTime());
            return item;
        }).toList());
    }

    private static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ApprovalTasks.invalid(field, "required", field + " is required (ISO-8601 date-time with offset, e.g. 2026-05-01T09:00:00+08:00)");
        }
        try {
            OffsetDateTime time = OffsetDateTime.parse(value);
            if (time.getYear() < io.commgov.validation.Bounds.FIRST_YEAR || time.getYear() > io.commgov.validation.Bounds.LAST_YEAR) {
                throw ApprovalTasks.invalid(field, "date-range", field + " must lie between the years 1900 and 9999");
            }
            return time.toInstant();
        } catch (DateTimeParseException e) {
            throw ApprovalTasks.invalid(field, "date-time", field + " must be an ISO-8601 date-time with offset, e.g. 2026-05-01T09:00:00+08:00");
        }
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
