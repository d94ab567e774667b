package io.commgov.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import io.commgov.crypto.CryptoProperties.KeyGeneration;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SM4, SM3 and SM2 against the published test vectors, and the key rules of R-SEC. */
class CryptoTest {

    private static final String GB_KEY = "0123456789abcdeffedcba9876543210";

    @Test
    void sm4EncryptsTheStandardsExample() {
        // GB/T 32907-2016 appendix A, example 1: key = plaintext = 0123456789abcdeffedcba9876543210
        byte[] block = Hex.decode(GB_KEY);
        assertThat(Hex.toHexString(Sm4.encryptBlock(block, block))).isEqualTo("681edf34d206965e86b3e94f536e4246");
    }

    @Test
    void sm4EncryptsTheStandardsExampleAMillionTimes() {
        // GB/T 32907-2016 appendix A, example 2: the same block encrypted 1,000,000 times with the same key
        byte[] key = Hex.decode(GB_KEY);
        byte[] block = Hex.decode(GB_KEY);
        for (int i = 0; i < 1_000_000; i++) {
            block = Sm4.encryptBlock(key, block);
        }
        assertThat(Hex.toHexString(block)).isEqualTo("595298c7c6fd271f0402f804c33d3f66");
    }

    @Test
    void sm4GcmMatchesTheRfc8998Example() throws Exception {
        // RFC 8998 appendix A.1 (SM4-GCM)
        byte[] sealed = Sm4.gcm(true, Hex.decode(GB_KEY), Hex.decode("00001234567800000000ABCD"),
                Hex.decode("FEEDFACEDEADBEEFFEEDFACEDEADBEEFABADDAD2"),
                Hex.decode("AAAAAAAAAAAAAAAABBBBBBBBBBBBBBBBCCCCCCCCCCCCCCCCDDDDDDDDDDDDDDDD"
                        + "EEEEEEEEEEEEEEEEFFFFFFFFFFFFFFFFEEEEEEEEEEEEEEEEAAAAAAAAAAAAAAAA"));
        assertThat(Hex.toHexString(sealed)).isEqualToIgnoringCase(
                "17F399F08C67D5EE19D0DC9969C4BB7D5FD46FD3756489069157B282BB200735"
                        + "D82710CA5C22F0CCFA7CBF93D496AC15A56834CBCF98C397B4024A2691233B8D"
                        + "83DE3541E4C2B58177E065A9BF7B62EC");
    }

    @Test
    void sm3HashesTheStandardsExamples() {
        // GB/T 32905-2016 appendix A: "abc" and "abcd" repeated 16 times
        assertThat(Sm3.hashHex("abc")).isEqualTo("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
        assertThat(Sm3.hashHex("abcd".repeat(16))).isEqualTo("debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");
    }

    @Test
    void hmacSm3DependsOnKeyAndData() {
        byte[] data = "audit".getBytes(StandardCharsets.UTF_8);
        byte[] a = Sm3.hmac("k1".getBytes(StandardCharsets.UTF_8), data);
        assertThat(a).hasSize(32);
        assertThat(Sm3.equal(a, Sm3.hmac("k1".getBytes(StandardCharsets.UTF_8), data))).isTrue();
        assertThat(Sm3.equal(a, Sm3.hmac("k2".getBytes(StandardCharsets.UTF_8), data))).isFalse();
    }

    @Test
    void sensitiveDataRoundTripsWithAFreshIvPerValue() {
        var data = new SensitiveData(keys(GB_KEY));
        String first = data.encrypt("13800138000");
        String second = data.encrypt("13800138000");
        assertThat(first).startsWith("sm4gcm:").isNotEqualTo(second).doesNotContain("13800138000");
        assertThat(data.decrypt(first)).isEqualTo("13800138000");
        assertThat(data.decrypt(second)).isEqualTo("13800138000");
        assertThat(data.encrypt(null)).isNull();
        assertThat(data.decrypt(data.encrypt("客户邮箱 a@b.cn"))).isEqualTo("客户邮箱 a@b.cn");
    }

    @Test
    void alteredCiphertextWrongKeyOrWrongContextIsRefused() {
        var data = new SensitiveData(keys(GB_KEY));
        String stored = data.encrypt("contract 42", "client:7:contract");
        byte[] raw = Base64.getDecoder().decode(stored.substring("sm4gcm:".length()));
        raw[raw.length - 20] ^= 1;
        String altered = "sm4gcm:" + Base64.getEncoder().encodeToString(raw);

        assertThat(data.decrypt(stored, "client:7:contract")).isEqualTo("contract 42");
        assertThatThrownBy(() -> data.decrypt(altered, "client:7:contract")).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> data.decrypt(stored, "client:8:contract")).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> new SensitiveData(keys("00112233445566778899aabbccddeeff")).decrypt(stored, "client:7:contract"))
                .isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> data.decrypt("13800138000")).isInstanceOf(CryptoException.class);
    }

    @Test
    void theSm4KeyMayBeGivenInBase64() {
        String base64 = Base64.getEncoder().encodeToString(Hex.decode(GB_KEY));
        String stored = new SensitiveData(keys(GB_KEY)).encrypt("x");
        assertThat(new SensitiveData(keys(base64)).decrypt(stored)).isEqualTo("x");
        assertThatThrownBy(() -> keys("0011")).hasMessageContaining("128 bits");
    }

    @Test
    void sm2SignaturesVerifyOnlyForTheSignedDataAndKey() {
        var signer = new Sm2Signer(keys(GB_KEY));
        byte[] data = "checkpoint 100".getBytes(StandardCharsets.UTF_8);
        byte[] signature = signer.sign(data);

        assertThat(signer.verify(data, signature)).isTrue();
        assertThat(Sm2Signer.verify(signer.publicKeyHex(), data, signature)).isTrue();
        assertThat(signer.verify("checkpoint 101".getBytes(StandardCharsets.UTF_8), signature)).isFalse();
        assertThat(new Sm2Signer(keys(GB_KEY)).verify(data, signature)).as("another generated key pair").isFalse();
        assertThat(signer.verify(data, new byte[] {1, 2, 3})).isFalse();
        assertThat(signer.keyId()).hasSize(16);
    }

    @Test
    void aConfiguredSm2PrivateKeyGivesTheSameKeyPairEveryTime() {
        String d = Hex.toHexString(KeyMaterial.unsigned32(KeyMaterial.generateSm2().getD()));
        var a = new Sm2Signer(new KeyMaterial(new CryptoProperties(GB_KEY, d, null, KeyGeneration.OFF, null)));
        var b = new Sm2Signer(new KeyMaterial(new CryptoProperties(GB_KEY, d, null, KeyGeneration.OFF, null)));
        byte[] data = {42};
        assertThat(b.verify(data, a.sign(data))).isTrue();
        assertThat(a.publicKeyHex()).isEqualTo(b.publicKeyHex()).startsWith("04").hasSize(130);
    }

    @Test
    void withoutConfiguredKeysProductionRefusesToStartNamingTheSetting() {
        assertThatThrownBy(() -> new KeyMaterial(new CryptoProperties(null, null, null, KeyGeneration.OFF, null)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("commgov.crypto.sm4-key");
        assertThatThrownBy(() -> new KeyMaterial(new CryptoProperties(GB_KEY, null, null, KeyGeneration.OFF, null)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("commgov.crypto.sm2-private-key");
    }

    @Test
    void developmentKeysAreGeneratedOnceIntoTheDataDirectory(@TempDir Path dir) throws Exception {
        var properties = new CryptoProperties(null, null, null, KeyGeneration.DATA_DIR, dir.toString());
        var first = new KeyMaterial(properties);
        var second = new KeyMaterial(properties);
        assertThat(second.sm4Key).isEqualTo(first.sm4Key);
        assertThat(second.sm2Private.getD()).isEqualTo(first.sm2Private.getD());
        assertThat(Files.readString(dir.resolve("sm4.key"))).hasSize(32);
        assertThat(new KeyMaterial(new CryptoProperties(null, null, null, KeyGeneration.MEMORY, null)).sm4Key)
                .isNotEqualTo(first.sm4Key);
    }

    private static KeyMaterial keys(String sm4Key) {
        return new KeyMaterial(new CryptoProperties(sm4Key, null, null, KeyGeneration.MEMORY, null));
    }
}
