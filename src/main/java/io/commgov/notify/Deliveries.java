package io.commgov.notify;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** The record of every notification (table {@code cg_notify_delivery}). */
@Repository
class Deliveries {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate separately;

    Deliveries(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.separately = new TransactionTemplate(transactions);
        // a message that went out stays recorded even when the caller's transaction rolls back
        this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    void record(Delivery delivery, String subject, Instant createdAt) {
        separately.executeWithoutResult(status -> insert(delivery, subject, createdAt));
    }

    private void insert(Delivery delivery, String subject, Instant createdAt) {
        jdbc.update("INSERT INTO cg_notify_delivery (id, kind, target, subject, status, attempts, last_error, created_at, finished_at, "
                        + "idempotency_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                delivery.id(), delivery.kind().name(), cut(delivery.target(), 500), cut(subject, 500), delivery.status().name(),
                delivery.attempts(), cut(delivery.error(), 1000), Timestamp.from(createdAt), Timestamp.from(Instant.now()),
                delivery.idempotencyKey());
    }

    List<Delivery> forTarget(String target) {
        return jdbc.query("SELECT id, kind, target, status, attempts, last_error, idempotency_key FROM cg_notify_delivery WHERE target = ? "
                        + "ORDER BY created_at",
                (rs, i) -> new Delivery(rs.getString("id"), Delivery.Kind.valueOf(rs.getString("kind")), rs.getString("target"),
                        Delivery.Status.valueOf(rs.getString("status")), rs.getInt("attempts"), rs.getString("last_error"),
                        rs.getString("idempotency_key")),
                target);
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
