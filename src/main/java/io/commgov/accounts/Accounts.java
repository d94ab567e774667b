package io.commgov.accounts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.commgov.audit.AuditEvent;
import io.commgov.audit.AuditTrail;
import io.commgov.audit.Outcome;
import io.commgov.validation.ContractViolationException;
import io.commgov.validation.Violation;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The accounts and every change to them; each change is logged as an {@link AccountEvent}. */
@Service
@Transactional
public class Accounts {

    static final String EMPLOYEE_ID = "employeeId";
    static final String NOTICE = "NOTICE";
    static final String PROJECT_GROUP_PREFIX = "group:project-";
    /** The permissions granted beyond the template with an explicit approval, comma-separated in the event's detail. */
    static final String EXTRAS_APPROVED = "EXTRAS_APPROVED";
    static final String TRANSFERRED = "TRANSFERRED";

    private final AccountRepository accounts;
    private final AccountEventRepository events;
    private final PermissionTemplates templates;
    private final ApplicationEventPublisher publisher;
    private final AuditTrail audit;

    Accounts(AccountRepository accounts, AccountEventRepository events, PermissionTemplates templates,
             ApplicationEventPublisher publisher, AuditTrail audit) {
        this.audit = audit;
        this.accounts = accounts;
        this.events = events;
        this.templates = templates;
        this.publisher = publisher;
    }

    @Transactional(readOnly = true)
    public Optional<Account> activeAccountOf(String employeeId) {
        return employeeId == null ? Optional.empty() : accounts.findByActiveEmployeeId(employeeId);
    }

    @Transactional(readOnly = true)
    public Optional<Account> find(String accountId) {
        return accounts.findById(accountId);
    }

    @Transactional(readOnly = true)
    public List<Account> list(String employeeId, AccountState state) {
        List<Account> found = employeeId != null ? accounts.findByEmployeeIdOrderByCreatedAtDesc(employeeId)
                : state != null ? accounts.findByStateOrderByCreatedAtDesc(state)
                : accounts.findAllByOrderByCreatedAtDesc();
        return found.stream().filter(a -> state == null || a.getState() == state).toList();
    }

    /**
     * What an account may hold (R-ACC-2): its type's template for its department (the DMN decision) plus the extras
     * approved for it since it last changed department (a transfer resets it to the template).
     */
    @Transactional(readOnly = true)
    public List<String> allowedPermissions(Account account) {
        var allowed = new ArrayList<>(templates.of(account.getType(), account.getDepartment()));
        var approved = new ArrayList<String>();
        for (AccountEvent event : events.findByAccountIdOrderByOccurredAt(account.getId())) {
            if (TRANSFERRED.equals(event.getAction())) {
                approved.clear();
            } else if (EXTRAS_APPROVED.equals(event.getAction()) && event.getDetail() != null) {
                approved.addAll(java.util.Arrays.stream(event.getDetail().split(",")).map(String::strip).filter(p -> !p.isEmpty()).toList());
            }
        }
        allowed.addAll(PermissionTemplates.beyond(allowed, approved));
        return allowed;
    }

    @Transactional(readOnly = true)
    List<AccountEvent> historyOf(String accountId) {
        return events.findByAccountIdOrderByOccurredAt(accountId);
    }

    /** A request is on record from its start, with the template of its type as the permissions asked for. */
    Account request(String employeeId, String fullName, String department, AccountType type, LocalDate validUntil,
                    List<String> requested, String requestedBy, String processInstanceId) {
        var all = new ArrayList<>(templates.of(type, department));
        PermissionTemplates.beyond(all, requested).forEach(all::add);
        var account = accounts.save(Account.requested(employeeId, fullName, department, type, validUntil, all,
                requestedBy, processInstanceId, now()));
        log(account, "REQUESTED", requestedBy, type + " for " + department + ", permissions " + all, processInstanceId);
        return account;
    }

    /**
     * IT creates the account: the template, plus the extras only if the IT head approved them (R-ACC-2). A second
     * active account for the employee id is refused (R-ACC-1); the unique index catches a request racing this one.
     */
    Account activate(String accountId, boolean extrasApproved, String approvedBy, String actor, String processInstanceId) {
        Account account = accounts.findById(accountId).orElseThrow(() -> new IllegalStateException("No account " + accountId));
        refuseIfActive(account.getEmployeeId(), accountId);
        var granted = new ArrayList<>(templates.of(account.getType(), account.getDepartment()));
        var extras = PermissionTemplates.beyond(granted, account.getPermissions());
        if (extrasApproved) {
            granted.addAll(extras);
        }
        account.activate(granted, approvedBy, now());
        try {
            accounts.saveAndFlush(account);
        } catch (DataIntegrityViolationException e) {
            throw duplicate(account.getEmployeeId());
        }
        log(account, "ACTIVATED", actor, "permissions " + granted
                + (extras.isEmpty() ? "" : extrasApproved ? " (extras approved by the IT head)" : "; not granted: " + extras),
                processInstanceId);
        if (extrasApproved && !extras.isEmpty()) {
            // the approvers are on the account (approved_by); the detail is the list, read back by allowedPermissions
            log(account, EXTRAS_APPROVED, actor, String.join(",", extras), processInstanceId);
        }
        return account;
    }

    void reject(String accountId, String actor, String reason, String processInstanceId) {
        accounts.findById(accountId).ifPresent(account -> {
            account.disable("REJECTED", now());
            log(account, "REJECTED", actor, reason, processInstanceId);
        });
    }

    /** The requester withdrew the request: its account, still REQUESTED, is disabled as WITHDRAWN. */
    void withdraw(String processInstanceId, String actor) {
        for (Account account : accounts.findByProcessInstanceIdAndState(processInstanceId, AccountState.REQUESTED)) {
            account.disable("WITHDRAWN", now());
            log(account, "WITHDRAWN", actor, "request withdrawn by its requester", processInstanceId);
        }
    }

    /** R-ACC-3: a time-limited account ends at its end date; answers false when it was no longer active. */
    boolean expire(String accountId, String processInstanceId) {
        Account account = accounts.findById(accountId).orElseThrow(() -> new IllegalStateException("No account " + accountId));
        if (account.getState() != AccountState.ACTIVE) {
            return false;
        }
        account.disable("EXPIRED", now());
        log(account, "EXPIRED", null, "valid until " + account.getValidUntil(), processInstanceId);
        return true;
    }

    /** R-CHG-2: the old department's group and any extras go, the new department gets the type's template. */
    Account transfer(String employeeId, String newDepartment, String actor, String processInstanceId) {
        Account account = requireActive(employeeId);
        String old = account.getDepartment();
        account.moveTo(newDepartment, templates.of(account.getType(), newDepartment), now());
        log(account, TRANSFERRED, actor, old + " -> " + newDepartment + ", permissions " + account.getPermissions(), processInstanceId);
        return account;
    }

    Account changeRole(String employeeId, String newRole, String actor, String processInstanceId) {
        Account account = requireActive(employeeId);
        String old = account.getJobRole();
        account.changeRole(newRole, now());
        log(account, "ROLE_CHANGED", actor, (old == null ? "-" : old) + " -> " + newRole, processInstanceId);
        return account;
    }

    /** Resignation disables the account and asks whoever owns things for the person to hand them to {@code handOverTo}. */
    Account resign(String employeeId, LocalDate effectiveDate, String handOverTo, String actor, String processInstanceId) {
        Account account = requireActive(employeeId);
        account.disable("RESIGNED", now());
        log(account, "RESIGNED", actor, "effective " + effectiveDate + ", hand-over to " + handOverTo, processInstanceId);
        publisher.publishEvent(new EmployeeResigned(employeeId, account.getFullName(), account.getDepartment(),
                effectiveDate, handOverTo, processInstanceId));
        return account;
    }

    /**
     * An external client's account (R-CLI-1): the EXTERNAL_CLIENT template plus the named project groups only, until
     * the project's end; opened by the client-onboarding process once sales head and IT have approved it.
     */
    public Account openExternalClient(String clientRef, String clientName, String department, List<String> projectGroups,
                                      LocalDate projectEnd, String requestedBy, String approvedBy, String processInstanceId) {
        refuseIfActive(clientRef, null);
        var permissions = new ArrayList<>(templates.of(AccountType.EXTERNAL_CLIENT, department));
        projectGroups.forEach(g -> permissions.add(PROJECT_GROUP_PREFIX + g));
        var account = Account.requested(clientRef, clientName, department, AccountType.EXTERNAL_CLIENT, projectEnd, permissions,
                requestedBy, processInstanceId, now());
        account.activate(permissions, approvedBy, now());
        try {
            accounts.saveAndFlush(account);
        } catch (DataIntegrityViolationException e) {
            throw duplicate(clientRef);
        }
        log(account, "ACTIVATED", EngineContext.actor(), "external client, permissions " + permissions, processInstanceId);
        if (!projectGroups.isEmpty()) {
            log(account, EXTRAS_APPROVED, EngineContext.actor(), String.join(",", PermissionTemplates.beyond(
                    templates.of(AccountType.EXTERNAL_CLIENT, department), permissions)), processInstanceId);
        }
        return account;
    }

    /** Ends an account at once (expiry or revocation by the contact person); answers false when it was not active. */
    public boolean disable(String accountId, String reason, String actor, String processInstanceId) {
        Account account = accounts.findById(accountId).orElseThrow(() -> new IllegalStateException("No account " + accountId));
        if (account.getState() != AccountState.ACTIVE) {
            return false;
        }
        account.disable(reason, now());
        log(account, reason, actor, null, processInstanceId);
        return true;
    }

    void log(Account account, String action, String actor, String detail, String processInstanceId) {
        events.save(new AccountEvent(account, action, actor, detail, processInstanceId, now()));
        // notices name their recipient as actor; the audit trail records who acted
        String auditActor = NOTICE.equals(action) ? EngineContext.actor() : actor;
        audit.record(new AuditEvent(auditActor, "account." + action.toLowerCase(java.util.Locale.ROOT), "account", account.getId(),
                Outcome.SUCCESS, "employeeId=" + account.getEmployeeId() + "; process=" + processInstanceId));
    }

    private Account requireActive(String employeeId) {
        return accounts.findByActiveEmployeeId(employeeId).orElseThrow(() -> noActiveAccount(employeeId));
    }

    static ContractViolationException noActiveAccount(String employeeId) {
        return new ContractViolationException(List.of(new Violation(EMPLOYEE_ID, "no-active-account",
                "employee " + employeeId + " has no active account")));
    }

    private void refuseIfActive(String employeeId, String exceptAccountId) {
        accounts.findByActiveEmployeeId(employeeId).filter(a -> !a.getId().equals(exceptAccountId)).ifPresent(a -> {
            throw duplicate(employeeId);
        });
    }

    static ContractViolationException duplicate(String employeeId) {
        return new ContractViolationException(List.of(new Violation(EMPLOYEE_ID, "unique-active-account",
                "employee " + employeeId + " already has an active account; disable it before opening another (R-ACC-1)")));
    }

    private static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }
}
