package io.commgov.clients;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An external client; its phone and e-mail exist here only SM4-encrypted, bound to this record and field. */
@Entity
@Table(name = "cg_client")
class Client {

    @Id
    private String id;
    @Column(name = "client_name", nullable = false)
    private String clientName;
    @Column(nullable = false)
    private String company;
    @Column(name = "phone_encrypted", nullable = false)
    private String phoneEncrypted;
    @Column(name = "email_encrypted", nullable = false)
    private String emailEncrypted;
    @Column(name = "project_groups", nullable = false)
    private String projectGroups;
    @Column(name = "project_end_date", nullable = false)
    private LocalDate projectEndDate;
    @Column(name = "processing_purpose", nullable = false)
    private String processingPurpose;
    @Column(name = "consent_given", nullable = false)
    private boolean consentGiven;
    @Column(name = "consent_recorded_by", nullable = false)
    private String consentRecordedBy;
    @Column(name = "consent_recorded_at", nullable = false)
    private Instant consentRecordedAt;
    @Column(name = "contact_person", nullable = false)
    private String contactPerson;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ClientState state;
    @Column(name = "account_id")
    private String accountId;
    @Column(name = "process_instance_id")
    private String processInstanceId;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Client() {
    }

    Client(String id, String clientName, String company, String phoneEncrypted, String emailEncrypted, List<String> projectGroups,
           LocalDate projectEndDate, String processingPurpose, String contactPerson, String processInstanceId, Instant now) {
        this.id = id;
        this.clientName = clientName;
        this.company = company;
        this.phoneEncrypted = phoneEncrypted;
        this.emailEncrypted = emailEncrypted;
        this.projectGroups = String.join(",", projectGroups);
        this.projectEndDate = projectEndDate;
        this.processingPurpose = processingPurpose;
        this.consentGiven = true;
        this.consentRecordedBy = contactPerson;
        this.consentRecordedAt = now;
        this.contactPerson = contactPerson;
        this.state = ClientState.REQUESTED;
        this.processInstanceId = processInstanceId;
        this.createdAt = now;
        this.updatedAt = now;
    }

    void moveTo(ClientState newState, Instant now) {
        this.state = newState;
        this.updatedAt = now;
    }

    void activated(String accountId, Instant now) {
        this.accountId = accountId;
        moveTo(ClientState.ACTIVE, now);
    }

    /** A withdrawn request keeps no personal data: the ciphertexts go, the row says why. */
    void withdrawn(Instant now) {
        this.phoneEncrypted = "";
        this.emailEncrypted = "";
        moveTo(ClientState.WITHDRAWN, now);
    }

    boolean isErased() {
        return phoneEncrypted.isEmpty() && emailEncrypted.isEmpty();
    }

    void handOverTo(String newContactPerson, Instant now) {
        this.contactPerson = newContactPerson;
        this.updatedAt = now;
    }

    String getId() { return id; }
    String getClientName() { return clientName; }
    String getCompany() { return company; }
    String getPhoneEncrypted() { return phoneEncrypted; }
    String getEmailEncrypted() { return emailEncrypted; }
    List<String> getProjectGroups() { return Arrays.asList(projectGroups.split(",")); }
    LocalDate getProjectEndDate() { return projectEndDate; }
    String getProcessingPurpose() { return processingPurpose; }
    boolean isConsentGiven() { return consentGiven; }
    String getConsentRecordedBy() { return consentRecordedBy; }
    Instant getConsentRecordedAt() { return consentRecordedAt; }
    String getContactPerson() { return contactPerson; }
    ClientState getState() { return state; }
    String getAccountId() { return accountId; }
    String getProcessInstanceId() { return processInstanceId; }
}
