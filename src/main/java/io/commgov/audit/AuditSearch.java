package io.commgov.audit;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Service;

/** Finds entries by user, object, type and time range, newest first, a page at a time. */
@Service
public class AuditSearch {

    private final AuditLedger ledger;

    AuditSearch(AuditLedger ledger) {
        this.ledger = ledger;
    }

    public record Query(String actor, String objectType, String objectId, String eventType, Long from, Long to) {
    }

    public record Page(List<AuditEntry> entries, int page, int size, long total) {
    }

    public Page find(Query query, int page, int size) {
        var where = new StringBuilder(" WHERE 1=1");
        var args = new ArrayList<Object>();
        condition(where, args, "actor_id = ?", query.actor());
        condition(where, args, "object_type = ?", query.objectType());
        condition(where, args, "object_id = ?", query.objectId());
        condition(where, args, "event_type = ?", query.eventType());
        condition(where, args, "occurred_at >= ?", query.from());
        condition(where, args, "occurred_at < ?", query.to());
        Long total = ledger.jdbc().queryForObject("SELECT COUNT(*) FROM cg_audit_entry" + where, Long.class, args.toArray());
        var pageArgs = new ArrayList<>(args);
        pageArgs.add(size);
        pageArgs.add((long) page * size);
        List<AuditEntry> entries = ledger.jdbc().query(AuditLedger.SELECT_ENTRY + where + " ORDER BY seq DESC LIMIT ? OFFSET ?",
                AuditLedger.ENTRY, pageArgs.toArray());
        return new Page(entries, page, size, total == null ? 0 : total);
    }

    private static void condition(StringBuilder where, List<Object> args, String clause, Object value) {
        if (value != null && !(value instanceof String s && s.isBlank())) {
            where.append(" AND ").append(clause);
            args.add(value);
        }
    }
}
