package io.commgov.accounts;

import io.commgov.validation.Fields;
import io.commgov.validation.StartContract;
import org.springframework.stereotype.Component;

/**
 * Start variables of {@code role-change} (SPEC section 4): the Account Permission Change/Cancellation form, submitted
 * by a head of the department the account belongs to, for an account that is active.
 */
@Component
class RoleChangeStartContract implements StartContract {

    private final Accounts accounts;
    private final Organisation organisation;

    RoleChangeStartContract(Accounts accounts, Organisation organisation) {
        this.accounts = accounts;
        this.organisation = organisation;
    }

    @Override
    public String processKey() {
        return "role-change";
    }

    @Override
    public void check(Fields f) {
        String employeeId = f.requiredMatching("employeeId", AccountOpeningStartContract.EMPLOYEE_ID, "pattern",
                "must be 2 to 32 letters, digits or '-'");
        String changeType = f.requiredOneOf("changeType", "TRANSFER", "ROLE_CHANGE", "RESIGNATION");
        f.date("effectiveDate", true);
        var account = employeeId == null ? null : accounts.activeAccountOf(employeeId).orElse(null);
        if (employeeId != null && account == null) {
            f.reject("employeeId", "no-active-account", "employee " + employeeId + " has no active account to change");
        }
        String applicant = (String) f.raw("initiator");
        if (applicant == null) {
            f.reject("initiator", "required", "a change request needs an authenticated applicant");
        } else if (account != null && !organisation.isHeadOf(applicant, account.getDepartment())) {
            f.reject("employeeId", "not-your-department", applicant + " is not a head of department " + account.getDepartment()
                    + ", to which employee " + employeeId + " belongs");
        }
        checkNewDepartment(f, changeType, account);
        if ("ROLE_CHANGE".equals(changeType)) {
            f.requiredName("newRole", 100);
        } else if (f.isPresent("newRole")) {
            f.reject("newRole", "not-for-change-type", "newRole is only for a ROLE_CHANGE");
        }
    }

    private void checkNewDepartment(Fields f, String changeType, Account account) {
        if (!"TRANSFER".equals(changeType)) {
            if (f.isPresent("newDepartment")) {
                f.reject("newDepartment", "not-for-change-type", "newDepartment is only for a TRANSFER");
            }
            return;
        }
        String newDepartment = f.requiredText("newDepartment", 32);
        if (newDepartment == null) {
            return;
        }
        if (!organisation.departmentExists(newDepartment)) {
            f.reject("newDepartment", "unknown-department", "department " + newDepartment + " is not a known department code");
        } else if (account != null && newDepartment.equals(account.getDepartment())) {
            f.reject("newDepartment", "same-department", "employee " + account.getEmployeeId() + " is already in " + newDepartment);
        }
    }
}
