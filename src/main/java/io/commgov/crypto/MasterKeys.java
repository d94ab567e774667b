package io.commgov.crypto;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.bouncycastle.util.Arrays;
import org.springframework.stereotype.Service;

/**
 * The SM4 master keys of envelope encryption (R-SEC): the configured key wraps data keys; the previous key, while
 * configured during a rotation, still unwraps the data keys not yet re-wrapped. A key is named by its id, the first
 * 16 hex digits of an SM3 digest over it, so a wrapped key says which master it needs without revealing it.
 */
@Service
public class MasterKeys {

    /** A data key sealed under the master key {@code masterKeyId}. */
    public record Wrapped(String masterKeyId, byte[] sealed) {
    }

    private final String currentId;
    private final Map<String, byte[]> byId = new LinkedHashMap<>();

    @org.springframework.beans.factory.annotation.Autowired
    MasterKeys(KeyMaterial keys) {
        this(keys.sm4Key, keys.sm4PreviousKey);
    }

    private MasterKeys(byte[] current, byte[] previous) {
        this.currentId = idOf(current);
        byId.put(currentId, current.clone());
        if (previous != null && !Arrays.areEqual(previous, current)) {
            byId.put(idOf(previous), previous.clone());
        }
    }

    /** Master keys given directly (tools, tests): the current one and, during a rotation, the previous one. */
    public static MasterKeys of(byte[] current, byte[] previous) {
        if (current == null || current.length != Sm4.KEY_LENGTH || previous != null && previous.length != Sm4.KEY_LENGTH) {
            throw new IllegalArgumentException("SM4 master keys are 128 bits");
        }
        return new MasterKeys(current, previous);
    }

    public String currentId() {
        return currentId;
    }

    public boolean knows(String masterKeyId) {
        return byId.containsKey(masterKeyId);
    }

    /** Seals a data key under the current master key, bound to {@code context} (e.g. the data key's id and category). */
    public Wrapped wrap(byte[] dataKey, String context) {
        return new Wrapped(currentId, Sm4Gcm.seal(byId.get(currentId), dataKey, context));
    }

    public byte[] unwrap(Wrapped wrapped, String context) {
        byte[] master = byId.get(wrapped.masterKeyId());
        if (master == null) {
            throw new CryptoException("Data key is wrapped by master key " + wrapped.masterKeyId() + ", which is not configured (current "
                    + currentId + "); configure it as commgov.crypto.sm4.previous-key until the data keys are re-wrapped");
        }
        return Sm4Gcm.open(master, wrapped.sealed(), context);
    }

    static String idOf(byte[] key) {
        byte[] label = "commgov-sm4-master-key-id:".getBytes(StandardCharsets.US_ASCII);
        return Sm3.hashHex(Arrays.concatenate(label, key)).substring(0, 16);
    }
}
