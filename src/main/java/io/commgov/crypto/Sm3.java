package io.commgov.crypto;

import java.nio.charset.StandardCharsets;

import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.util.encoders.Hex;

/** SM3 digests (GB/T 32905) for integrity, and HMAC-SM3 for keyed integrity. */
public final class Sm3 {

    public static final int DIGEST_LENGTH = 32;

    private Sm3() {
    }

    public static byte[] hash(byte[] data) {
        var digest = new SM3Digest();
        digest.update(data, 0, data.length);
        byte[] out = new byte[DIGEST_LENGTH];
        digest.doFinal(out, 0);
        return out;
    }

    /** The SM3 digest of the UTF-8 bytes of {@code text}, as 64 lower-case hex digits. */
    public static String hashHex(String text) {
        return Hex.toHexString(hash(text.getBytes(StandardCharsets.UTF_8)));
    }

    public static String hashHex(byte[] data) {
        return Hex.toHexString(hash(data));
    }

    public static byte[] hmac(byte[] key, byte[] data) {
        var mac = new HMac(new SM3Digest());
        mac.init(new KeyParameter(key));
        mac.update(data, 0, data.length);
        byte[] out = new byte[mac.getMacSize()];
        mac.doFinal(out, 0);
        return out;
    }

    /** Compares two digests in constant time. */
    public static boolean equal(byte[] a, byte[] b) {
        return org.bouncycastle.util.Arrays.constantTimeAreEqual(a, b);
    }
}
