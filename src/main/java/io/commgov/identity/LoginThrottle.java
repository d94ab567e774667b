package io.commgov.identity;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Failed logins counted per client address and user name in the database ({@code cg_login_throttle}), so every node
 * of a cluster sees the same counts and an attacker gains nothing by spreading guesses over nodes. A throttle is a
 * bounded wait for that address only: nobody can lock a user out from elsewhere. Time is the engine's clock.
 */
@Component
class LoginThrottle {

    /** The row counting every name tried from one address (no user id can be {@code *}). */
    static final String ANY_USER = "*";
    private static final int KEY_LENGTH = 64;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final LoginProperties properties;

    LoginThrottle(JdbcTemplate jdbc, PlatformTransactionManager transactions, LoginProperties properties) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.properties = properties;
    }

    /** Where a user name stands at an address: whether failures are counted, and how long it must still wait. */
    record Standing(boolean hasFailures, Optional<Duration> retryAfter) {
    }

    Standing standing(String source, String user) {
        Instant now = now();
        boolean hasFailures = false;
        Instant until = null;
        for (var row : jdbc.queryForList("SELECT user_id, blocked_until FROM cg_login_throttle WHERE source = ? AND user_id IN (?, ?)",
                key(source), key(user), ANY_USER)) {
            if (!ANY_USER.equals(row.get("user_id"))) {
                hasFailures = true;
            }
            Instant blocked = row.get("blocked_until") == null ? null : ((Timestamp) row.get("blocked_until")).toInstant();
            if (blocked != null && blocked.isAfter(now) && (until == null || blocked.isAfter(until))) {
                until = blocked;
            }
        }
        return new Standing(hasFailures, Optional.ofNullable(until).map(u -> Duration.between(now, u)));
    }

    /** Counts a wrong password for {@code user} from {@code source} (and for the address as a whole). */
    void failed(String source, String user) {
        Instant now = now();
        count(key(source), key(user), now, properties.freeAttempts());
        count(key(source), ANY_USER, now, properties.freeAttemptsPerSource());
        // bounded size: counts nobody has added to for a while are forgotten
        jdbc.update("DELETE FROM cg_login_throttle WHERE last_failure < ?", Timestamp.from(now.minus(properties.forgetAfter())));
    }

    /** A right password from {@code source} clears that name's count there (not the address's count over all names). */
    void succeeded(String source, String user) {
        jdbc.update("DELETE FROM cg_login_throttle WHERE source = ? AND user_id = ?", key(source), key(user));
    }

    private void count(String source, String user, Instant now, int freeAttempts) {
        for (int attempt = 0; ; attempt++) {
            try {
                transaction.executeWithoutResult(status -> countInTransaction(source, user, now, freeAttempts));
                return;
            } catch (DuplicateKeyException | PessimisticLockingFailureException race) {
                // another request (or node) inserted the row between our read and insert: count again on its row
                if (attempt >= 2) {
                    throw race;
                }
            }
        }
    }

    private void countInTransaction(String source, String user, Instant now, int freeAttempts) {
        List<Object[]> rows = jdbc.query("SELECT failures, last_failure FROM cg_login_throttle WHERE source = ? AND user_id = ? FOR UPDATE",
                (rs, i) -> new Object[] {rs.getInt(1), rs.getTimestamp(2).toInstant()}, source, user);
        boolean fresh = rows.isEmpty() || ((Instant) rows.get(0)[1]).isBefore(now.minus(properties.forgetAfter()));
        int failures = fresh ? 1 : (Integer) rows.get(0)[0] + 1;
        Timestamp blockedUntil = failures < freeAttempts ? null : Timestamp.from(now.plus(delay(failures - freeAttempts)));
        if (rows.isEmpty()) {
            jdbc.update("INSERT INTO cg_login_throttle (source, user_id, failures, last_failure, blocked_until) VALUES (?, ?, ?, ?, ?)",
                    source, user, failures, Timestamp.from(now), blockedUntil);
        } else {
            jdbc.update("UPDATE cg_login_throttle SET failures = ?, last_failure = ?, blocked_until = ? WHERE source = ? AND user_id = ?",
                    failures, Timestamp.from(now), blockedUntil, source, user);
        }
    }

    /** The wait after the {@code n}-th failure beyond the free ones (0: the first): doubles, never beyond the cap. */
    Duration delay(int n) {
        Duration delay = properties.firstDelay().multipliedBy(1L << Math.min(n, 20));
        return delay.compareTo(properties.maxDelay()) > 0 ? properties.maxDelay() : delay;
    }

    private static String key(String value) {
        String v = value == null ? "" : value;
        return v.length() > KEY_LENGTH ? v.substring(0, KEY_LENGTH) : v;
    }

    private static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }
}
