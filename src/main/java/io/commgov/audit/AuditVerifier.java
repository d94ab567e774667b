package io.commgov.audit;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.commgov.audit.AuditVerification.BadEntry;
import io.commgov.crypto.Sm2Signer;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Service;

/**
 * Walks the chain from the first archived segment to the head: each entry's hash must cover its content and the
 * previous hash, positions must follow one another, each checkpoint's SM2 signature must hold over the entry it
 * names, and the chain must end exactly at the head. A change, deletion, insertion or reordering breaks one of these
 * at the position where it happened; rewriting the whole chain breaks the next signed checkpoint.
 */
@Service
public class AuditVerifier {

    private static final int PAGE = 1000;

    private final AuditLedger ledger;
    private final AuditArchive archive;
    private final AuditProperties properties;
    private final Sm2Signer signer;

    AuditVerifier(AuditLedger ledger, AuditArchive archive, AuditProperties properties, Sm2Signer signer) {
        this.ledger = ledger;
        this.archive = archive;
        this.properties = properties;
        this.signer = signer;
    }

    /**
     * The same walk over the audit tables of another database (a restored backup, for example), checked against this
     * application's SM2 key: archived segments, every entry, every checkpoint and the head.
     */
    public AuditVerification verify(DataSource dataSource) {
        var otherLedger = new AuditLedger(dataSource, signer, properties);
        var otherArchive = new AuditArchive(otherLedger, signer, properties, new DataSourceTransactionManager(dataSource));
        return new AuditVerifier(otherLedger, otherArchive, properties, signer).verify();
    }

    public AuditVerification verify() {
        // the head first: everything up to it was committed with it, so concurrent appends don't disturb the walk
        AuditLedger.Head head = ledger.head();
        var walk = new Walk();
        var archived = archive.verifySegments();
        walk.archivedSegments = archived.segments();
        walk.archivedEntries = archived.entries();
        if (archived.bad() != null) {
            return walk.result(head, archived.bad());
        }
        long expected = archived.lastSeq() + 1;
        String prevHash = archived.lastHash();
        Map<Long, AuditLedger.Checkpoint> checkpoints = ledger.checkpoints(archived.lastSeq(), head.lastSeq());
        long previousCheckpoint = archived.lastSeq();
        for (var checkpoint : checkpoints.values()) {
            if (checkpoint.seq() - previousCheckpoint > properties.checkpointEvery()) {
                return walk.result(head, new BadEntry(previousCheckpoint + properties.checkpointEvery(), "checkpoint-missing",
                        "no signed checkpoint between positions " + previousCheckpoint + " and " + checkpoint.seq()
                                + "; one is written at least every " + properties.checkpointEvery() + " entries"));
            }
            previousCheckpoint = checkpoint.seq();
        }
        if (head.lastCheckpointSeq() > archived.lastSeq() && !checkpoints.containsKey(head.lastCheckpointSeq())) {
            return walk.result(head, new BadEntry(head.lastCheckpointSeq(), "checkpoint-missing",
                    "the signed checkpoint at position " + head.lastCheckpointSeq() + " recorded by the chain head is gone"));
        }
        long after = archived.lastSeq();
        while (true) {
            List<AuditEntry> page = ledger.entries(after, head.lastSeq(), PAGE);
            for (AuditEntry entry : page) {
                BadEntry bad = check(entry, expected, prevHash);
                if (bad == null && checkpoints.containsKey(entry.seq())) {
                    bad = checkpoint(entry, checkpoints.get(entry.seq()));
                    walk.checkpoints++;
                }
                if (bad != null) {
                    return walk.result(head, bad);
                }
                walk.entries++;
                expected++;
                prevHash = entry.hash();
            }
            if (page.size() < PAGE) {
                break;
            }
            after = page.get(page.size() - 1).seq();
        }
        if (expected - 1 < head.lastSeq()) {
            return walk.result(head, new BadEntry(expected, "missing",
                    "the chain ends at position " + (expected - 1) + " but " + head.lastSeq()
                            + " entries were recorded: entries from position " + expected + " were removed"));
        }
        if (!prevHash.equals(head.lastHash())) {
            return walk.result(head, new BadEntry(head.lastSeq(), "head-mismatch",
                    "the last entry's hash differs from the one the chain head recorded"));
        }
        Long beyond = ledger.firstBeyondHead();
        if (beyond != null) {
            return walk.result(head, new BadEntry(beyond, "inserted",
                    "an entry at position " + beyond + " lies beyond the end of the chain; no append wrote it"));
        }
        return walk.result(head, null);
    }

    private static BadEntry check(AuditEntry entry, long expected, String prevHash) {
        if (entry.seq() != expected) {
            return new BadEntry(expected, "missing", "the entry at position " + expected + " is missing (the next one is "
                    + entry.seq() + ")");
        }
        if (!prevHash.equals(entry.prevHash())) {
            return new BadEntry(entry.seq(), "link-broken", "the entry at position " + entry.seq()
                    + " does not follow the entry before it: an entry was inserted, removed or moved here");
        }
        if (entry.outcome() == null || !entry.recomputedHash().equals(entry.hash())) {
            return new BadEntry(entry.seq(), "altered", "the entry at position " + entry.seq()
                    + " was changed after it was recorded: its content no longer matches its hash");
        }
        return null;
    }

    private BadEntry checkpoint(AuditEntry entry, AuditLedger.Checkpoint checkpoint) {
        if (!checkpoint.entryHash().equals(entry.hash()) || !ledger.verifies(checkpoint)) {
            return new BadEntry(entry.seq(), "signature-invalid", "the SM2-signed checkpoint at position " + entry.seq()
                    + " does not match the chain: entries up to here were rewritten, or the checkpoint was forged");
        }
        return null;
    }

    private static final class Walk {
        long entries;
        long checkpoints;
        long archivedSegments;
        long archivedEntries;

        AuditVerification result(AuditLedger.Head head, BadEntry bad) {
            return new AuditVerification(bad == null, entries, checkpoints, archivedSegments, archivedEntries, head.lastSeq(), bad);
        }
    }
}
