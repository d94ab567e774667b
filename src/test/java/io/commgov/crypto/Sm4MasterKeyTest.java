package io.commgov.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;

import javax.crypto.spec.SecretKeySpec;

import io.commgov.crypto.CryptoProperties.KeyGeneration;
import io.commgov.crypto.CryptoProperties.MasterKeySources;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SM4 master key from a PKCS#12 keystore (a 128-bit secret key entry, as keytool makes it), and the previous one while rotating. */
class Sm4MasterKeyTest {

    private static final String SM2_D = "1".repeat(64);

    @Test
    void theMasterKeyAndThePreviousOneAreReadFromAPkcs12Keystore(@TempDir Path dir) throws Exception {
        byte[] current = Sm4Gcm.newKey();
        byte[] previous = Sm4Gcm.newKey();
        Path file = dir.resolve("master.p12");
        var store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        var protection = new KeyStore.PasswordProtection("secret".toCharArray());
        store.setEntry("master-2027", new KeyStore.SecretKeyEntry(new SecretKeySpec(current, "AES")), protection);
        store.setEntry("master-2026", new KeyStore.SecretKeyEntry(new SecretKeySpec(previous, "AES")), protection);
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, "secret".toCharArray());
        }

        var keys = new KeyMaterial(new CryptoProperties(null, SM2_D, null, KeyGeneration.OFF, null),
                new MasterKeySources(null, new CryptoProperties.Keystore(file.toString(), "secret", "master-2027"), "master-2026"));
        assertThat(keys.sm4Key).isEqualTo(current);
        assertThat(keys.sm4PreviousKey).isEqualTo(previous);
        var masters = new MasterKeys(keys);
        var wrapped = MasterKeys.of(previous, null).wrap(new byte[16], "k");
        assertThat(masters.knows(wrapped.masterKeyId())).isTrue();
        assertThat(masters.unwrap(wrapped, "k")).isEqualTo(new byte[16]);
        assertThat(masters.wrap(new byte[16], "k").masterKeyId()).isEqualTo(MasterKeys.idOf(current)).isNotEqualTo(wrapped.masterKeyId());

        assertThatThrownBy(() -> new KeyMaterial(new CryptoProperties(null, SM2_D, null, KeyGeneration.OFF, null),
                new MasterKeySources(null, new CryptoProperties.Keystore(file.toString(), "secret", "no-such-alias"), null)))
                .hasMessageContaining("no 128-bit secret key under alias 'no-such-alias'");
        assertThatThrownBy(() -> new KeyMaterial(new CryptoProperties(null, SM2_D, null, KeyGeneration.OFF, null),
                new MasterKeySources(null, new CryptoProperties.Keystore(file.toString(), "wrong", "master-2027"), null)))
                .hasMessageContaining("Cannot read the SM4 keystore");
    }

    @Test
    void valuesSealedUnderThePreviousMasterKeyStillOpenWhileItIsConfigured() {
        String old = "0123456789abcdeffedcba9876543210";
        String sealed = new SensitiveData(new KeyMaterial(new CryptoProperties(old, SM2_D, null, KeyGeneration.OFF, null))).encrypt("x", "c");
        String next = Hex.toHexString(Sm4Gcm.newKey());
        var rotating = new SensitiveData(new KeyMaterial(new CryptoProperties(next, SM2_D, null, KeyGeneration.OFF, null),
                new MasterKeySources(old, null, null)));
        assertThat(rotating.decrypt(sealed, "c")).isEqualTo("x");
        var rotated = new SensitiveData(new KeyMaterial(new CryptoProperties(next, SM2_D, null, KeyGeneration.OFF, null)));
        assertThatThrownBy(() -> rotated.decrypt(sealed, "c")).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> new KeyMaterial(new CryptoProperties(next, SM2_D, null, KeyGeneration.OFF, null),
                new MasterKeySources("0011", null, null))).hasMessageContaining("commgov.crypto.sm4.previous-key");
    }
}
