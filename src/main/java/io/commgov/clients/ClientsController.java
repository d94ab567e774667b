package io.commgov.clients;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.commgov.identity.CurrentUser;
import io.commgov.identity.Role;
import io.commgov.validation.Bounds;
import io.commgov.validation.ContractViolationException;
import io.commgov.validation.Violation;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /api/clients}: clients with personal data masked; the clear data only for those with need, with a reason,
 * every attempt audited (R-CLI-2); revocation by the contact person or the sales head (R-CLI-1).
 */
@RestController
@RequestMapping("/api/clients")
class ClientsController {

    record ClientView(String id, String clientName, String company, String phone, String email, String idNumber, List<String> projectGroups,
                      LocalDate projectEndDate, String processingPurpose, boolean consent, String consentRecordedBy,
                      Instant consentRecordedAt, String contactPerson, ClientState state, String processInstanceId) {
    }

    private final Clients clients;
    private final CurrentUser currentUser;
    private final RuntimeService runtimeService;
    private final IdentityService identityService;

    ClientsController(Clients clients, CurrentUser currentUser, RuntimeService runtimeService, IdentityService identityService) {
        this.clients = clients;
        this.currentUser = currentUser;
        this.runtimeService = runtimeService;
        this.identityService = identityService;
    }

    @GetMapping
    List<ClientView> list() {
        if (!currentUser.isIn(Role.SALES, Role.SALES_HEAD, Role.IT, Role.SECURITY, Role.CAMUNDA_ADMIN)) {
            throw new AuthorizationException("Clients are listed for sales, sales-head, it, security and camunda-admin only");
        }
        return clients.all().stream().map(this::masked).toList();
    }

    @GetMapping("/{id}/personal-data")
    Map<String, String> personalData(@PathVariable String id, @RequestParam(required = false) String reason) {
        var bounds = new java.util.ArrayList<Violation>();
        Bounds.maxLength(bounds, "id", id, Bounds.ID);
        Bounds.maxLength(bounds, "reason", reason, Bounds.REASON);
        Bounds.check(bounds);
        if (reason == null || reason.isBlank()) {
            throw new ContractViolationException(List.of(new Violation("reason", "required",
                    "reason is required: say why the client's personal data is opened")));
        }
        Client client = clients.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no client " + id));
        String user = currentUser.id().orElseThrow();
        var data = clients.open(client, user, mayOpen(client, user), reason.strip()).orElseThrow(() -> new AuthorizationException(
                user + " may not open the personal data of client " + id + "; the attempt is recorded"));
        var clear = new java.util.LinkedHashMap<String, String>();
        clear.put("phone", data.phone());
        clear.put("email", data.email());
        clear.put("idNumber", data.idNumber());
        return clear;
    }

    @PostMapping("/{id}/revoke")
    Map<String, String> revoke(@PathVariable String id) {
        Bounds.requireMaxLength("id", id, Bounds.ID);
        Client client = clients.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no client " + id));
        String user = currentUser.id().orElseThrow();
        if (!user.equals(client.getContactPerson()) && !currentUser.isIn(Role.SALES_HEAD)) {
            throw new AuthorizationException("only the contact person or the sales head may revoke client " + id);
        }
        if (client.getState() != ClientState.ACTIVE) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "client " + id + " is " + client.getState() + ", not ACTIVE");
        }
        // the process acts for the revoker, who holds no grant on the instance itself
        var authentication = identityService.getCurrentAuthentication();
        identityService.clearAuthentication();
        try {
            runtimeService.createMessageCorrelation("ClientRevoked").processInstanceId(client.getProcessInstanceId())
                    .setVariable("revokedBy", user).correlateWithResult();
        } finally {
            identityService.setAuthentication(authentication);
        }
        return Map.of("id", id, "state", ClientState.REVOKED.name());
    }

    /** The contact person, the sales head, security, and IT while it configures the client's access. */
    private boolean mayOpen(Client client, String user) {
        return user.equals(client.getContactPerson())
                || currentUser.isIn(Role.SALES_HEAD, Role.SECURITY)
                || currentUser.isIn(Role.IT) && client.getState() == ClientState.CONFIGURING;
    }

    private ClientView masked(Client c) {
        var data = clients.masked(c);
        return new ClientView(c.getId(), c.getClientName(), c.getCompany(), data.phone(), data.email(), data.idNumber(), c.getProjectGroups(),
                c.getProjectEndDate(), c.getProcessingPurpose(), c.isConsentGiven(), c.getConsentRecordedBy(),
                c.getConsentRecordedAt(), c.getContactPerson(), c.getState(), c.getProcessInstanceId());
    }
}
