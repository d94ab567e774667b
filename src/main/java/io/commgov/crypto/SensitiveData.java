package io.commgov.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.springframework.stereotype.Service;

/**
 * Encrypts sensitive values (R-SEC: finance data, contracts, client personal data) with SM4-GCM under the configured
 * key: a fresh random IV per value, and an authentication tag, so a changed ciphertext is refused rather than
 * decrypted into garbage. The stored form is {@code sm4gcm:<base64 of IV ‖ ciphertext ‖ tag>}.
 */
@Service
public class SensitiveData {

    static final String PREFIX = "sm4gcm:";

    private final byte[] key;

    SensitiveData(KeyMaterial keys) {
        this.key = keys.sm4Key;
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
        byte[] iv = KeyMaterial.randomBytes(Sm4.IV_LENGTH);
        try {
            byte[] sealed = Sm4.gcm(true, key, iv, aad(context), plaintext);
            return ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
        } catch (InvalidCipherTextException e) {
            throw new CryptoException("SM4 encryption failed", e);
        }
    }

    public byte[] decryptBytes(byte[] sealed, String context) {
        if (sealed.length < Sm4.IV_LENGTH + Sm4.TAG_BITS / 8) {
            throw new CryptoException("Encrypted value is too short");
        }
        byte[] iv = java.util.Arrays.copyOfRange(sealed, 0, Sm4.IV_LENGTH);
        byte[] body = java.util.Arrays.copyOfRange(sealed, Sm4.IV_LENGTH, sealed.length);
        try {
            return Sm4.gcm(false, key, iv, aad(context), body);
        } catch (InvalidCipherTextException e) {
            throw new CryptoException("Encrypted value was altered, or belongs to another key or context", e);
        }
    }

    private static byte[] aad(String context) {
        return context == null ? new byte[0] : context.getBytes(StandardCharsets.UTF_8);
    }
}
