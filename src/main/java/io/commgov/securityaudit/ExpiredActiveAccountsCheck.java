package io.commgov.securityaudit;

import java.time.LocalDate;
import java.util.List;

import io.commgov.accounts.AccountState;
import io.commgov.accounts.Accounts;
import org.springframework.stereotype.Component;

/** Accounts still ACTIVE after their end date (R-ACC-3 failed, or someone re-enabled them by hand). */
@Component
class ExpiredActiveAccountsCheck implements SecurityCheck {

    private final Accounts accounts;

    ExpiredActiveAccountsCheck(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public String name() {
        return "expired-account-active";
    }

    @Override
    public List<Finding> run(AuditPeriod period) {
        LocalDate today = period.to().atZone(java.time.ZoneId.of("Asia/Shanghai")).toLocalDate();
        return accounts.list(null, AccountState.ACTIVE).stream()
                .filter(a -> a.getValidUntil() != null && a.getValidUntil().isBefore(today))
                .map(a -> new Finding(name(), a.getEmployeeId(), a.getType() + " account " + a.getId() + " of " + a.getFullName()
                        + " (" + a.getDepartment() + ") ended " + a.getValidUntil() + " but is still ACTIVE"))
                .toList();
    }
}
