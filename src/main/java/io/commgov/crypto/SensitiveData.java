package io.commgov.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.springframework.stereotype.Service;

/**
 * Seals values with SM4-GCM under the master key directly (backups, export files, and client data recorded before the
 * encrypted store; records of sensitive data go to {@code vault.EncryptedStore}): a fresh random IV per value, and an authentication tag, so a changed ciphertext is refused rather than
 * decrypted into garbage. The stored form is {@code sm4gcm:<base64 of IV ‖ ciphertext ‖ tag>}.
 */
@Service
public class SensitiveData {

    static final String PREFIX = "sm4gcm:";

    private final byte[] key;
    private final byte[] previousKey;

    SensitiveData(KeyMaterial keys) {
        this.key = keys.sm4Key;
        this.previousKey = keys.sm4PreviousKey;
    }

    /** Encrypts a text; {@code null} stays {@code null}. */
    public String encrypt(String plaintext) {
        return encrypt(plaintext, "");
    }

    /**
     * Encrypts a text bound to a context (for example {@code "client:42:phone"}): it decrypts only with the same
     * context, so an encrypted value cannot be copied into another record's field unnoticed.
     */
    public String encrypt(String plaintext, String context) {
        if (plaintext == null) {
            return null;
        }
        return PREFIX + Base64.getEncoder().encodeToString(encryptBytes(plaintext.getBytes(StandardCharsets.UTF_8), context));
    }

    public String decrypt(String stored) {
        return decrypt(stored, "");
    }

    public String decrypt(String stored, String context) {
        if (stored == null) {
            return null;
        }
        if (!isEncrypted(stored)) {
            throw new CryptoException("Not an SM4-encrypted value (expected the prefix " + PREFIX + ")");
        }
        byte[] sealed = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        return new String(decryptBytes(sealed, context), StandardCharsets.UTF_8);
    }

    public static boolean isEncrypted(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    /** IV ‖ ciphertext ‖ tag. */
    public byte[] encryptBytes(byte[] plaintext, String context) {
        return Sm4Gcm.seal(key, plaintext, context);
    }

    public byte[] decryptBytes(byte[] sealed, String context) {
        try {
            return Sm4Gcm.open(key, sealed, context);
        } catch (CryptoException e) {
            // a value sealed before a master-key rotation opens with the previous key while that is configured
            if (previousKey == null) {
                throw e;
            }
            return Sm4Gcm.open(previousKey, sealed, context);
        }
    }
}
