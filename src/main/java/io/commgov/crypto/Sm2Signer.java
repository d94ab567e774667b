package io.commgov.crypto;

import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.util.encoders.Hex;
import org.springframework.stereotype.Service;

/**
 * SM2 signatures (GB/T 32918) with the configured key pair, using the standard's default signer id: signs records
 * that must stay verifiable (audit checkpoints, archived segments, reports); anyone with the public key can verify.
 */
@Service
public class Sm2Signer {

    private final ECPrivateKeyParameters privateKey;
    private final ECPublicKeyParameters publicKey;

    Sm2Signer(KeyMaterial keys) {
        this.privateKey = keys.sm2Private;
        this.publicKey = keys.sm2Public;
    }

    /** A signer with a fresh key pair held in memory only: for tools and tests that need their own key. */
    public static Sm2Signer withGeneratedKey() {
        return new Sm2Signer(new KeyMaterial(new CryptoProperties(null, null, null, CryptoProperties.KeyGeneration.MEMORY, null)));
    }

    /** A DER-encoded SM2 signature over {@code data}. */
    public byte[] sign(byte[] data) {
        var signer = new SM2Signer();
        signer.init(true, new ParametersWithRandom(privateKey, new java.security.SecureRandom()));
        signer.update(data, 0, data.length);
        try {
            return signer.generateSignature();
        } catch (CryptoException e) {
            throw new io.commgov.crypto.CryptoException("SM2 signing failed", e);
        }
    }

    /** Whether {@code signature} is this key pair's signature over {@code data}. */
    public boolean verify(byte[] data, byte[] signature) {
        return verify(publicKey, data, signature);
    }

    /** Whether {@code signature} verifies under a public key given as an uncompressed point in hex. */
    public static boolean verify(String publicKeyHex, byte[] data, byte[] signature) {
        return verify(KeyMaterial.publicFromHex(publicKeyHex), data, signature);
    }

    private static boolean verify(ECPublicKeyParameters key, byte[] data, byte[] signature) {
        if (signature == null) {
            return false;
        }
        var verifier = new SM2Signer();
        verifier.init(false, key);
        verifier.update(data, 0, data.length);
        try {
            return verifier.verifySignature(signature);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The public key as an uncompressed point in hex, to publish to verifiers. */
    public String publicKeyHex() {
        return Hex.toHexString(publicKey.getQ().getEncoded(false));
    }

    /** A short, stable name of the key pair: the first 16 hex digits of the SM3 digest of the public key. */
    public String keyId() {
        return Sm3.hashHex(publicKey.getQ().getEncoded(false)).substring(0, 16);
    }
}
