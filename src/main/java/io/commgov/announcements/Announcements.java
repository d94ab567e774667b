package io.commgov.announcements;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The record of every decided announcement (table {@code cg_announcement}). */
@Repository
class Announcements {

    enum Status { REJECTED_BY_SCREEN, REJECTED, PUBLISHED, DELIVERED, DELIVERY_FAILED, DELIVERY_ABANDONED }

    /** One announcement as recorded. */
    record Entry(String processInstanceId, String contentClass, String title, String author, Status status, String screenVerdict,
                 String reasons, String decidedBy, Instant decidedAt, String contentSm3, int deliveryAttempts, Instant deliveredAt,
                 String lastDeliveryError) {
    }

    private final JdbcTemplate jdbc;

    Announcements(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void record(Submission s, Status status, String screenVerdict, String reasons, String decidedBy) {
        Timestamp now = now();
        jdbc.update("INSERT INTO cg_announcement (process_instance_id, content_class, title, body, audience, author, status, screen_verdict, "
                        + "reasons, decided_by, decided_at, content_sm3, delivery_attempts, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)",
                s.processInstanceId(), s.contentClass(), s.title(), s.body(), String.join(",", s.audience()), s.author(), status.name(),
                screenVerdict, reasons, decidedBy, decidedBy == null ? null : now, ContentDigest.sm3(s.title(), s.body()), now);
    }

    void deliveryRound(String processInstanceId, boolean delivered, int attempts, String error, boolean roundsLeft) {
        Status status = delivered ? Status.DELIVERED : roundsLeft ? Status.PUBLISHED : Status.DELIVERY_FAILED;
        jdbc.update("UPDATE cg_announcement SET status = ?, delivery_attempts = delivery_attempts + ?, delivered_at = ?, "
                        + "last_delivery_error = ? WHERE process_instance_id = ?",
                status.name(), attempts, delivered ? now() : null, error == null ? null : cut(error, 1000), processInstanceId);
    }

    void abandonDelivery(String processInstanceId, String resolution) {
        jdbc.update("UPDATE cg_announcement SET status = ?, last_delivery_error = ? WHERE process_instance_id = ?",
                Status.DELIVERY_ABANDONED.name(), cut("abandoned: " + resolution, 1000), processInstanceId);
    }

    Optional<Entry> find(String processInstanceId) {
        List<Entry> found = jdbc.query("SELECT * FROM cg_announcement WHERE process_instance_id = ?", (rs, i) -> new Entry(
                rs.getString("process_instance_id"), rs.getString("content_class"), rs.getString("title"), rs.getString("author"),
                Status.valueOf(rs.getString("status")), rs.getString("screen_verdict"), rs.getString("reasons"), rs.getString("decided_by"),
                instant(rs.getTimestamp("decided_at")), rs.getString("content_sm3"), rs.getInt("delivery_attempts"),
                instant(rs.getTimestamp("delivered_at")), rs.getString("last_delivery_error")), processInstanceId);
        return found.stream().findFirst();
    }

    private static Timestamp now() {
        Date engineNow = ClockUtil.getCurrentTime();
        return new Timestamp(engineNow.getTime());
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
