package io.commgov.announcements;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** The screen's word lists (table {@code cg_screen_word}). */
@Repository
class ScreenWords {

    /** A listed word as stored. */
    record Entry(String id, Category category, String word, String createdBy, Instant createdAt) {
    }

    private static final RowMapper<Entry> ROW = (rs, i) -> new Entry(rs.getString("id"), Category.valueOf(rs.getString("category")),
            rs.getString("word"), rs.getString("created_by"), rs.getTimestamp("created_at").toInstant());

    private final JdbcTemplate jdbc;

    ScreenWords(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<Entry> all() {
        return jdbc.query("SELECT id, category, word, created_by, created_at FROM cg_screen_word ORDER BY category, word", ROW);
    }

    List<Entry> of(Category category) {
        return jdbc.query("SELECT id, category, word, created_by, created_at FROM cg_screen_word WHERE category = ? ORDER BY word",
                ROW, category.name());
    }

    Optional<Entry> find(String id) {
        return jdbc.query("SELECT id, category, word, created_by, created_at FROM cg_screen_word WHERE id = ?", ROW, id).stream().findFirst();
    }

    Entry add(Category category, String word, String by) {
        var entry = new Entry(UUID.randomUUID().toString(), category, word, by, Instant.now());
        jdbc.update("INSERT INTO cg_screen_word (id, category, word, created_by, created_at) VALUES (?, ?, ?, ?, ?)",
                entry.id(), category.name(), word, by, Timestamp.from(entry.createdAt()));
        raiseRevision();
        return entry;
    }

    boolean remove(String id) {
        boolean removed = jdbc.update("DELETE FROM cg_screen_word WHERE id = ?", id) > 0;
        if (removed) {
            raiseRevision();
        }
        return removed;
    }

    private void raiseRevision() {
        jdbc.update("UPDATE cg_screen_word_revision SET revision = revision + 1 WHERE id = 1");
    }

    /** Changes with every committed edit, on whichever node it was made. */
    String signature() {
        return jdbc.queryForObject("SELECT revision FROM cg_screen_word_revision WHERE id = 1", String.class);
    }
}
