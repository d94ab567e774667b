package io.commgov.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;

import io.commgov.crypto.CryptoProperties.KeyGeneration;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SM2 signing key may come from a PKCS#12 keystore (as issued with a self-signed or CA certificate). */
class Sm2KeystoreTest {

    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    @Test
    void theSigningKeyIsReadFromAPkcs12Keystore(@TempDir Path dir) throws Exception {
        var generator = KeyPairGenerator.getInstance("EC", BC);
        generator.initialize(new ECGenParameterSpec("sm2p256v1"));
        var pair = generator.generateKeyPair();
        Path file = dir.resolve("audit-signing.p12");
        var store = KeyStore.getInstance("PKCS12", BC);
        store.load(null, null);
        store.setKeyEntry("audit", pair.getPrivate(), "secret".toCharArray(), new Certificate[] {selfSigned(pair)});
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, "secret".toCharArray());
        }

        var keys = new KeyMaterial(new CryptoProperties("0123456789abcdeffedcba9876543210", null,
                new CryptoProperties.Keystore(file.toString(), "secret", "audit"), KeyGeneration.OFF, null));
        BigInteger expected = ((ECPrivateKey) pair.getPrivate()).getS();
        assertThat(keys.sm2Private.getD()).isEqualTo(expected);
        var signer = new Sm2Signer(keys);
        assertThat(signer.verify(new byte[] {7}, signer.sign(new byte[] {7}))).isTrue();

        assertThatThrownBy(() -> new KeyMaterial(new CryptoProperties("0123456789abcdeffedcba9876543210", null,
                new CryptoProperties.Keystore(file.toString(), "wrong", "audit"), KeyGeneration.OFF, null)))
                .hasMessageContaining("Cannot read the SM2 keystore");
    }

    private static Certificate selfSigned(java.security.KeyPair pair) throws Exception {
        var algorithm = new AlgorithmIdentifier(GMObjectIdentifiers.sm2sign_with_sm3);
        var tbs = new V3TBSCertificateGenerator();
        tbs.setSerialNumber(new ASN1Integer(1));
        tbs.setSignature(algorithm);
        var name = new X500Name("CN=commgov-audit-test");
        tbs.setIssuer(name);
        tbs.setSubject(name);
        tbs.setStartDate(new Time(new Date()));
        tbs.setEndDate(new Time(new Date(System.currentTimeMillis() + 86_400_000L)));
        tbs.setSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded()));
        var certificate = tbs.generateTBSCertificate();
        var signature = Signature.getInstance("SM3withSM2", BC);
        signature.initSign(pair.getPrivate());
        signature.update(certificate.getEncoded());
        var sequence = new ASN1EncodableVector();
        sequence.add(certificate);
        sequence.add(algorithm);
        sequence.add(new DERBitString(signature.sign()));
        return CertificateFactory.getInstance("X.509", BC).generateCertificate(new ByteArrayInputStream(new DERSequence(sequence).getEncoded()));
    }
}
