package io.commgov.accounts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One account, bound to one employee id (R-ACC-1); its permissions are the template of its type plus approved extras. */
@Entity
@Table(name = "cg_account")
public class Account {

    @Id
    private String id;
    @Column(name = "employee_id", nullable = false)
    private String employeeId;
    // set only while ACTIVE; unique, so the database itself refuses a second active account
    @Column(name = "active_employee_id")
    private String activeEmployeeId;
    @Column(name = "full_name", nullable = false)
    private String fullName;
    @Column(nullable = false)
    private String department;
    @Enumerated(EnumType.STRING)
    @Column(name = "account_type", nullable = false)
    private AccountType type;
    @Column(name = "job_role")
    private String jobRole;
    @Column(nullable = false)
    private String permissions;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private AccountState state;
    @Column(name = "state_reason")
    private String stateReason;
    @Column(name = "valid_until")
    private LocalDate validUntil;
    @Column(name = "requested_by", nullable = false)
    private String requestedBy;
    @Column(name = "approved_by")
    private String approvedBy;
    @Column(name = "process_instance_id")
    private String processInstanceId;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Account() {
    }

    static Account requested(String employeeId, String fullName, String department, AccountType type, LocalDate validUntil,
                             List<String> permissions, String requestedBy, String processInstanceId, Instant now) {
        var account = new Account();
        account.id = UUID.randomUUID().toString();
        account.employeeId = employeeId;
        account.fullName = fullName;
        account.department = department;
        account.type = type;
        account.validUntil = validUntil;
        account.permissions = join(permissions);
        account.state = AccountState.REQUESTED;
        account.requestedBy = requestedBy;
        account.processInstanceId = processInstanceId;
        account.createdAt = now;
        account.updatedAt = now;
        return account;
    }

    void activate(List<String> grantedPermissions, String approvedBy, Instant now) {
        this.permissions = join(grantedPermissions);
        this.approvedBy = approvedBy;
        this.state = AccountState.ACTIVE;
        this.activeEmployeeId = employeeId;
        this.stateReason = null;
        this.updatedAt = now;
    }

    void disable(String reason, Instant now) {
        this.state = AccountState.DISABLED;
        this.activeEmployeeId = null;
        this.stateReason = reason;
        this.updatedAt = now;
    }

    void moveTo(String newDepartment, List<String> newPermissions, Instant now) {
        this.department = newDepartment;
        this.permissions = join(newPermissions);
        this.updatedAt = now;
    }

    void changeRole(String newRole, Instant now) {
        this.jobRole = newRole;
        this.updatedAt = now;
    }

    private static String join(List<String> permissions) {
        return String.join(",", new LinkedHashSet<>(permissions));
    }

    public String getId() {
        return id;
    }

    public String getEmployeeId() {
        return employeeId;
    }

    public String getFullName() {
        return fullName;
    }

    public String getDepartment() {
        return department;
    }

    public AccountType getType() {
        return type;
    }

    public String getJobRole() {
        return jobRole;
    }

    public List<String> getPermissions() {
        return permissions == null || permissions.isBlank() ? List.of() : new ArrayList<>(Arrays.asList(permissions.split(",")));
    }

    public AccountState getState() {
        return state;
    }

    public String getStateReason() {
        return stateReason;
    }

    public LocalDate getValidUntil() {
        return validUntil;
    }

    public String getRequestedBy() {
        return requestedBy;
    }

    public String getApprovedBy() {
        return approvedBy;
    }

    public String getProcessInstanceId() {
        return processInstanceId;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
