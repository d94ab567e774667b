package io.commgov.accounts;

import java.time.LocalDate;

/**
 * An employee has resigned and their account is disabled (R-CHG-2); whoever owns things for this person (for
 * example the external clients they are contact person for) hands them over to {@code handOverTo}.
 */
public record EmployeeResigned(String employeeId, String fullName, String department, LocalDate effectiveDate,
                               String handOverTo, String processInstanceId) {
}
