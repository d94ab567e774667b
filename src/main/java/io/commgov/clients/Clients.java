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
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** External clients and their personal data: written encrypted, opened only by those with need, every opening audited. */
@Service
@Transactional
class Clients {

    record PersonalData(String phone, String email) {
    }

    static final String ERASED = "(已删除)";

    private final ClientRepository clients;
    private final ClientAccessRepository accesses;
    private final SensitiveData sensitiveData;
    private final Accounts accounts;
    private final AuditTrail audit;

    Clients(ClientRepository clients, ClientAccessRepository accesses, SensitiveData sensitiveData, Accounts accounts, AuditTrail audit) {
        this.audit = audit;
        this.clients = clients;
        this.accesses = accesses;
        this.sensitiveData = sensitiveData;
        this.accounts = accounts;
    }

    Client record(String id, String clientName, String company, String phone, String email, List<String> projectGroups,
                  LocalDate projectEndDate, String purpose, String contactPerson, String processInstanceId) {
        return clients.save(new Client(id, clientName, company, sensitiveData.encrypt(phone, context(id, "phone")),
                sensitiveData.encrypt(email, context(id, "email")), projectGroups, projectEndDate, purpose, contactPerson,
                processInstanceId, now()));
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
    Optional<PersonalData> open(Client client, String userId, boolean allowed, String reason) {
        accesses.save(new ClientAccess(client.getId(), userId, reason, allowed, now()));
        audit.record(new AuditEvent(userId, "client.personal-data.open", "client", client.getId(),
                allowed ? Outcome.SUCCESS : Outcome.DENIED, "reason given"));
        if (!allowed) {
            return Optional.empty();
        }
        return Optional.of(decrypt(client));
    }

    PersonalData masked(Client client) {
        if (client.isErased()) {
            return new PersonalData(ERASED, ERASED);
        }
        PersonalData clear = decrypt(client);
        return new PersonalData(Masking.phone(clear.phone()), Masking.email(clear.email()));
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

    /** The requester withdrew the request: the client's personal data is erased, and the row marked WITHDRAWN. */
    List<Client> withdraw(String processInstanceId, String actor) {
        List<Client> withdrawn = clients.findByProcessInstanceId(processInstanceId).stream()
                .filter(c -> c.getState() == ClientState.REQUESTED || c.getState() == ClientState.CONFIGURING).toList();
        for (Client client : withdrawn) {
            client.withdrawn(now());
            audit.record(new AuditEvent(actor, "client.withdrawn", "client", client.getId(), Outcome.SUCCESS,
                    "personal data erased; process=" + processInstanceId));
        }
        return withdrawn;
    }

    private PersonalData decrypt(Client client) {
        if (client.isErased()) {
            return new PersonalData(ERASED, ERASED);
        }
        return new PersonalData(sensitiveData.decrypt(client.getPhoneEncrypted(), context(client.getId(), "phone")),
                sensitiveData.decrypt(client.getEmailEncrypted(), context(client.getId(), "email")));
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
