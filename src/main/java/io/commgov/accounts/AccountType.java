package io.commgov.accounts;

/** The account types of Template 2; each has a permission template in {@code processes/accounts/account-permissions.dmn}. */
public enum AccountType {
    EMPLOYEE,
    INTERN,
    CONTRACTOR,
    EXTERNAL_CLIENT;

    /** Interns, contractors and external clients hold an account only until an end date (R-ACC-3). */
    public boolean isTimeLimited() {
        return this != EMPLOYEE;
    }
}
