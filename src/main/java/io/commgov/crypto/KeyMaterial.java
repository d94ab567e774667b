package io.commgov.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.util.Base64;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.gm.GMNamedCurves;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.util.encoders.Hex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the configured keys, or generates them where configuration allows; refuses to start without them otherwise. */
final class KeyMaterial {

    private static final Logger log = LoggerFactory.getLogger(KeyMaterial.class);
    static final ECDomainParameters SM2_DOMAIN = new ECDomainParameters(GMNamedCurves.getByName("sm2p256v1"));
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The SM4 master key: it wraps the data keys of the encrypted store and seals values and backups directly. */
    final byte[] sm4Key;
    /** The master key being rotated away from, or {@code null}: needed only until every data key is re-wrapped. */
    final byte[] sm4PreviousKey;
    final ECPrivateKeyParameters sm2Private;
    final ECPublicKeyParameters sm2Public;

    KeyMaterial(CryptoProperties properties) {
        this(properties, CryptoProperties.MasterKeySources.NONE);
    }

    KeyMaterial(CryptoProperties properties, CryptoProperties.MasterKeySources sources) {
        this.sm4Key = sm4Key(properties, sources);
        this.sm4PreviousKey = sm4PreviousKey(sources);
        this.sm2Private = sm2Private(properties);
        this.sm2Public = publicOf(sm2Private);
    }

    static ECPublicKeyParameters publicOf(ECPrivateKeyParameters privateKey) {
        return new ECPublicKeyParameters(SM2_DOMAIN.getG().multiply(privateKey.getD()).normalize(), SM2_DOMAIN);
    }

    static ECPublicKeyParameters publicFromHex(String encodedPoint) {
        return new ECPublicKeyParameters(SM2_DOMAIN.getCurve().decodePoint(Hex.decode(encodedPoint)), SM2_DOMAIN);
    }

    private static byte[] sm4Key(CryptoProperties p, CryptoProperties.MasterKeySources sources) {
        if (isSet(p.sm4Key())) {
            return sm4KeyValue(p.sm4Key(), "commgov.crypto.sm4-key");
        }
        if (sources.keystore() != null && sources.keystore().isSet()) {
            return secretFromKeystore(sources.keystore(), sources.keystore().alias());
        }
        return switch (p.generateKeys()) {
            case OFF -> throw new IllegalStateException("No SM4 key configured: set commgov.crypto.sm4-key (environment COMMGOV_SM4_KEY,"
                    + " 32 hex digits) or commgov.crypto.sm4.keystore.path (COMMGOV_SM4_KEYSTORE, PKCS#12);"
                    + " sensitive data cannot be stored without it (R-SEC)");
            case MEMORY -> randomBytes(Sm4.KEY_LENGTH);
            case DATA_DIR -> Hex.decode(keptInDataDir(p, "sm4.key", () -> Hex.toHexString(randomBytes(Sm4.KEY_LENGTH))));
        };
    }

    private static byte[] sm4PreviousKey(CryptoProperties.MasterKeySources sources) {
        if (isSet(sources.previousKey())) {
            return sm4KeyValue(sources.previousKey(), "commgov.crypto.sm4.previous-key");
        }
        if (isSet(sources.keystorePreviousAlias()) && sources.keystore() != null && sources.keystore().isSet()) {
            return secretFromKeystore(sources.keystore(), sources.keystorePreviousAlias());
        }
        return null;
    }

    private static byte[] sm4KeyValue(String value, String property) {
        byte[] key = decode(value, property);
        if (key.length != Sm4.KEY_LENGTH) {
            throw new IllegalStateException(property + " must be 128 bits (32 hex digits or 24 base64 characters), is "
                    + key.length * 8 + " bits");
        }
        return key;
    }

    /** A 128-bit secret key entry (e.g. {@code keytool -genseckey -keyalg AES -keysize 128 -storetype PKCS12}) used as SM4 key. */
    private static byte[] secretFromKeystore(CryptoProperties.Keystore keystore, String alias) {
        char[] password = keystore.password() == null ? new char[0] : keystore.password().toCharArray();
        try (InputStream in = Files.newInputStream(Path.of(keystore.path()))) {
            var store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            String name = isSet(alias) ? alias : store.aliases().nextElement();
            if (!(store.getKey(name, password) instanceof javax.crypto.SecretKey key) || key.getEncoded() == null
                    || key.getEncoded().length != Sm4.KEY_LENGTH) {
                throw new IllegalStateException("Keystore " + keystore.path() + " has no 128-bit secret key under alias '" + name + "'");
            }
            return key.getEncoded();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the SM4 keystore " + keystore.path() + ": " + e.getMessage(), e);
        }
    }

    private static ECPrivateKeyParameters sm2Private(CryptoProperties p) {
        if (isSet(p.sm2PrivateKey())) {
            return fromConfiguredPrivateKey(p.sm2PrivateKey());
        }
        if (p.sm2Keystore() != null && p.sm2Keystore().isSet()) {
            return fromKeystore(p.sm2Keystore());
        }
        return switch (p.generateKeys()) {
            case OFF -> throw new IllegalStateException("No SM2 signing key configured: set commgov.crypto.sm2-private-key (environment"
                    + " COMMGOV_SM2_PRIVATE_KEY, 64 hex digits) or commgov.crypto.sm2-keystore.path (PKCS#12); the audit trail is signed with it (R-LOG)");
            case MEMORY -> generateSm2();
            case DATA_DIR -> new ECPrivateKeyParameters(new BigInteger(1, Hex.decode(keptInDataDir(p, "sm2.key",
                    () -> Hex.toHexString(unsigned32(generateSm2().getD()))))), SM2_DOMAIN);
        };
    }

    static ECPrivateKeyParameters generateSm2() {
        var generator = new ECKeyPairGenerator();
        generator.init(new ECKeyGenerationParameters(SM2_DOMAIN, RANDOM));
        return (ECPrivateKeyParameters) generator.generateKeyPair().getPrivate();
    }

    private static ECPrivateKeyParameters fromConfiguredPrivateKey(String value) {
        String v = value.strip();
        if (v.length() == 64 && HEX.matcher(v).matches()) {
            return new ECPrivateKeyParameters(new BigInteger(1, Hex.decode(v)), SM2_DOMAIN);
        }
        try {
            var info = PrivateKeyInfo.getInstance(Base64.getDecoder().decode(v));
            var ec = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey());
            return new ECPrivateKeyParameters(ec.getKey(), SM2_DOMAIN);
        } catch (IllegalArgumentException | IOException e) {
            throw new IllegalStateException("commgov.crypto.sm2-private-key must be 64 hex digits or a base64 PKCS#8 SM2 key", e);
        }
    }

    private static ECPrivateKeyParameters fromKeystore(CryptoProperties.Keystore keystore) {
        char[] password = keystore.password() == null ? new char[0] : keystore.password().toCharArray();
        try (InputStream in = Files.newInputStream(Path.of(keystore.path()))) {
            var store = KeyStore.getInstance("PKCS12", new BouncyCastleProvider());
            store.load(in, password);
            String alias = isSet(keystore.alias()) ? keystore.alias() : store.aliases().nextElement();
            if (!(store.getKey(alias, password) instanceof ECPrivateKey key)) {
                throw new IllegalStateException("Keystore " + keystore.path() + " has no EC (SM2) private key under alias '" + alias + "'");
            }
            return new ECPrivateKeyParameters(key.getS(), SM2_DOMAIN);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the SM2 keystore " + keystore.path() + ": " + e.getMessage(), e);
        }
    }

    private static String keptInDataDir(CryptoProperties p, String file, java.util.function.Supplier<String> generate) {
        Path path = Path.of(p.dataDir(), file);
        try {
            if (Files.exists(path)) {
                return Files.readString(path, StandardCharsets.US_ASCII).strip();
            }
            Files.createDirectories(path.getParent());
            String value = generate.get();
            Files.writeString(path, value, StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            log.warn("Generated a development key {}; configure commgov.crypto keys for production", path.toAbsolutePath());
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the development key " + path, e);
        }
    }

    static byte[] decode(String value, String property) {
        String v = value.strip();
        if (HEX.matcher(v).matches() && v.length() % 2 == 0) {
            return Hex.decode(v);
        }
        try {
            return Base64.getDecoder().decode(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(property + " is neither hex nor base64", e);
        }
    }

    static byte[] unsigned32(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
        return out;
    }

    static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static boolean isSet(String s) {
        return s != null && !s.isBlank();
    }
}
