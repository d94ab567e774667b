package io.commgov.identity;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which user is which employee ({@code cg_employee_user}). An employee id without an entry is taken to be the user
 * id itself, so an account opened under a user's own id is recognised as theirs as well.
 */
@Component
public class Employees {

    private final JdbcTemplate jdbc;

    Employees(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<String> employeeIdOf(String userId) {
        return first(jdbc.queryForList("SELECT employee_id FROM cg_employee_user WHERE user_id = ?", String.class, userId));
    }

    /** The user of an employee: the mapped one, else a user whose id is the employee id. */
    public String userOf(String employeeId) {
        return first(jdbc.queryForList("SELECT user_id FROM cg_employee_user WHERE employee_id = ?", String.class, employeeId))
                .orElse(employeeId);
    }

    /** Whether the account of {@code employeeId} is the user's own. */
    public boolean isOwnAccount(String userId, String employeeId) {
        return userId != null && employeeId != null
                && (userId.equals(employeeId) || userId.equals(userOf(employeeId)) || employeeIdOf(userId).filter(employeeId::equals).isPresent());
    }

    /** Records that {@code userId} is employee {@code employeeId}, unless either is linked already. */
    @Transactional
    public boolean link(String employeeId, String userId) {
        if (jdbc.queryForObject("SELECT COUNT(*) FROM cg_employee_user WHERE employee_id = ? OR user_id = ?", Integer.class,
                employeeId, userId) > 0) {
            return false;
        }
        return jdbc.update("INSERT INTO cg_employee_user (employee_id, user_id) VALUES (?, ?)", employeeId, userId) == 1;
    }

    private static Optional<String> first(List<String> values) {
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
}
