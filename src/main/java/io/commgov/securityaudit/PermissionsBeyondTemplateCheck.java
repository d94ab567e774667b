package io.commgov.securityaudit;

import java.util.List;

import io.commgov.accounts.Account;
import io.commgov.accounts.AccountState;
import io.commgov.accounts.Accounts;
import org.springframework.stereotype.Component;

/**
 * Least privilege (R-ACC-2): an ACTIVE account holds nothing beyond its type's template (the DMN decision
 * Decision_AccountPermissions) and the extras approved for it; anything else was granted outside the process.
 */
@Component
class PermissionsBeyondTemplateCheck implements SecurityCheck {

    private final Accounts accounts;

    PermissionsBeyondTemplateCheck(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public String name() {
        return "permissions-beyond-template";
    }

    @Override
    public List<Finding> run(AuditPeriod period) {
        return accounts.list(null, AccountState.ACTIVE).stream().map(this::check).filter(java.util.Objects::nonNull).toList();
    }

    private Finding check(Account account) {
        List<String> allowed = accounts.allowedPermissions(account);
        List<String> beyond = account.getPermissions().stream().filter(p -> !allowed.contains(p)).distinct().toList();
        if (beyond.isEmpty()) {
            return null;
        }
        return new Finding(name(), account.getEmployeeId(), account.getType() + " account " + account.getId() + " of "
                + account.getFullName() + " (" + account.getDepartment() + ") holds " + beyond
                + " beyond its template and approved extras " + allowed);
    }
}
