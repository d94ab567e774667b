package io.commgov.vault;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

import io.commgov.audit.AuditEvent;
import io.commgov.audit.AuditTrail;
import io.commgov.audit.Outcome;
import io.commgov.crypto.CryptoException;
import io.commgov.crypto.MasterKeys;
import io.commgov.crypto.Sm4Gcm;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Envelope encryption of sensitive records (R-SEC): each record is sealed with SM4-GCM under its category's data key,
 * with a fresh IV and the category and record id as authenticated data; each data key is kept only wrapped by the
 * master key ({@code cg_vault_data_key}). Rotating the master key re-wraps the data keys and touches no record.
 */
@Service
@Transactional
public class EncryptedStore {

    /** The data keys of a master-key rotation: re-wrapped now, and already under the current master key. */
    public record Rotation(String masterKeyId, int rewrapped, int alreadyCurrent) {
    }

    private record DataKey(String id, Category category, byte[] key) {
    }

    private final JdbcTemplate jdbc;
    private final MasterKeys masterKeys;
    private final AuditTrail audit;
    // unwrapped data keys by id; a key's bytes never change, only their wrapping does
    private final Map<String, DataKey> unwrapped = new ConcurrentHashMap<>();

    EncryptedStore(JdbcTemplate jdbc, MasterKeys masterKeys, AuditTrail audit) {
        this.jdbc = jdbc;
        this.masterKeys = masterKeys;
        this.audit = audit;
    }

    /** Seals {@code plaintext} as a new record of {@code category}; answers the record's id, {@code null} for {@code null}. */
    public String put(Category category, String plaintext) {
        if (plaintext == null) {
            return null;
        }
        DataKey key = dataKeyOf(category);
        String id = UUID.randomUUID().toString();
        byte[] sealed = Sm4Gcm.seal(key.key(), plaintext.getBytes(StandardCharsets.UTF_8), recordContext(category, id));
        jdbc.update("INSERT INTO cg_vault_record (id, category, data_key_id, ciphertext, created_at) VALUES (?, ?, ?, ?, ?)",
                id, category.name(), key.id(), sealed, Timestamp.from(now()));
        return id;
    }

    /**
     * The records in clear, by id, if the opening is allowed; every attempt goes to the audit trail with its reason.
     * Ids that are {@code null} are skipped.
     *
     * @throws AccessRefused when the opening is not allowed (after it has been audited, which stays recorded)
     */
    @Transactional(noRollbackFor = AccessRefused.class)
    public Map<String, String> open(List<String> recordIds, Opening opening) {
        List<String> ids = recordIds.stream().filter(java.util.Objects::nonNull).toList();
        audit.record(new AuditEvent(opening.userId(), "vault.records.open", opening.objectType(), opening.objectId(),
                opening.allowed() ? Outcome.SUCCESS : Outcome.DENIED, "reason: " + opening.reason() + "; records " + ids));
        if (!opening.allowed()) {
            throw new AccessRefused(opening);
        }
        var clear = new LinkedHashMap<String, String>();
        ids.forEach(id -> clear.put(id, decrypt(id)));
        return clear;
    }

    /** Only the masked form of a record (e.g. {@code 138****5678}); the clear value stays inside the store. */
    @Transactional(readOnly = true)
    public String masked(String recordId, UnaryOperator<String> mask) {
        return recordId == null ? null : mask.apply(decrypt(recordId));
    }

    /** Deletes records (e.g. personal data whose purpose has ended); missing ids are ignored. */
    public void delete(List<String> recordIds) {
        recordIds.stream().filter(java.util.Objects::nonNull).forEach(id -> jdbc.update("DELETE FROM cg_vault_record WHERE id = ?", id));
    }

    /**
     * Re-wraps every data key not under the current master key: the previous master key must still be configured;
     * records are not read. Rows are locked, so two nodes rotating at once do the work once.
     */
    public Rotation rotateMasterKey(String actor) {
        String current = masterKeys.currentId();
        var rows = jdbc.query("SELECT id, category, wrapped_key, master_key_id FROM cg_vault_data_key ORDER BY id FOR UPDATE",
                (rs, i) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
        int rewrapped = 0;
        for (String[] row : rows) {
            if (current.equals(row[3])) {
                continue;
            }
            String context = keyContext(row[0], Category.valueOf(row[1]));
            byte[] key = masterKeys.unwrap(new MasterKeys.Wrapped(row[3], Base64.getDecoder().decode(row[2])), context);
            var wrapped = masterKeys.wrap(key, context);
            jdbc.update("UPDATE cg_vault_data_key SET wrapped_key = ?, master_key_id = ?, rewrapped_at = ? WHERE id = ?",
                    Base64.getEncoder().encodeToString(wrapped.sealed()), wrapped.masterKeyId(), Timestamp.from(now()), row[0]);
            rewrapped++;
        }
        var rotation = new Rotation(current, rewrapped, rows.size() - rewrapped);
        audit.record(new AuditEvent(actor, "vault.master-key.rotated", "master-key", current, Outcome.SUCCESS,
                rotation.rewrapped() + " data keys re-wrapped, " + rotation.alreadyCurrent() + " already current"));
        return rotation;
    }

    /** The data keys (never their bytes): id, category, master key id, created and last re-wrapped. */
    @Transactional(readOnly = true)
    public List<Map<String, Object>> dataKeys() {
        return new ArrayList<>(jdbc.queryForList(
                "SELECT id, category, master_key_id, created_at, rewrapped_at FROM cg_vault_data_key ORDER BY category"));
    }

    private String decrypt(String recordId) {
        var rows = jdbc.query("SELECT category, data_key_id, ciphertext FROM cg_vault_record WHERE id = ?",
                (rs, i) -> new Object[] {Category.valueOf(rs.getString(1)), rs.getString(2), rs.getBytes(3)}, recordId);
        if (rows.isEmpty()) {
            throw new CryptoException("No encrypted record " + recordId);
        }
        Category category = (Category) rows.get(0)[0];
        DataKey key = dataKey((String) rows.get(0)[1]);
        if (key.category() != category) {
            throw new CryptoException("Record " + recordId + " names a data key of another category");
        }
        return new String(Sm4Gcm.open(key.key(), (byte[]) rows.get(0)[2], recordContext(category, recordId)), StandardCharsets.UTF_8);
    }

    private DataKey dataKeyOf(Category category) {
        var ids = jdbc.queryForList("SELECT id FROM cg_vault_data_key WHERE category = ?", String.class, category.name());
        if (!ids.isEmpty()) {
            return dataKey(ids.get(0));
        }
        String id = UUID.randomUUID().toString();
        byte[] key = Sm4Gcm.newKey();
        var wrapped = masterKeys.wrap(key, keyContext(id, category));
        try {
            jdbc.update("INSERT INTO cg_vault_data_key (id, category, wrapped_key, master_key_id, created_at) VALUES (?, ?, ?, ?, ?)",
                    id, category.name(), Base64.getEncoder().encodeToString(wrapped.sealed()), wrapped.masterKeyId(), Timestamp.from(now()));
        } catch (DuplicateKeyException raced) {
            // another node created the category's key first: use that one
            return dataKey(jdbc.queryForObject("SELECT id FROM cg_vault_data_key WHERE category = ?", String.class, category.name()));
        }
        var created = new DataKey(id, category, key);
        unwrapped.put(id, created);
        return created;
    }

    private DataKey dataKey(String id) {
        DataKey cached = unwrapped.get(id);
        if (cached != null) {
            return cached;
        }
        var rows = jdbc.query("SELECT category, wrapped_key, master_key_id FROM cg_vault_data_key WHERE id = ?",
                (rs, i) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}, id);
        if (rows.isEmpty()) {
            throw new CryptoException("No data key " + id);
        }
        Category category = Category.valueOf(rows.get(0)[0]);
        byte[] key = masterKeys.unwrap(new MasterKeys.Wrapped(rows.get(0)[2], Base64.getDecoder().decode(rows.get(0)[1])),
                keyContext(id, category));
        var loaded = new DataKey(id, category, key);
        unwrapped.put(id, loaded);
        return loaded;
    }

    static String recordContext(Category category, String recordId) {
        return "cg_vault_record:" + category + ":" + recordId;
    }

    static String keyContext(String dataKeyId, Category category) {
        return "cg_vault_data_key:" + category + ":" + dataKeyId;
    }

    private static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }
}
