package io.commgov.accounts;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import io.commgov.identity.CurrentUser;
import io.commgov.identity.Role;
import io.commgov.validation.Bounds;
import io.commgov.validation.ContractViolationException;
import io.commgov.validation.Violation;
import org.camunda.bpm.engine.AuthorizationException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/accounts}: the accounts, for IT and the platform administrator only. */
@RestController
@RequestMapping("/api/accounts")
class AccountsController {

    record AccountView(String id, String employeeId, String fullName, String department, AccountType type, String jobRole,
                       List<String> permissions, AccountState state, String stateReason, LocalDate validUntil,
                       String requestedBy, String approvedBy, String processInstanceId) {

        static AccountView of(Account a) {
            return new AccountView(a.getId(), a.getEmployeeId(), a.getFullName(), a.getDepartment(), a.getType(), a.getJobRole(),
                    a.getPermissions(), a.getState(), a.getStateReason(), a.getValidUntil(), a.getRequestedBy(),
                    a.getApprovedBy(), a.getProcessInstanceId());
        }
    }

    private final Accounts accounts;
    private final CurrentUser currentUser;

    AccountsController(Accounts accounts, CurrentUser currentUser) {
        this.accounts = accounts;
        this.currentUser = currentUser;
    }

    @GetMapping
    List<AccountView> list(@RequestParam(required = false) String employeeId, @RequestParam(required = false) String state) {
        if (!currentUser.isIn(Role.IT, Role.CAMUNDA_ADMIN)) {
            throw new AuthorizationException("Accounts are listed for the groups it and camunda-admin only; "
                    + currentUser.id().orElse("anonymous") + " is in neither");
        }
        var bounds = new java.util.ArrayList<Violation>();
        Bounds.maxLength(bounds, "employeeId", employeeId, Bounds.ID);
        Bounds.maxLength(bounds, "state", state, Bounds.NAME);
        Bounds.check(bounds);
        return accounts.list(employeeId, stateOf(state)).stream().map(AccountView::of).toList();
    }

    private static AccountState stateOf(String state) {
        if (state == null || state.isBlank()) {
            return null;
        }
        try {
            return AccountState.valueOf(state.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ContractViolationException(List.of(new Violation("state", "one-of",
                    "state must be one of REQUESTED, ACTIVE, DISABLED (got '" + state + "')")));
        }
    }
}
