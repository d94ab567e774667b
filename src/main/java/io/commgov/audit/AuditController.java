package io.commgov.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/audit}: verification and archiving for the security officer and the platform administrator, search for the security officer. */
@RestController
@RequestMapping("/api/audit")
class AuditController {

    static final String SECURITY = "security";
    static final String CAMUNDA_ADMIN = "camunda-admin";
    static final String ARCHIVE = "AUDIT_ARCHIVE";
    /** Bounds of a search (docs/security.md, "Limits"): filters at most 200 characters, pages up to 10,000 deep. */
    static final int MAX_TEXT = 200;
    static final int MAX_PAGE = 10_000;

    private final AuditVerifier verifier;
    private final AuditSearch search;
    private final AuditArchive archive;
    private final AuditTrail trail;
    private final IdentityService identityService;

    AuditController(AuditVerifier verifier, AuditSearch search, AuditArchive archive, AuditTrail trail, IdentityService identityService) {
        this.verifier = verifier;
        this.search = search;
        this.archive = archive;
        this.trail = trail;
        this.identityService = identityService;
    }

    /**
     * R-LOG, R-RET: moves the entries recorded before {@code before} (at least 6 months ago) into one SM2-signed
     * segment that the verification still walks; answers the segment and the verification after it.
     */
    @PostMapping("/archive")
    ResponseEntity<?> archive(@RequestBody(required = false) Map<String, Object> body) {
        if (!callerIsIn(SECURITY, CAMUNDA_ADMIN)) {
            trail.record(ARCHIVE, "audit-trail", "archive", Outcome.DENIED, "not security or camunda-admin");
            return forbidden("archiving the audit trail is for the security officer and the platform administrator");
        }
        var errors = new ArrayList<Map<String, String>>();
        Object raw = body == null ? null : body.get("before");
        Instant before = null;
        if (raw == null || raw instanceof String blank && blank.isBlank()) {
            errors.add(error("before", "required", "before is required: the ISO-8601 date-time with offset up to which entries are archived"));
        } else if (!(raw instanceof String text)) {
            errors.add(error("before", "date-time-format", "before must be an ISO-8601 date-time with offset such as 2026-05-31T00:00:00+08:00"));
        } else {
            Long millis = time("before", text, errors);
            before = millis == null ? null : Instant.ofEpochMilli(millis);
        }
        Instant latest = archive.latestCutOff();
        if (before != null && before.isAfter(latest)) {
            errors.add(error("before", "retention-minimum", "audit entries are kept at least 6 months (R-LOG): before must be "
                    + latest + " or earlier"));
        }
        if (body != null) {
            // named, at most ten of them and each cut to 64 characters: the answer stays small whatever is sent
            body.keySet().stream().filter(k -> !"before".equals(k)).limit(10).map(k -> k.length() > 64 ? k.substring(0, 64) + "…" : k)
                    .forEach(k -> errors.add(error(k, "unknown-field", k + " is not a field of an archive request")));
        }
        if (!errors.isEmpty()) {
            trail.record(ARCHIVE, "audit-trail", "archive", Outcome.FAILURE, "refused: " + errors.get(0).get("rule") + " before=" + raw);
            return ResponseEntity.badRequest().body(Map.of("type", "InvalidVariables", "message", errors.get(0).get("message"), "errors", errors));
        }
        AuditArchive.Segment segment = archive.archiveBefore(before);
        var answer = new LinkedHashMap<String, Object>();
        answer.put("archived", segment != null);
        if (segment != null) {
            answer.put("firstPosition", segment.firstSeq());
            answer.put("lastPosition", segment.lastSeq());
            answer.put("entries", segment.count());
            answer.put("contentSm3", segment.contentHash());
        } else {
            answer.put("message", "no signed entries recorded before " + before + " are left in the table");
        }
        trail.record(ARCHIVE, "audit-segment", segment == null ? "none" : segment.firstSeq() + "-" + segment.lastSeq(), Outcome.SUCCESS,
                "before=" + before + (segment == null ? "; nothing to archive" : "; entries=" + segment.count() + "; sm3=" + segment.contentHash()));
        answer.put("verification", verifier.verify());
        return ResponseEntity.ok(answer);
    }

    @GetMapping("/verify")
    ResponseEntity<?> verify() {
        if (!callerIsIn(SECURITY, CAMUNDA_ADMIN)) {
            return forbidden("verifying the audit trail is for the security officer and the platform administrator");
        }
        return ResponseEntity.ok(verifier.verify());
    }

    @GetMapping("/entries")
    ResponseEntity<?> entries(@RequestParam(required = false) String actor,
                              @RequestParam(required = false) String objectType,
                              @RequestParam(required = false) String objectId,
                              @RequestParam(required = false) String eventType,
                              @RequestParam(required = false) String from,
                              @RequestParam(required = false) String to,
                              @RequestParam(defaultValue = "0") int page,
                              @RequestParam(defaultValue = "50") int size) {
        if (!callerIsIn(SECURITY)) {
            return forbidden("searching the audit trail is for the security officer");
        }
        var errors = new ArrayList<Map<String, String>>();
        var texts = new LinkedHashMap<String, String>();
        texts.put("actor", actor);
        texts.put("objectType", objectType);
        texts.put("objectId", objectId);
        texts.put("eventType", eventType);
        texts.put("from", from);
        texts.put("to", to);
        texts.forEach((field, value) -> {
            if (value != null && value.length() > MAX_TEXT) {
                errors.add(error(field, "max-length", field + " must be at most " + MAX_TEXT + " characters (got " + value.length() + ")"));
            }
        });
        if (!errors.isEmpty()) {
            return ResponseEntity.badRequest().body(Map.of("type", "InvalidVariables", "message", errors.get(0).get("message"), "errors", errors));
        }
        Long fromMillis = time("from", from, errors);
        Long toMillis = time("to", to, errors);
        if (fromMillis != null && toMillis != null && fromMillis > toMillis) {
            errors.add(error("to", "after-from", "to must not be before from"));
        }
        if (page < 0 || page > MAX_PAGE) {
            errors.add(error("page", "range", "page must be between 0 and " + MAX_PAGE + " (got " + page + ")"));
        }
        if (size < 1 || size > 500) {
            errors.add(error("size", "range", "size must be between 1 and 500 (got " + size + ")"));
        }
        if (!errors.isEmpty()) {
            return ResponseEntity.badRequest().body(Map.of("type", "InvalidVariables", "message",
                    errors.get(0).get("message"), "errors", errors));
        }
        return ResponseEntity.ok(search.find(new AuditSearch.Query(actor, objectType, objectId, eventType, fromMillis, toMillis), page, size));
    }

    private boolean callerIsIn(String... groups) {
        var authentication = identityService.getCurrentAuthentication();
        if (authentication == null || authentication.getGroupIds() == null) {
            return false;
        }
        return authentication.getGroupIds().stream().anyMatch(Set.of(groups)::contains);
    }

    private static ResponseEntity<?> forbidden(String message) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("type", "Forbidden", "message", message, "errors", List.of()));
    }

    private static Long time(String field, String value, List<Map<String, String>> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > MAX_TEXT) {
            errors.add(error(field, "max-length", field + " must be at most " + MAX_TEXT + " characters"));
            return null;
        }
        try {
            OffsetDateTime time = OffsetDateTime.parse(value);
            if (time.getYear() < 1900 || time.getYear() > 9999) {
                errors.add(error(field, "date-range", field + " must lie between the years 1900 and 9999"));
                return null;
            }
            return time.toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            errors.add(error(field, "date-time-format", field + " must be an ISO-8601 date-time with offset such as 2026-12-31T18:00:00+08:00"));
            return null;
        }
    }

    private static Map<String, String> error(String field, String rule, String message) {
        return Map.of("field", field, "rule", rule, "message", message);
    }
}
