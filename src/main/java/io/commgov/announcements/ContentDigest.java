package io.commgov.announcements;

import io.commgov.crypto.Sm3;

/** SM3 digest of an announcement's content (R-SEC integrity): title, a line break, body, as UTF-8. */
final class ContentDigest {

    private ContentDigest() {
    }

    static String sm3(String title, String body) {
        return Sm3.hashHex(title + "\n" + body);
    }
}
