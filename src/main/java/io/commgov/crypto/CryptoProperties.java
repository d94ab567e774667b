package io.commgov.crypto;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Keys of the {@code commgov.crypto} configuration. Keys are never in the repository: production passes them in the
 * environment ({@code COMMGOV_SM4_KEY}, {@code COMMGOV_SM2_PRIVATE_KEY} or a PKCS#12 keystore); development and tests
 * may let the application generate them ({@link KeyGeneration}).
 */
@ConfigurationProperties("commgov.crypto")
public record CryptoProperties(
        /* 128-bit SM4 key, 32 hex digits or base64 */
        String sm4Key,
        /* SM2 private key: the scalar d as 64 hex digits, or base64 PKCS#8 */
        String sm2PrivateKey,
        Keystore sm2Keystore,
        KeyGeneration generateKeys,
        String dataDir) {

    /**
     * Where else the SM4 master key may come from, and the master key being rotated away from
     * ({@code commgov.crypto.sm4.*}): a PKCS#12 keystore with a 128-bit secret key entry (alias), and the previous key
     * as a value or as another alias of that keystore, needed only until the data keys are re-wrapped.
     */
    @ConfigurationProperties("commgov.crypto.sm4")
    public record MasterKeySources(String previousKey, Keystore keystore, String keystorePreviousAlias) {

        static final MasterKeySources NONE = new MasterKeySources(null, null, null);
    }

    /** A PKCS#12 keystore holding the SM2 signing key. */
    public record Keystore(String path, String password, String alias) {
        boolean isSet() {
            return path != null && !path.isBlank();
        }
    }

    /** What to do when a key is not configured. */
    public enum KeyGeneration {
        /** Fail at start: production. */
        OFF,
        /** Generate fresh keys in memory at every start: tests. */
        MEMORY,
        /** Generate once and keep them under {@code data-dir} (git-ignored): development on the embedded database. */
        DATA_DIR
    }

    public CryptoProperties {
        generateKeys = generateKeys == null ? KeyGeneration.OFF : generateKeys;
        dataDir = dataDir == null || dataDir.isBlank() ? "./data/keys" : dataDir;
    }
}
