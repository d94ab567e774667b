package io.commgov.announcements;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import io.commgov.support.CommGovIntegrationTest;
import io.commgov.support.DatabaseScan;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Finding 4 of issue 19: rejected announcements recorded in clear before the fix are sealed at the next start. */
@CommGovIntegrationTest
class RejectedContentSealingTest {

    @Autowired RejectedContentSealing sealing;
    @Autowired JdbcTemplate jdbc;
    @Autowired DataSource dataSource;

    @Test
    void aRejectedRowInClearIsSealedOnceAndItsTitleMasked() throws Exception {
        String id = "legacy-" + UUID.randomUUID();
        String mobile = "135" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
        jdbc.update("INSERT INTO cg_announcement (process_instance_id, content_class, title, body, audience, author, status, screen_verdict, "
                        + "reasons, content_sm3, delivery_attempts, created_at) VALUES (?, 'WORK', ?, ?, '', 'emma', 'REJECTED_BY_SCREEN', 'HARD', "
                        + "'[硬性/HARD] MOBILE', ?, 0, ?)", id, "回访 " + mobile, "请致电 " + mobile, "0".repeat(64), Timestamp.from(Instant.now()));

        assertThat(sealing.sealAll()).isGreaterThanOrEqualTo(1);
        var row = jdbc.queryForMap("SELECT title, body, content_record FROM cg_announcement WHERE process_instance_id = ?", id);
        assertThat(row.get("content_record")).isNotNull();
        assertThat(row.get("body")).isEqualTo("");
        assertThat((String) row.get("title")).startsWith("回访 135").endsWith(mobile.substring(mobile.length() - 2)).doesNotContain(mobile);
        assertThat(DatabaseScan.columnsContaining(dataSource, mobile)).isEmpty();
        assertThat(sealing.sealAll()).as("nothing left to seal").isZero();
    }
}
