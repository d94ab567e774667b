package io.commgov.sla;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** {@code cg_sla}: instants are stored as UTC date-times, whatever the server's or the JVM's time zone. */
@Component
class SlaRecords {

    private static final String COLUMNS = "id, process_instance_id, process_definition_key, execution_id, activity_id, name,"
            + " calendar_name, duration, state, started_at, warning_at, due_at, warned_at, breached_at, completed_at,"
            + " completed_by, rescheduled_at, previous_due_at, warning_fraction";

    private final JdbcTemplate jdbc;

    SlaRecords(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    SlaRecord insert(String processInstanceId, String processDefinitionKey, String executionId, String activityId,
                     SlaDefinition definition, Instant startedAt, Instant warningAt, Instant dueAt) {
        String id = UUID.randomUUID().toString();
        jdbc.update("insert into cg_sla (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null, null, null, null, null, null, ?)",
                id, processInstanceId, processDefinitionKey, executionId, activityId, definition.name(), definition.calendar(),
                definition.duration(), SlaRecord.State.RUNNING.name(), utc(startedAt), utc(warningAt), utc(dueAt),
                definition.warningFraction());
        return byId(id).orElseThrow();
    }

    Optional<SlaRecord> byId(String id) {
        return jdbc.query("select " + COLUMNS + " from cg_sla where id = ?", SlaRecords::map, id).stream().findFirst();
    }

    /** The SLA an activity instance is under and that has not been completed yet. */
    Optional<SlaRecord> openFor(String executionId, String name) {
        return jdbc.query("select " + COLUMNS + " from cg_sla where execution_id = ? and name = ? and completed_at is null"
                + " order by started_at desc", SlaRecords::map, executionId, name).stream().findFirst();
    }

    List<SlaRecord> ofProcessInstance(String processInstanceId) {
        return jdbc.query("select " + COLUMNS + " from cg_sla where process_instance_id = ? order by started_at, name",
                SlaRecords::map, processInstanceId);
    }

    /** SLAs still running on a calendar: neither met nor breached, so their due date may still move. */
    List<SlaRecord> runningOnCalendar(String calendar) {
        return jdbc.query("select " + COLUMNS + " from cg_sla where calendar_name = ? and state = ? and completed_at is null",
                SlaRecords::map, calendar, SlaRecord.State.RUNNING.name());
    }

    void markWarned(String id, Instant at) {
        if (jdbc.update("update cg_sla set warned_at = ? where id = ? and warned_at is null", utc(at), id) == 1) {
            fired(id, "WARNED", at);
        }
    }

    void markBreached(String id, Instant at) {
        if (jdbc.update("update cg_sla set state = ?, breached_at = ? where id = ? and state = ?",
                SlaRecord.State.BREACHED.name(), utc(at), id, SlaRecord.State.RUNNING.name()) == 1) {
            fired(id, "BREACHED", at);
        }
    }

    /**
     * The unique-keyed record of one firing ({@code cg_sla_firing}), in the timer job's transaction: a second firing of
     * the same timer (another node, a retry) fails on the primary key and rolls back instead of writing twice.
     */
    private void fired(String id, String kind, Instant at) {
        jdbc.update("insert into cg_sla_firing (sla_id, kind, fired_at, recorded_at) values (?, ?, ?, ?)",
                id, kind, utc(at), utc(Instant.now()));
    }

    /** Completion: MET if still running, a breached SLA stays BREACHED but records when the work was done. */
    void markCompleted(String id, Instant at, String by) {
        jdbc.update("update cg_sla set state = case when state = ? then ? else state end, completed_at = ?, completed_by = ?"
                        + " where id = ? and completed_at is null",
                SlaRecord.State.RUNNING.name(), SlaRecord.State.MET.name(), utc(at), by, id);
    }

    /** Only a running SLA moves; a breached or met one keeps the times it was judged by. */
    void reschedule(String id, Instant warningAt, Instant dueAt, Instant at) {
        jdbc.update("update cg_sla set previous_due_at = due_at, warning_at = ?, due_at = ?, rescheduled_at = ?"
                        + " where id = ? and state = ?",
                utc(warningAt), utc(dueAt), utc(at), id, SlaRecord.State.RUNNING.name());
    }

    private static SlaRecord map(ResultSet rs, int row) throws SQLException {
        return new SlaRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), SlaRecord.State.valueOf(rs.getString(9)),
                instant(rs, 10), instant(rs, 11), instant(rs, 12), instant(rs, 13), instant(rs, 14), instant(rs, 15),
                rs.getString(16), instant(rs, 17), instant(rs, 18), rs.getDouble(19));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        LocalDateTime value = rs.getObject(column, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }

    private static LocalDateTime utc(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

}
