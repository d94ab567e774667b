package io.commgov.announcements;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import io.commgov.vault.Category;
import io.commgov.vault.EncryptedStore;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The record of every decided announcement (table {@code cg_announcement}). A rejected one keeps its content only
 * sealed in the encrypted store ({@code content_record}; title, a line break, body, the text its SM3 digest is of):
 * the row holds the title with customer data masked and an empty body, so nothing rejected stays in clear.
 */
@Repository
class Announcements {

    enum Status { REJECTED_BY_SCREEN, REJECTED, PUBLISHED, DELIVERED, DELIVERY_FAILED, DELIVERY_ABANDONED }

    /** One announcement as recorded. */
    record Entry(String processInstanceId, String contentClass, String title, String author, Status status, String screenVerdict,
                 String reasons, String decidedBy, Instant decidedAt, String contentSm3, int deliveryAttempts, Instant deliveredAt,
                 String lastDeliveryError, String contentRecord) {
    }

    private final JdbcTemplate jdbc;
    private final EncryptedStore store;

    Announcements(JdbcTemplate jdbc, EncryptedStore store) {
        this.jdbc = jdbc;
        this.store = store;
    }

    /** A published announcement: its content in clear, it is public now. */
    void record(Submission s, Status status, String screenVerdict, String reasons, String decidedBy) {
        insert(s, s.title(), s.body(), null, status, screenVerdict, reasons, decidedBy);
    }

    /** A rejected announcement: the content sealed, the row with the masked title only. */
    void recordRejected(Submission s, Status status, String screenVerdict, String reasons, String decidedBy) {
        String record = store.put(Category.REJECTED_CONTENT, s.title() + "\n" + s.body());
        insert(s, ContentScreen.masked(s.title()), "", record, status, screenVerdict, reasons, decidedBy);
    }

    private void insert(Submission s, String title, String body, String contentRecord, Status status, String screenVerdict,
                        String reasons, String decidedBy) {
        Timestamp now = now();
        jdbc.update("INSERT INTO cg_announcement (process_instance_id, content_class, title, body, audience, author, status, screen_verdict, "
                        + "reasons, decided_by, decided_at, content_sm3, content_record, delivery_attempts, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)",
                s.processInstanceId(), s.contentClass(), title, body, String.join(",", s.audience()), s.author(), status.name(),
                screenVerdict, reasons, decidedBy, decidedBy == null ? null : now, ContentDigest.sm3(s.title(), s.body()), contentRecord, now);
    }

    /** Rows of rejected announcements recorded before their content was sealed (see {@link RejectedContentSealing}). */
    List<String> rejectedInClear() {
        return jdbc.queryForList("SELECT process_instance_id FROM cg_announcement WHERE content_record IS NULL AND status IN (?, ?)",
                String.class, Status.REJECTED.name(), Status.REJECTED_BY_SCREEN.name());
    }

    /** Seals one such row's content in the store and leaves the masked title; answers whether it was still in clear. */
    boolean seal(String processInstanceId) {
        var rows = jdbc.query("SELECT title, body FROM cg_announcement WHERE process_instance_id = ? AND content_record IS NULL FOR UPDATE",
                (rs, i) -> new String[] {rs.getString(1), rs.getString(2)}, processInstanceId);
        if (rows.isEmpty()) {
            return false;
        }
        String record = store.put(Category.REJECTED_CONTENT, rows.get(0)[0] + "\n" + rows.get(0)[1]);
        jdbc.update("UPDATE cg_announcement SET title = ?, body = '', content_record = ? WHERE process_instance_id = ?",
                ContentScreen.masked(rows.get(0)[0]), record, processInstanceId);
        return true;
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
                instant(rs.getTimestamp("delivered_at")), rs.getString("last_delivery_error"), rs.getString("content_record")),
                processInstanceId);
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
