package io.commgov.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.commgov.support.Api;
import io.commgov.support.CommGovIntegrationTest;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/** R-LOG, R-RET: entries older than 6 months leave the table only through POST /api/audit/archive, as a signed segment that still verifies. */
@CommGovIntegrationTest
class AuditArchiveEndpointTest {

    static final String ARCHIVE = "/api/audit/archive";

    @Autowired TestRestTemplate rest;
    @Autowired JdbcTemplate jdbc;
    @Autowired ObjectMapper json;
    @Autowired AuditCheckpoints checkpoints;
    @Autowired AuditSearch search;
    @Autowired AuditTrail trail;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(rest);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void onlySecurityAndTheAdministratorArchiveAndACutOffInsideSixMonthsIsRefusedNamingTheField() {
        long segments = segments();
        assertThat(api.post("emma", ARCHIVE, Map.of("before", "2020-01-01T00:00:00+08:00")).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(api.post("ivan", ARCHIVE, Map.of("before", "2020-01-01T00:00:00+08:00")).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

        var missing = api.post("sofia", ARCHIVE, Map.of());
        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(missing.getBody()).contains("\"field\":\"before\"").contains("\"rule\":\"required\"");
        var garbled = api.post("sofia", ARCHIVE, Map.of("before", "last spring"));
        assertThat(garbled.getBody()).contains("\"field\":\"before\"").contains("\"rule\":\"date-time-format\"");
        var young = api.post("admin", ARCHIVE, Map.of("before", OffsetDateTime.now().minusMonths(5).toString()));
        assertThat(young.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(young.getBody()).contains("\"field\":\"before\"").contains("\"rule\":\"retention-minimum\"").contains("6 months");

        assertThat(segments()).as("nothing archived").isEqualTo(segments);
        var refusals = search.find(new AuditSearch.Query("sofia", null, null, AuditController.ARCHIVE, null, null), 0, 50).entries();
        assertThat(refusals).anySatisfy(e -> {
            assertThat(e.outcome()).isEqualTo(Outcome.FAILURE);
            assertThat(e.details()).contains("required");
        });
    }

    @Test
    void anArchivedSegmentIsSignedAndTheTrailStillVerifiesFromTheFirstEntry() throws Exception {
        for (int i = 0; i < 3; i++) {
            trail.record(new AuditEvent("ivan", "TEST_ACTION", "thing", "archive-" + i, Outcome.SUCCESS, "n=" + i));
        }
        checkpoints.signTail();
        long firstLeft = jdbc.queryForObject("SELECT MIN(seq) FROM cg_audit_entry", Long.class);
        long checkpoint = jdbc.queryForObject("SELECT MIN(seq) FROM cg_audit_checkpoint WHERE seq >= ?", Long.class, firstLeft);
        long newest = jdbc.queryForObject("SELECT MAX(occurred_at) FROM cg_audit_entry WHERE seq <= ?", Long.class, checkpoint);
        // everything up to that signed checkpoint was recorded before the cut-off, which lies 184 days back
        Instant before = Instant.ofEpochMilli(newest + 1);
        ClockUtil.setCurrentTime(Date.from(before.plus(Duration.ofDays(184))));
        long segments = segments();

        var response = api.post("sofia", ARCHIVE, Map.of("before", before.atOffset(ZoneOffset.ofHours(8)).toString()));
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        JsonNode answer = json.readTree(response.getBody());
        assertThat(answer.get("archived").asBoolean()).isTrue();
        assertThat(answer.get("firstPosition").asLong()).isEqualTo(firstLeft);
        long last = answer.get("lastPosition").asLong();
        assertThat(last).isGreaterThanOrEqualTo(checkpoint);
        assertThat(answer.get("entries").asLong()).isEqualTo(last - firstLeft + 1);
        assertThat(answer.get("contentSm3").asText()).matches("[0-9a-f]{64}");
        assertThat(answer.get("verification").get("intact").asBoolean()).as(response.getBody()).isTrue();
        assertThat(answer.get("verification").get("archivedSegments").asLong()).isEqualTo(segments + 1);

        assertThat(segments()).isEqualTo(segments + 1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM cg_audit_entry WHERE seq <= ?", Long.class, last)).isZero();
        var verified = json.readTree(api.get("admin", "/api/audit/verify").getBody());
        assertThat(verified.get("intact").asBoolean()).isTrue();
        assertThat(verified.get("archivedEntries").asLong()).isGreaterThanOrEqualTo(answer.get("entries").asLong());
        var recorded = search.find(new AuditSearch.Query("sofia", "audit-segment", firstLeft + "-" + last, AuditController.ARCHIVE, null, null), 0, 5);
        assertThat(recorded.entries()).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(Outcome.SUCCESS);
            assertThat(e.details()).contains("sm3=" + answer.get("contentSm3").asText());
        });

        var again = json.readTree(api.post("sofia", ARCHIVE, Map.of("before", "2000-01-01T00:00:00+08:00")).getBody());
        assertThat(again.get("archived").asBoolean()).as("nothing that old is left").isFalse();
        assertThat(segments()).isEqualTo(segments + 1);
    }

    private long segments() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM cg_audit_archive", Long.class);
    }
}
