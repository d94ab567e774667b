package io.commgov.vault;

import java.util.List;
import java.util.Map;

import io.commgov.audit.AuditEvent;
import io.commgov.audit.AuditTrail;
import io.commgov.audit.Outcome;
import io.commgov.identity.CurrentUser;
import io.commgov.identity.Role;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /api/vault}: the platform administrator re-wraps the data keys under the configured master key after a
 * rotation ({@code POST /api/vault/master-key/rotate}) and sees which master key each data key is under; audited.
 */
@RestController
@RequestMapping("/api/vault")
class VaultController {

    private final EncryptedStore store;
    private final CurrentUser currentUser;
    private final AuditTrail audit;

    VaultController(EncryptedStore store, CurrentUser currentUser, AuditTrail audit) {
        this.store = store;
        this.currentUser = currentUser;
        this.audit = audit;
    }

    @GetMapping("/data-keys")
    List<Map<String, Object>> dataKeys() {
        if (!currentUser.isIn(Role.CAMUNDA_ADMIN, Role.SECURITY)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "data keys are listed for camunda-admin and security only");
        }
        return store.dataKeys();
    }

    @PostMapping("/master-key/rotate")
    EncryptedStore.Rotation rotate() {
        String user = currentUser.id().orElse(null);
        if (!currentUser.isIn(Role.CAMUNDA_ADMIN)) {
            audit.record(new AuditEvent(user, "vault.master-key.rotated", "master-key", null, Outcome.DENIED, "not camunda-admin"));
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "only camunda-admin may rotate the master key");
        }
        return store.rotateMasterKey(user);
    }
}
