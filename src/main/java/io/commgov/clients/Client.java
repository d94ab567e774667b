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

/** An external client; its phone, e-mail and id number exist only as records of the encrypted store, referenced here. */
@Entity
@Table(name = "cg_client")
class Client {

    @Id
    private String id;
    @Column(name = "client_name", nullable = false)
    private String clientName;
    @Column(nullable = false)
    private String company;
    @Column(name = "phone_record")
    private String phoneRecord;
    @Column(name = "email_record")
    private String emailRecord;
    @Column(name = "id_number_record")
    private String idNumberRecord;
    // sealed under the master key directly, before the encrypted store; moved into it at the first start
    @Column(name = "legacy_phone_encrypted")
    private String legacyPhoneEncrypted;
    @Column(name = "legacy_email_encrypted")
    private String legacyEmailEncrypted;
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

    Client(String id, String clientName, String company, PersonalDataRecords records, List<String> projectGroups,
           LocalDate projectEndDate, String processingPurpose, String contactPerson, String processInstanceId, Instant now) {
        this.id = id;
        this.clientName = clientName;
        this.company = company;
        storedIn(records);
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

    /** The personal data now lives in these records of the encrypted store; nothing is left in the legacy columns. */
    void storedIn(PersonalDataRecords records) {
        this.phoneRecord = records.phone();
        this.emailRecord = records.email();
        this.idNumberRecord = records.idNumber();
        this.legacyPhoneEncrypted = null;
        this.legacyEmailEncrypted = null;
    }

    /** A withdrawn request keeps no personal data: the store's records go (the caller deletes them), the row says why. */
    void withdrawn(Instant now) {
        this.phoneRecord = null;
        this.emailRecord = null;
        this.idNumberRecord = null;
        this.legacyPhoneEncrypted = null;
        this.legacyEmailEncrypted = null;
        moveTo(ClientState.WITHDRAWN, now);
    }

    boolean isErased() {
        return phoneRecord == null && emailRecord == null && legacyPhoneEncrypted == null;
    }

    void handOverTo(String newContactPerson, Instant now) {
        this.contactPerson = newContactPerson;
        this.updatedAt = now;
    }

    String getId() { return id; }
    String getClientName() { return clientName; }
    String getCompany() { return company; }
    PersonalDataRecords getRecords() { return new PersonalDataRecords(phoneRecord, emailRecord, idNumberRecord); }
    boolean isInLegacyColumns() { return phoneRecord == null && legacyPhoneEncrypted != null; }
    String getLegacyPhoneEncrypted() { return legacyPhoneEncrypted; }
    String getLegacyEmailEncrypted() { return legacyEmailEncrypted; }
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
