package io.commgov.crypto;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/** The SM4 block cipher (GB/T 32907) raw and in GCM mode; callers use {@link SensitiveData}. */
final class Sm4 {

    static final int KEY_LENGTH = 16;
    static final int IV_LENGTH = 12;
    static final int TAG_BITS = 128;

    private Sm4() {
    }

    /** One block with the raw cipher: only for checking the standard's test vectors. */
    static byte[] encryptBlock(byte[] key, byte[] block) {
        var engine = new SM4Engine();
        engine.init(true, new KeyParameter(key));
        byte[] out = new byte[16];
        engine.processBlock(block, 0, out, 0);
        return out;
    }

    static byte[] gcm(boolean encrypt, byte[] key, byte[] iv, byte[] associatedData, byte[] input) throws InvalidCipherTextException {
        var cipher = GCMBlockCipher.newInstance(new SM4Engine());
        cipher.init(encrypt, new AEADParameters(new KeyParameter(key), TAG_BITS, iv, associatedData));
        byte[] out = new byte[cipher.getOutputSize(input.length)];
        int n = cipher.processBytes(input, 0, input.length, out, 0);
        n += cipher.doFinal(out, n);
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    }
}
