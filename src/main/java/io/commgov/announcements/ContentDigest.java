package io.commgov.announcements;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.bouncycastle.crypto.digests.SM3Digest;

/** SM3 digest of an announcement's content (R-SEC integrity): title, a line break, body, as UTF-8. */
final class ContentDigest {

    private ContentDigest() {
    }

    static String sm3(String title, String body) {
        byte[] bytes = (title + "\n" + body).getBytes(StandardCharsets.UTF_8);
        var digest = new SM3Digest();
        digest.update(bytes, 0, bytes.length);
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return HexFormat.of().formatHex(out);
    }
}
