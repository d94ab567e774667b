package io.commgov.notify;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Message formats of the common enterprise IM robots. Each knows its JSON body and how the robot wants the signature
 * (DingTalk: {@code timestamp} and {@code sign} query parameters; Feishu: {@code timestamp} and {@code sign} in the body;
 * WeCom: the key is part of the URL). Every format also carries CommGov's own signature headers.
 */
public enum ImFormat {

    DINGTALK {
        @Override
        Map<String, Object> body(String message, long timestampMillis, String secret) {
            return Map.of("msgtype", "text", "text", Map.of("content", message));
        }

        @Override
        String url(String url, long timestampMillis, String secret) {
            if (secret == null || secret.isBlank()) {
                return url;
            }
            String sign = Signatures.base64HmacSha256(secret.getBytes(StandardCharsets.UTF_8),
                    (timestampMillis + "\n" + secret).getBytes(StandardCharsets.UTF_8));
            return url + (url.contains("?") ? "&" : "?") + "timestamp=" + timestampMillis
                    + "&sign=" + java.net.URLEncoder.encode(sign, StandardCharsets.UTF_8);
        }
    },

    WECOM {
        @Override
        Map<String, Object> body(String message, long timestampMillis, String secret) {
            return Map.of("msgtype", "text", "text", Map.of("content", message));
        }
    },

    FEISHU {
        @Override
        Map<String, Object> body(String message, long timestampMillis, String secret) {
            var body = new LinkedHashMap<String, Object>();
            if (secret != null && !secret.isBlank()) {
                long seconds = timestampMillis / 1000;
                body.put("timestamp", String.valueOf(seconds));
                // Feishu signs an empty message with the key "timestamp\nsecret"
                body.put("sign", Signatures.base64HmacSha256((seconds + "\n" + secret).getBytes(StandardCharsets.UTF_8), new byte[0]));
            }
            body.put("msg_type", "text");
            body.put("content", Map.of("text", message));
            return body;
        }
    },

    /** A plain JSON body for a platform of one's own: {@code {"text": …}}. */
    GENERIC {
        @Override
        Map<String, Object> body(String message, long timestampMillis, String secret) {
            return Map.of("text", message);
        }
    };

    abstract Map<String, Object> body(String message, long timestampMillis, String secret);

    String url(String url, long timestampMillis, String secret) {
        return url;
    }

    static final class Signatures {
        private Signatures() {
        }

        static String base64HmacSha256(byte[] key, byte[] data) {
            return Base64.getEncoder().encodeToString(hmacSha256(key, data));
        }

        static byte[] hmacSha256(byte[] key, byte[] data) {
            try {
                var mac = javax.crypto.Mac.getInstance("HmacSHA256");
                mac.init(new javax.crypto.spec.SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA256"));
                return mac.doFinal(data);
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is not available", e);
            }
        }

        static String hex(byte[] bytes) {
            return java.util.HexFormat.of().formatHex(bytes);
        }
    }
}
