package io.commgov.clients;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import io.commgov.accounts.Accounts;
import io.commgov.audit.AuditEvent;
import io.commgov.audit.AuditTrail;
import io.commgov.audit.Outcome;
import io.commgov.crypto.SensitiveData;
import io.commgov.vault.AccessRefused;
import io.commgov.vault.Category;
import io.commgov.vault.EncryptedStore;
import io.commgov.vault.Opening;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** External clients and their personal data: kept in the encrypted store, opened only by those with need, every opening audited. */
@Service
@Transactional
class Clients {

    record PersonalData(String phone, String email, String idNumber) {
    }

    static final String ERASED = "(已删除)";

    private final ClientRepository clients;
    private final ClientAccessRepository accesses;
    private final SensitiveData legacySealing;
    private final EncryptedStore store;
    private final Accounts accounts;
    private final AuditTrail audit;

    Clients(ClientRepository clients, ClientAccessRepository accesses, SensitiveData legacySealing, EncryptedStore store,
            Accounts accounts, AuditTrail audit) {
        this.audit = audit;
        this.clients = clients;
        this.accesses = accesses;
        this.legacySealing = legacySealing;
        this.store = store;
        this.accounts = accounts;
    }

    Client record(String id, String clientName, String company, PersonalData personal, List<String> projectGroups,
                  LocalDate projectEndDate, String purpose, String contactPerson, String processInstanceId) {
        return clients.save(new Client(id, clientName, company, seal(personal), projectGroups, projectEndDate, purpose,
                contactPerson, processInstanceId, now()));
    }

    @Transactional(readOnly = true)
    Optional<Client> find(String id) {
        return clients.findById(id);
    }

    @Transactional(readOnly = true)
    List<Client> all() {
        return clients.findAllByOrderByCreatedAtDesc();
    }

    @Transactional(readOnly = true)
    List<ClientAccess> accessesOf(String id) {
        return accesses.findByClientId(id);
    }

    /** Opens the clear personal data for {@code userId} if allowed; every attempt is recorded, allowed or not. */
    @Transactional(noRollbackFor = AccessRefused.class)
    Optional<PersonalData> open(Client client, String userId, boolean allowed, String reason) {
        accesses.save(new ClientAccess(client.getId(), userId, reason, allowed, now()));
        var opening = new Opening(userId, reason, allowed, "client", client.getId());
        try {
            if (client.isErased()) {
                store.open(List.of(), opening);
                return Optional.of(new PersonalData(ERASED, ERASED, ERASED));
            }
            if (client.isInLegacyColumns()) {
                // not moved yet (the move runs at start): the store audits the opening all the same
                store.open(List.of(), opening);
                return Optional.of(legacy(client));
            }
            var records = client.getRecords();
            var clear = store.open(records.ids(), opening);
            return Optional.of(new PersonalData(clear.get(records.phone()), clear.get(records.email()), clear.get(records.idNumber())));
        } catch (AccessRefused refused) {
            return Optional.empty();
        }
    }

    PersonalData masked(Client client) {
        if (client.isErased()) {
            return new PersonalData(ERASED, ERASED, ERASED);
        }
        if (client.isInLegacyColumns()) {
            PersonalData clear = legacy(client);
            return new PersonalData(Masking.phone(clear.phone()), Masking.email(clear.email()), null);
        }
        var records = client.getRecords();
        return new PersonalData(store.masked(records.phone(), Masking::phone), store.masked(records.email(), Masking::email),
                store.masked(records.idNumber(), Masking::idNumber));
    }

    /** Moves one client's personal data out of the legacy columns into the encrypted store; answers whether it moved. */
    boolean moveToStore(String id) {
        Client client = clients.lockById(id).orElseThrow(() -> new IllegalStateException("No client " + id));
        if (!client.isInLegacyColumns()) {
            return false;
        }
        client.storedIn(seal(legacy(client)));
        return true;
    }

    @Transactional(readOnly = true)
    List<String> inLegacyColumns() {
        return clients.findIdsInLegacyColumns();
    }

    void moveTo(String id, ClientState state) {
        clients.findById(id).ifPresent(c -> c.moveTo(state, now()));
    }

    Client activate(String id, String approvedBy, String processInstanceId) {
        Client client = require(id);
        var account = accounts.openExternalClient("C-" + id.substring(0, 8), client.getClientName() + " (" + client.getCompany() + ")",
                "SAL", client.getProjectGroups(), client.getProjectEndDate(), client.getContactPerson(), approvedBy, processInstanceId);
        client.activated(account.getId(), now());
        return client;
    }

    /** Ends access at once: the account is disabled and the client marked as {@code state} (EXPIRED or REVOKED). */
    void end(String id, ClientState state, String actor, String processInstanceId) {
        Client client = require(id);
        if (client.getAccountId() != null) {
            accounts.disable(client.getAccountId(), state.name(), actor, processInstanceId);
        }
        client.moveTo(state, now());
    }

    List<Client> handOver(String fromContactPerson, String toContactPerson) {
        List<Client> owned = clients.findByContactPerson(fromContactPerson);
        owned.forEach(c -> c.handOverTo(toContactPerson, now()));
        return owned;
    }

    /** The department head named the client's new contact person (R-CHG-2). */
    void reassign(String id, String newContactPerson, String actor, String processInstanceId) {
        Client client = require(id);
        String before = client.getContactPerson();
        client.handOverTo(newContactPerson, now());
        audit.record(new AuditEvent(actor, "client.contact-person.reassigned", "client", id, Outcome.SUCCESS,
                before + " -> " + newContactPerson + "; process=" + processInstanceId));
    }

    private PersonalDataRecords seal(PersonalData personal) {
        return new PersonalDataRecords(store.put(Category.CLIENT_PERSONAL_DATA, personal.phone()),
                store.put(Category.CLIENT_PERSONAL_DATA, personal.email()), store.put(Category.CLIENT_PERSONAL_DATA, personal.idNumber()));
    }

    /** The form before the encrypted store: sealed under the master key directly, bound to the client and field. */
    private PersonalData legacy(Client client) {
        return new PersonalData(legacySealing.decrypt(client.getLegacyPhoneEncrypted(), context(client.getId(), "phone")),
                legacySealing.decrypt(client.getLegacyEmailEncrypted(), context(client.getId(), "email")), null);
    }

    /** The requester withdrew the request: the client's personal data is erased, and the row marked WITHDRAWN. */
    List<Client> withdraw(String processInstanceId, String actor) {
        List<Client> withdrawn = clients.findByProcessInstanceId(processInstanceId).stream()
                .filter(c -> c.getState() == ClientState.REQUESTED || c.getState() == ClientState.CONFIGURING).toList();
        for (Client client : withdrawn) {
            store.delete(client.getRecords().ids());
            client.withdrawn(now());
            audit.record(new AuditEvent(actor, "client.withdrawn", "client", client.getId(), Outcome.SUCCESS,
                    "personal data erased; process=" + processInstanceId));
        }
        return withdrawn;
    }

    private Client require(String id) {
        return clients.findById(id).orElseThrow(() -> new IllegalStateException("No client " + id));
    }

    private static String context(String id, String field) {
        return "client:" + id + ":" + field;
    }

    private static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }
}
