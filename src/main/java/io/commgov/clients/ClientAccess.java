package io.commgov.clients;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One attempt to open a client's personal data (who, which record, why, allowed or not); appended only. */
@Entity
@Table(name = "cg_client_access")
class ClientAccess {

    @Id
    private String id;
    @Column(name = "client_id", nullable = false)
    private String clientId;
    @Column(name = "user_id", nullable = false)
    private String userId;
    private String reason;
    @Column(nullable = false)
    private boolean granted;
    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    protected ClientAccess() {
    }

    ClientAccess(String clientId, String userId, String reason, boolean granted, Instant at) {
        this.id = UUID.randomUUID().toString();
        this.clientId = clientId;
        this.userId = userId;
        this.reason = reason;
        this.granted = granted;
        this.occurredAt = at;
    }

    String getClientId() { return clientId; }
    String getUserId() { return userId; }
    String getReason() { return reason; }
    boolean isGranted() { return granted; }
}
