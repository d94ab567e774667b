package io.commgov.securityaudit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.UUID;

import io.commgov.support.CommGovIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The quarterly audit finds accounts still active after their end date, and only those. */
@CommGovIntegrationTest
class ExpiredActiveAccountsCheckTest {

    @Autowired ExpiredActiveAccountsCheck check;
    @Autowired JdbcTemplate jdbc;

    @Test
    void findsActiveAccountsPastTheirEndDate() {
        String expired = insert("E9" + suffix(), "ACTIVE", LocalDate.of(2026, 6, 30));
        String current = insert("E9" + suffix(), "ACTIVE", LocalDate.of(2027, 6, 30));
        String disabled = insert("E9" + suffix(), "DISABLED", LocalDate.of(2026, 6, 30));

        var findings = check.run(new AuditPeriod(Instant.parse("2026-07-01T00:00:00Z"), Instant.parse("2026-10-01T00:00:00Z")));

        assertThat(findings).extracting(Finding::subject).contains(expired).doesNotContain(current, disabled);
        assertThat(findings).filteredOn(f -> f.subject().equals(expired)).singleElement()
                .satisfies(f -> assertThat(f.evidence()).contains("2026-06-30").contains("still ACTIVE"));
        jdbc.update("delete from cg_account where employee_id in (?, ?, ?)", expired, current, disabled);
    }

    private String insert(String employeeId, String state, LocalDate validUntil) {
        LocalDateTime now = LocalDateTime.of(2026, 1, 5, 9, 0);
        jdbc.update("insert into cg_account (id, employee_id, active_employee_id, full_name, department, account_type, permissions,"
                        + " state, valid_until, requested_by, created_at, updated_at) values (?, ?, ?, ?, 'RND', 'INTERN', 'GROUP_CHAT', ?, ?, 'mia', ?, ?)",
                UUID.randomUUID().toString(), employeeId, state.equals("ACTIVE") ? employeeId : null, "实习生 " + employeeId, state,
                validUntil, now, now);
        return employeeId;
    }

    private static String suffix() {
        return String.valueOf(System.nanoTime() % 10_000_000);
    }
}
