package io.commgov.securityaudit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.commgov.audit.AuditTrail;
import io.commgov.audit.Outcome;
import io.commgov.crypto.Sm2Signer;
import io.commgov.crypto.Sm3;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Service;

/**
 * Runs every {@link SecurityCheck} over the last three months and signs the report with SM2, findings or not, so an
 * auditor can later show which checks ran and what they found; the report's SM3 digest goes to the audit trail.
 */
@Service
class SecurityAudits {

    private final List<SecurityCheck> checks;
    private final Sm2Signer signer;
    private final AuditTrail audit;
    private final ObjectMapper json = new ObjectMapper();

    SecurityAudits(List<SecurityCheck> checks, Sm2Signer signer, AuditTrail audit) {
        this.checks = checks;
        this.signer = signer;
        this.audit = audit;
    }

    record Report(byte[] content, String digest, String signature, String keyId, List<Finding> findings) {
    }

    Report run(String processInstanceId) {
        Instant to = ClockUtil.getCurrentTime().toInstant();
        var period = new AuditPeriod(to.atOffset(ZoneOffset.UTC).minusMonths(3).toInstant(), to);
        var findings = new ArrayList<Finding>();
        var checksRun = new ArrayList<String>();
        for (SecurityCheck check : checks) {
            checksRun.add(check.name());
            findings.addAll(check.run(period));
        }
        var report = new LinkedHashMap<String, Object>();
        report.put("processInstanceId", processInstanceId);
        report.put("from", period.from().toString());
        report.put("to", period.to().toString());
        report.put("checks", checksRun);
        report.put("findings", findings.stream().map(f -> Map.of("check", f.check(), "subject", f.subject(), "evidence", f.evidence())).toList());
        byte[] content = write(report).getBytes(StandardCharsets.UTF_8);
        String digest = Sm3.hashHex(content);
        String signature = Base64.getEncoder().encodeToString(signer.sign(content));
        audit.record("SECURITY_AUDIT_REPORT", "process-instance", processInstanceId, findings.isEmpty() ? Outcome.SUCCESS : Outcome.FAILURE,
                "checks=" + checksRun.size() + "; findings=" + findings.size() + "; sm3=" + digest + "; key=" + signer.keyId());
        return new Report(content, digest, signature, signer.keyId(), findings);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
