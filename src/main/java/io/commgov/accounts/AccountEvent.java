package io.commgov.accounts;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One step on an account (who, what, when, which account, outcome), appended and never changed (R-LOG). */
@Entity
@Table(name = "cg_account_event")
class AccountEvent {

    @Id
    private String id;
    @Column(name = "account_id", nullable = false)
    private String accountId;
    @Column(name = "employee_id", nullable = false)
    private String employeeId;
    @Column(nullable = false)
    private String action;
    private String actor;
    private String detail;
    @Column(name = "process_instance_id")
    private String processInstanceId;
    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    protected AccountEvent() {
    }

    AccountEvent(Account account, String action, String actor, String detail, String processInstanceId, Instant at) {
        this.id = UUID.randomUUID().toString();
        this.accountId = account.getId();
        this.employeeId = account.getEmployeeId();
        this.action = action;
        this.actor = actor;
        this.detail = detail == null || detail.length() <= 1000 ? detail : detail.substring(0, 1000);
        this.processInstanceId = processInstanceId;
        this.occurredAt = at;
    }

    String getAccountId() {
        return accountId;
    }

    String getAction() {
        return action;
    }

    String getActor() {
        return actor;
    }

    String getDetail() {
        return detail;
    }

    Instant getOccurredAt() {
        return occurredAt;
    }
}
