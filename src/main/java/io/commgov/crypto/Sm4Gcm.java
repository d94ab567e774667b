package io.commgov.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.bouncycastle.crypto.InvalidCipherTextException;

/**
 * SM4-GCM sealing under a given 128-bit key (envelope encryption's data keys): a fresh random 96-bit IV per value and
 * a 128-bit tag over the value and its context, so a changed byte, another key or another context is refused.
 * The sealed form is IV ‖ ciphertext ‖ tag.
 */
public final class Sm4Gcm {

    public static final int KEY_LENGTH = Sm4.KEY_LENGTH;

    private Sm4Gcm() {
    }

    /** A fresh random 128-bit key. */
    public static byte[] newKey() {
        return KeyMaterial.randomBytes(Sm4.KEY_LENGTH);
    }

    public static byte[] seal(byte[] key, byte[] plaintext, String context) {
        byte[] iv = KeyMaterial.randomBytes(Sm4.IV_LENGTH);
        try {
            byte[] sealed = Sm4.gcm(true, key, iv, aad(context), plaintext);
            return ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
        } catch (InvalidCipherTextException e) {
            throw new CryptoException("SM4 encryption failed", e);
        }
    }

    public static byte[] open(byte[] key, byte[] sealed, String context) {
        if (sealed == null || sealed.length < Sm4.IV_LENGTH + Sm4.TAG_BITS / 8) {
            throw new CryptoException("Encrypted value is too short");
        }
        byte[] iv = Arrays.copyOfRange(sealed, 0, Sm4.IV_LENGTH);
        byte[] body = Arrays.copyOfRange(sealed, Sm4.IV_LENGTH, sealed.length);
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
