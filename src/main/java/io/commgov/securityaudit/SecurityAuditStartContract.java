package io.commgov.securityaudit;

import io.commgov.validation.Fields;
import io.commgov.validation.StartContract;
import org.springframework.stereotype.Component;

/** {@code security-audit} starts without variables: by its quarterly timer, or by a security officer out of turn. */
@Component
class SecurityAuditStartContract implements StartContract {

    @Override
    public String processKey() {
        return "security-audit";
    }

    @Override
    public void check(Fields fields) {
        // nothing to give; anything given is refused as unknown
    }
}
