package io.commgov.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import io.commgov.audit.AuditEntry;
import io.commgov.audit.AuditSearch;
import io.commgov.audit.AuditTrail;
import io.commgov.audit.Outcome;
import io.commgov.crypto.CryptoException;
import io.commgov.crypto.MasterKeys;
import io.commgov.crypto.Sm4Gcm;
import io.commgov.support.Api;
import io.commgov.support.CommGovIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;

/**
 * The encrypted store (R-SEC): envelope encryption with SM4-GCM, authenticated records, master-key rotation that
 * touches no record, and openings refused and audited. Each test has a database of its own for the store.
 */
@CommGovIntegrationTest
class EncryptedStoreTest {

    @Autowired AuditTrail audit;
    @Autowired AuditSearch auditSearch;
    @Autowired TestRestTemplate rest;
    VaultDatabase db;
    byte[] k1;
    byte[] k2;

    @BeforeEach
    void setUp() {
        db = new VaultDatabase();
        k1 = Sm4Gcm.newKey();
        k2 = Sm4Gcm.newKey();
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void recordsRoundTripSealedUnderTheirCategorysDataKeyWithAFreshIv() {
        var store = store(k1, null);
        String a = store.put(Category.CLIENT_PERSONAL_DATA, "13912345678");
        String b = store.put(Category.CLIENT_PERSONAL_DATA, "13912345678");
        String c = store.put(Category.FINANCE_DATA, "账户余额 1,000,000.00 元");

        assertThat(read(store, a)).isEqualTo("13912345678");
        assertThat(read(store, c)).isEqualTo("账户余额 1,000,000.00 元");
        assertThat(store.put(Category.CONTRACT, null)).isNull();
        assertThat(ciphertext(a)).isNotEqualTo(ciphertext(b));
        assertThat(new String(ciphertext(a), StandardCharsets.ISO_8859_1)).doesNotContain("13912345678");
        // one data key per category, kept only wrapped by the master key
        var keys = db.jdbc.queryForList("SELECT category, master_key_id, wrapped_key FROM cg_vault_data_key");
        assertThat(keys).extracting(k -> k.get("CATEGORY")).containsExactlyInAnyOrder("CLIENT_PERSONAL_DATA", "FINANCE_DATA");
        assertThat(keys).allSatisfy(k -> assertThat(k.get("MASTER_KEY_ID")).isEqualTo(MasterKeys.of(k1, null).currentId()));
        assertThat(db.jdbc.queryForObject("SELECT data_key_id FROM cg_vault_record WHERE id = ?", String.class, a))
                .isNotEqualTo(db.jdbc.queryForObject("SELECT data_key_id FROM cg_vault_record WHERE id = ?", String.class, c));
    }

    @Test
    void aFlippedCiphertextByteOrARecordMovedUnderAnotherIdIsRejected() {
        var store = store(k1, null);
        String a = store.put(Category.CONTRACT, "合同第 7 条：违约金 20%");
        String b = store.put(Category.CONTRACT, "合同第 8 条");
        byte[] sealed = ciphertext(a);
        byte[] flipped = sealed.clone();
        flipped[20] ^= 0x01;
        db.jdbc.update("UPDATE cg_vault_record SET ciphertext = ? WHERE id = ?", flipped, a);
        assertThatThrownBy(() -> read(store, a)).isInstanceOf(CryptoException.class).hasMessageContaining("altered");

        // the record id is authenticated: a valid ciphertext copied onto another record does not open
        db.jdbc.update("UPDATE cg_vault_record SET ciphertext = ? WHERE id = ?", sealed, b);
        assertThatThrownBy(() -> read(store, b)).isInstanceOf(CryptoException.class);
        db.jdbc.update("UPDATE cg_vault_record SET ciphertext = ? WHERE id = ?", sealed, a);
        assertThat(read(store, a)).isEqualTo("合同第 7 条：违约金 20%");
    }

    @Test
    void aWrongMasterKeyIsRejected() {
        String id = store(k1, null).put(Category.CLIENT_PERSONAL_DATA, "li@example.com");
        var withAnotherKey = store(k2, null);
        assertThatThrownBy(() -> read(withAnotherKey, id)).isInstanceOf(CryptoException.class)
                .hasMessageContaining("not configured");
        assertThatThrownBy(() -> withAnotherKey.put(Category.CLIENT_PERSONAL_DATA, "x")).isInstanceOf(CryptoException.class);

        // a wrapped key forged to name the other master key's id does not unwrap either
        db.jdbc.update("UPDATE cg_vault_data_key SET master_key_id = ?", MasterKeys.of(k2, null).currentId());
        assertThatThrownBy(() -> read(store(k2, null), id)).isInstanceOf(CryptoException.class).hasMessageContaining("altered");
    }

    @Test
    void rotationReWrapsTheDataKeysWithoutTouchingARecordAndEveryRecordStaysReadable() {
        var before = store(k1, null);
        var clear = new LinkedHashMap<String, String>();
        for (int i = 0; i < 30; i++) {
            Category category = Category.values()[i % Category.values().length];
            String value = category + " value " + i;
            clear.put(before.put(category, value), value);
        }
        var ciphertexts = db.jdbc.queryForList("SELECT id, ciphertext FROM cg_vault_record ORDER BY id");

        var rotation = store(k2, k1).rotateMasterKey("admin");
        assertThat(rotation.rewrapped()).as("one data key per category").isEqualTo(Category.values().length);
        assertThat(rotation.masterKeyId()).isEqualTo(MasterKeys.of(k2, null).currentId());
        assertThat(db.jdbc.queryForList("SELECT id, ciphertext FROM cg_vault_record ORDER BY id"))
                .as("records are not re-encrypted").usingRecursiveComparison().isEqualTo(ciphertexts);

        // afterwards the new master key alone opens everything; the old one no longer does
        var after = store(k2, null);
        clear.forEach((id, value) -> assertThat(read(after, id)).isEqualTo(value));
        String added = after.put(Category.CONTRACT, "after the rotation");
        assertThat(read(after, added)).isEqualTo("after the rotation");
        assertThatThrownBy(() -> read(store(k1, null), clear.keySet().iterator().next())).isInstanceOf(CryptoException.class);
        assertThat(store(k2, k1).rotateMasterKey("admin")).extracting(EncryptedStore.Rotation::rewrapped,
                EncryptedStore.Rotation::alreadyCurrent).containsExactly(0, Category.values().length);
        // without the previous key configured, a data key still under it cannot be re-wrapped
        var third = Sm4Gcm.newKey();
        assertThatThrownBy(() -> store(third, null).rotateMasterKey("admin")).isInstanceOf(CryptoException.class)
                .hasMessageContaining("previous-key");
    }

    @Test
    void anOpeningWithoutTheRightIsRefusedAndAuditedWithItsReason() {
        var store = store(k1, null);
        String phone = store.put(Category.CLIENT_PERSONAL_DATA, "13812345678");
        String email = store.put(Category.CLIENT_PERSONAL_DATA, "lilei@example.com");
        String object = "vault-test-" + System.nanoTime();

        assertThatThrownBy(() -> store.open(List.of(phone, email), new Opening("emma", "想看看", false, "client", object)))
                .isInstanceOf(AccessRefused.class).hasMessageContaining("emma");
        assertThat(store.open(List.of(phone, email), new Opening("sofia", "季度安全审计", true, "client", object)))
                .containsEntry(phone, "13812345678").containsEntry(email, "lilei@example.com");
        assertThatThrownBy(() -> new Opening("sofia", " ", true, "client", object)).isInstanceOf(IllegalArgumentException.class);

        var entries = auditSearch.find(new AuditSearch.Query(null, "client", object, "vault.records.open", null, null), 0, 10).entries();
        assertThat(entries).extracting(AuditEntry::actor, AuditEntry::outcome)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("emma", Outcome.DENIED),
                        org.assertj.core.groups.Tuple.tuple("sofia", Outcome.SUCCESS));
        assertThat(entries).filteredOn(e -> e.actor().equals("emma")).singleElement()
                .satisfies(e -> assertThat(e.details()).contains("想看看").contains(phone).doesNotContain("13812345678"));
    }

    @Test
    void onlyThePlatformAdministratorRotatesThroughTheApiAndBothAreAudited() {
        var api = new Api(rest);
        assertThat(api.post("sofia", "/api/vault/master-key/rotate", Map.of()).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        var rotated = api.post("admin", "/api/vault/master-key/rotate", Map.of());
        assertThat(rotated.getStatusCode()).as(rotated.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(rotated.getBody()).contains("\"rewrapped\":0");
        assertThat(api.get("sofia", "/api/vault/data-keys").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(api.get("emma", "/api/vault/data-keys").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        var entries = new ArrayList<>(auditSearch.find(new AuditSearch.Query(null, "master-key", null, "vault.master-key.rotated", null, null),
                0, 50).entries());
        assertThat(entries).extracting(AuditEntry::actor, AuditEntry::outcome)
                .contains(org.assertj.core.groups.Tuple.tuple("sofia", Outcome.DENIED), org.assertj.core.groups.Tuple.tuple("admin", Outcome.SUCCESS));
    }

    private EncryptedStore store(byte[] current, byte[] previous) {
        return new EncryptedStore(db.jdbc, MasterKeys.of(current, previous), audit);
    }

    private static String read(EncryptedStore store, String id) {
        return store.masked(id, UnaryOperator.identity());
    }

    private byte[] ciphertext(String id) {
        return db.jdbc.queryForObject("SELECT ciphertext FROM cg_vault_record WHERE id = ?", byte[].class, id);
    }
}
