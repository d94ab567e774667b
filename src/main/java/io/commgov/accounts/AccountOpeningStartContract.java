package io.commgov.accounts;

import java.util.regex.Pattern;

import io.commgov.identity.Role;
import io.commgov.validation.Fields;
import io.commgov.validation.StartContract;
import org.springframework.stereotype.Component;

/**
 * Start variables of {@code account-opening} (SPEC section 4) and who may ask for which type: a head of the
 * department for an employee, a mentor for an intern or contractor; no second active account (R-ACC-1).
 */
@Component
class AccountOpeningStartContract implements StartContract {

    static final Pattern EMPLOYEE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{1,31}");
    static final Pattern PERMISSION = Pattern.compile("[a-z]+(:[a-z0-9-]+)+");

    private final Accounts accounts;
    private final Organisation organisation;

    AccountOpeningStartContract(Accounts accounts, Organisation organisation) {
        this.accounts = accounts;
        this.organisation = organisation;
    }

    @Override
    public String processKey() {
        return "account-opening";
    }

    @Override
    public void check(Fields f) {
        String employeeId = f.requiredMatching("employeeId", EMPLOYEE_ID, "pattern", "must be 2 to 32 letters, digits or '-'");
        f.requiredName("fullName", 100);
        String department = f.requiredText("department", 32);
        if (department != null && !organisation.departmentExists(department)) {
            f.reject("department", "unknown-department", "department " + department + " is not a known department code");
            department = null;
        }
        String type = f.requiredOneOf("accountType", "EMPLOYEE", "INTERN", "CONTRACTOR");
        if ("EMPLOYEE".equals(type)) {
            if (f.isPresent("endDate")) {
                f.reject("endDate", "not-for-employee", "endDate is only for INTERN and CONTRACTOR accounts; EMPLOYEE accounts are long-term");
            }
        } else if (type != null) {
            f.futureDate("endDate", true);
        } else {
            f.date("endDate", false);
        }
        for (String permission : f.list("extraPermissions", false)) {
            if (!PERMISSION.matcher(permission).matches()) {
                f.reject("extraPermissions", "pattern", "extraPermissions entries look like 'files:write' (got '" + permission + "')");
            }
        }
        checkApplicant(f, (String) f.raw("initiator"), department, type);
        if (employeeId != null && accounts.activeAccountOf(employeeId).isPresent()) {
            f.reject("employeeId", "unique-active-account", "employee " + employeeId
                    + " already has an active account; disable it before opening another (R-ACC-1)");
        }
    }

    private void checkApplicant(Fields f, String applicant, String department, String type) {
        if (applicant == null) {
            f.reject("initiator", "required", "an account request needs an authenticated applicant");
        } else if ("EMPLOYEE".equals(type) && department != null && !organisation.isHeadOf(applicant, department)) {
            f.reject("department", "not-your-department", applicant + " is not a head of department " + department
                    + "; an EMPLOYEE account is applied for by a head of that department");
        } else if (("INTERN".equals(type) || "CONTRACTOR".equals(type)) && !organisation.isIn(applicant, Role.MENTOR)) {
            f.reject("accountType", "mentor-applies", "an " + type + " account is applied for by a mentor; " + applicant + " is not one");
        }
    }
}
