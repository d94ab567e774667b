package io.commgov.securityaudit;

import java.util.List;

import io.commgov.audit.AuditVerifier;
import org.springframework.stereotype.Component;

/** The audit trail verifies from its first entry to its head, signatures included (R-LOG). */
@Component
class AuditTrailIntegrityCheck implements SecurityCheck {

    private final AuditVerifier verifier;

    AuditTrailIntegrityCheck(AuditVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public String name() {
        return "audit-trail-integrity";
    }

    @Override
    public List<Finding> run(AuditPeriod period) {
        var result = verifier.verify();
        if (result.intact()) {
            return List.of();
        }
        var bad = result.firstBad();
        return List.of(new Finding(name(), "audit entry at position " + bad.position(),
                bad.problem() + ": " + bad.message() + " (" + result.entriesChecked() + " entries verified before it)"));
    }
}
